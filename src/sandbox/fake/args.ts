import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { withMessages } from './errors.js';

/** Fields the WebClient JSON-encodes inside a form body; parsed back so tests see structures. */
const JSON_FIELDS = new Set([
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'user_auth_blocks',
  'chunks',
  'prompts',
  'loading_messages',
]);

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

export interface ParsedBody {
  fields: Record<string, unknown>;
  /** Binary parts of a multipart body (file uploads). */
  binaries: Map<string, Buffer>;
}

/** Form, JSON and multipart bodies, as the WebClient and other Slack clients send them. */
export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const fields: Record<string, unknown> = {};
  const binaries = new Map<string, Buffer>();
  if (raw.length === 0) return { fields, binaries };
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw withMessages('invalid_json', ['body must be a JSON object']);
    }
    Object.assign(fields, parsed);
  } else if (type === 'multipart/form-data') {
    // undici's Response knows how to read multipart bodies; no hand-written parser needed.
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType ?? '' } }).formData();
    const parts: [string, FormDataEntryValue][] = [];
    form.forEach((value, key) => parts.push([key, value]));
    for (const [key, value] of parts) {
      if (typeof value === 'string') fields[key] = value;
      else binaries.set(key, Buffer.from(await value.arrayBuffer()));
    }
  } else {
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) fields[key] = value;
  }
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (JSON_FIELDS.has(key) && typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        fields[key] = JSON.parse(value);
      } catch (cause) {
        throw withMessages(key === 'blocks' ? 'invalid_blocks_format' : 'invalid_arguments', [
          `${key} is not valid JSON: ${(cause as Error).message}`,
        ]);
      }
    }
  }
  return { fields, binaries };
}

/** Form bodies carry everything as strings: accept both spellings. */
export const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', ''])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const optionalString = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .optional();

/** Validates method arguments; a mismatch becomes Slack's invalid_arguments with readable messages. */
export function parseArgs<S extends z.ZodType>(schema: S, args: Record<string, unknown>): z.output<S> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  throw withMessagesFrom('invalid_arguments', result.error);
}

/** A zod failure as Slack's error shape, each message pointing at the field (under `field` when given). */
export function withMessagesFrom(code: string, error: z.ZodError, field?: string) {
  const prefix = field === undefined ? '' : `/${field}`;
  return withMessages(
    code,
    error.issues.map((i) => `${i.message} [json-pointer:${prefix}/${i.path.map(String).join('/')}]`),
  );
}

/** Opaque pagination cursor over an offset, like Slack's base64 "next_cursor". */
export function paginate<T>(items: T[], cursor: unknown, limit: unknown, defaultLimit = 100) {
  const offset = typeof cursor === 'string' && cursor !== '' ? decodeCursor(cursor) : 0;
  const size = Math.max(1, Math.min(1000, Number(limit) || defaultLimit));
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(`offset:${offset + size}`).toString('base64') : '';
  return { page, nextCursor: next };
}

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match?.[1]) throw withMessages('invalid_cursor', ['cursor is not one this API issued']);
  return Number(match[1]);
}
