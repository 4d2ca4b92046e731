import { z } from 'zod';

/** Validation of search requests, kept apart from the SQL. */

export const MAX_QUERY_CHARS = 500;
export const MAX_PAGE_SIZE = 50;
export const MAX_OFFSET = 10_000;

export class SearchValidationError extends Error {
  readonly code = 'invalid_input:search';
  constructor(readonly issues: string[]) {
    super(`Invalid search: ${issues.join('; ')}`);
    this.name = 'SearchValidationError';
  }
}

// C0/C1 control characters (NUL included): Postgres text cannot hold NUL, and none of them mean anything to a query.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes control characters and unpaired surrogates, collapsing what they separated into single spaces. */
export function cleanQueryText(raw: string): string {
  return raw.replace(LONE_SURROGATES, ' ').replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

const id = z.string().trim().min(1).max(64);

export const SearchInputSchema = z
  .object({
    teamId: id,
    query: z
      .string()
      .transform(cleanQueryText)
      .pipe(
        z
          .string()
          .min(1, 'query is empty')
          .max(MAX_QUERY_CHARS, `query is longer than ${MAX_QUERY_CHARS} characters`),
      ),
    visiblePrivateChannelIds: z.array(id).max(10_000).default([]),
    filters: z
      .object({
        system: z.string().transform(cleanQueryText).pipe(z.string().min(1).max(80)).optional(),
        authorId: id.optional(),
        channelId: id.optional(),
        from: z.date().optional(),
        to: z.date().optional(),
      })
      .refine((f) => !f.from || !f.to || f.from.getTime() <= f.to.getTime(), {
        message: '"from" must not be after "to"',
        path: ['from'],
      })
      .default({}),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(10),
    offset: z.number().int().min(0).max(MAX_OFFSET).default(0),
  });

export type SearchInput = z.input<typeof SearchInputSchema>;
export type ValidSearchInput = z.output<typeof SearchInputSchema>;

export function parseSearchInput(input: unknown): ValidSearchInput {
  const parsed = SearchInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new SearchValidationError(
      parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)),
    );
  }
  return parsed.data;
}
