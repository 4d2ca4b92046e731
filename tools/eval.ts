import { evaluateCase } from '../test/corpus/evaluate.js';
import { evaluateReply } from '../test/corpus/evaluate-reply.js';
import { evaluateRequest } from '../test/corpus/evaluate-request.js';
import { loadDesignCases, loadReplyCases, loadRequestCases } from '../test/corpus/load.js';
import type { CaseCheck } from '../test/corpus/evaluate.js';

/**
 * `npm run eval [-- filter] [-- --verbose] [-- --designs|--requests|--replies]`: the corpora of test/corpus through
 * the offline side of the product — design cases (inputs → design), request cases (free text → inputs →
 * design) and reply cases (a thread reply → a revision or an answer) — one row per case with the checks that
 * failed, and the totals of each. The unit suite runs the same cases; this is the view for working on them.
 */

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const filter = args.find((a) => !a.startsWith('--'));
const only = (['designs', 'requests', 'replies'] as const).filter((k) => args.includes(`--${k}`));
const wanted = (k: (typeof only)[number]) => only.length === 0 || only.includes(k);

interface Row {
  name: string;
  checks: CaseCheck[];
  words?: number;
}

function table(title: string, rows: Row[]): boolean {
  const failed = (r: Row) => r.checks.filter((x) => !x.passed);
  const cells = rows.map((r) => [r.name, r.words === undefined ? '' : String(r.words), `${r.checks.length - failed(r).length}/${r.checks.length}`, failed(r).map((f) => f.id).join(', ') || '—']);
  const header = ['case', 'words', 'checks', 'failed'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 || i === 2 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(`\n${title}\n${line(header)}`);
  for (const c of cells) console.log(line(c));
  if (verbose) for (const r of rows) for (const f of failed(r)) console.log(`  ${r.name} ${f.id}: ${f.detail}`);
  const checks = rows.reduce((s, r) => s + r.checks.length, 0);
  const passed = rows.reduce((s, r) => s + r.checks.length - failed(r).length, 0);
  const clean = rows.filter((r) => failed(r).length === 0).length;
  console.log(`${title}: ${clean}/${rows.length} cases pass every check; ${passed}/${checks} checks pass (${((passed / Math.max(1, checks)) * 100).toFixed(1)}%).`);
  return clean === rows.length;
}

const match = (name: string) => !filter || name.includes(filter);
let ok = true;
if (wanted('designs')) {
  const rows: Row[] = [];
  for (const c of loadDesignCases().filter((x) => match(x.name))) {
    const r = await evaluateCase(c);
    rows.push({ name: c.name, checks: r.checks, words: r.words });
  }
  ok = table('Designs (inputs → design)', rows) && ok;
}
if (wanted('requests')) {
  const rows: Row[] = [];
  for (const c of loadRequestCases().filter((x) => match(x.name))) {
    const r = await evaluateRequest(c);
    rows.push({ name: c.name, checks: r.checks, ...(r.words ? { words: r.words } : {}) });
  }
  ok = table('Requests (free text → inputs → design)', rows) && ok;
}
if (wanted('replies')) {
  const rows: Row[] = [];
  for (const c of loadReplyCases().filter((x) => match(x.name))) {
    const r = await evaluateReply(c);
    rows.push({ name: c.name, checks: r.checks });
  }
  ok = table('Replies (thread reply → revision or answer)', rows) && ok;
}
process.exitCode = ok ? 0 : 1;
