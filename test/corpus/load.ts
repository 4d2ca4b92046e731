import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { DesignCaseSchema, type DesignCase } from './design-case.js';
import { ReplyCaseSchema, type ReplyCase } from './reply-case.js';
import { RequestCaseSchema, type RequestCase } from './request-case.js';

/** Every case in test/corpus/<folder>/*.json (each file an array of cases), validated, names unique. */
function loadCases<T extends { name: string }>(folder: string, schema: z.ZodType<T>): T[] {
  const dir = join(import.meta.dirname, folder);
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown[];
      return raw.map((c, i) => {
        const parsed = schema.safeParse(c);
        if (!parsed.success) throw new Error(`${folder}/${file}[${i}]: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
        return parsed.data;
      });
    });
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`${folder} case ${c.name} appears twice`);
    names.add(c.name);
  }
  return cases;
}

/** Design cases: inputs as JSON and the properties of a correct design. */
export function loadDesignCases(): DesignCase[] {
  return loadCases('designs', DesignCaseSchema);
}

/** Request cases: free text as people type it, its expected reading, and the design it must lead to. */
export function loadRequestCases(): RequestCase[] {
  return loadCases('requests', RequestCaseSchema);
}

/** Reply cases: a reply in a design's thread and what it must change or answer. */
export function loadReplyCases(): ReplyCase[] {
  return loadCases('replies', ReplyCaseSchema);
}
