import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DesignCaseSchema, type DesignCase } from './design-case.js';

/** Every design case in test/corpus/designs/*.json, validated. */
export function loadDesignCases(): DesignCase[] {
  const dir = join(import.meta.dirname, 'designs');
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown[];
      return raw.map((c, i) => {
        const parsed = DesignCaseSchema.safeParse(c);
        if (!parsed.success) throw new Error(`${file}[${i}]: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
        return parsed.data;
      });
    });
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`design case ${c.name} appears twice`);
    names.add(c.name);
  }
  return cases;
}
