import { evaluateCase } from '../test/corpus/evaluate.js';
import { loadDesignCases } from '../test/corpus/load.js';

/**
 * `npm run eval [-- filter] [-- --verbose]`: every case of the design corpus (test/corpus/designs) through the
 * offline engine, one row each — words, checks passed, the checks that failed — and the totals. The unit suite
 * runs the same cases; this is the view for working on the knowledge and the rules.
 */

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const filter = args.find((a) => !a.startsWith('--'));
const cases = loadDesignCases().filter((c) => !filter || c.name.includes(filter));

let checks = 0;
let passed = 0;
let clean = 0;
const rows: string[][] = [];
for (const c of cases) {
  const r = await evaluateCase(c);
  const failed = r.checks.filter((x) => !x.passed);
  checks += r.checks.length;
  passed += r.checks.length - failed.length;
  if (failed.length === 0) clean += 1;
  rows.push([c.name, String(r.words), `${r.checks.length - failed.length}/${r.checks.length}`, failed.map((f) => f.id).join(', ') || '—']);
  if (verbose) for (const f of failed) console.log(`  ${c.name} ${f.id}: ${f.detail}`);
}

const header = ['case', 'words', 'checks', 'failed'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(`\n${clean}/${cases.length} cases pass every check; ${passed}/${checks} checks pass (${((passed / Math.max(1, checks)) * 100).toFixed(1)}%).`);
process.exitCode = clean === cases.length ? 0 : 1;
