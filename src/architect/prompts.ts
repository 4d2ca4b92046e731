import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The model's instructions live in prompts/*.md (kept out of TS strings so they can be reviewed as text).
 * Nothing is read at import: call loadPrompts() from the composition root.
 */

export interface Prompts {
  /** System prompt for designing (and the shared spec for revisions and answers). */
  architect: string;
  /** Follow-ups: revise, answer, classify. */
  revise: string;
  /** Free text → integration inputs. */
  extract: string;
}

export const PROMPT_FILES: Record<keyof Prompts, string> = {
  architect: 'architect.md',
  revise: 'revise.md',
  extract: 'extract.md',
};

/** prompts/ at the repository root, resolved from this module's location (src/architect/ → ../../prompts). */
export function defaultPromptsDir(): string {
  return fileURLToPath(new URL('../../prompts/', import.meta.url));
}

export class PromptError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PromptError';
  }
}

/** Reads every prompt file; fails loudly on a missing or empty one rather than sending an empty system prompt. */
export async function loadPrompts(options: { dir?: string } = {}): Promise<Prompts> {
  const dir = options.dir ?? defaultPromptsDir();
  const entries = await Promise.all(
    (Object.keys(PROMPT_FILES) as (keyof Prompts)[]).map(async (key) => {
      const file = path.join(dir, PROMPT_FILES[key]);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new PromptError(`cannot read prompt ${file}`, { cause: error });
      }
      if (text.trim() === '') throw new PromptError(`prompt ${file} is empty`);
      return [key, text.trim()] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as Prompts;
}
