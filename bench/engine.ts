import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseDocument } from '../src/architect/document.js';
import { createOfflineEngine } from '../src/architect/engines/offline.js';
import type { IntegrationInputs } from '../src/architect/inputs.js';
import { buildPlan } from '../src/architect/plan/index.js';
import { checkQuality } from '../src/architect/quality/index.js';
import { renderPlan } from '../src/architect/render/index.js';
import { scenarios } from '../test/unit/engines/scenarios.js';
import { isMain, mib, ms, printTable, ratio } from './stats.js';

/**
 * `npx tsx bench/engine.ts [--designs 3000 --rounds 20]` (also part of `npm run bench`).
 *
 * The offline engine on the varied inputs of test/unit/engines/scenarios.ts (9 scenarios: webhook, batch ERP,
 * bidirectional CRM, SMS, Kafka, polling, fan-out, a 4-flow mesh, over a rate limit).
 *  - throughput: `designs` engine.design() calls round-robin over the scenarios, designs per second;
 *  - memory: heap used after a full GC before the run, right after it (garbage included), and after a full GC
 *    again; "retained per design" is what each half of the run left behind: growth in the first half only is V8
 *    warming up (compiled code, type feedback), growth that goes on in the second half would be a leak;
 *  - breakdown: for `rounds` rounds, each stage timed on its own — plan (knowledge, rules, calculators), render
 *    (markdown, including the gate-guarded cuts for length), parse (sections), quality gate — as a share of one
 *    whole engine.design() call.
 */

export interface EngineBenchOptions {
  designs?: number;
  rounds?: number;
  /** Upper bound for each pass. */
  passLimitSeconds?: number;
}

interface StageTimes {
  design: number;
  plan: number;
  render: number;
  parse: number;
  gate: number;
}

export interface EngineBenchResult {
  scenarios: number;
  designs: number;
  wallMs: number;
  designsPerSecond: number;
  /** Bytes; retainedPerDesign is [first half, second half] of the run. */
  heap: { before: number; after: number; afterGc: number; retainedPerDesign: [number, number] };
  /** Totals over the breakdown pass, in ms. */
  stages: StageTimes;
  breakdownDesigns: number;
  perScenario: { name: string; designMs: number; gateMs: number; words: number; passed: boolean }[];
  gatePassed: number;
}

/** V8 can expose gc() at run time; full collections make the before/after heap figures comparable. */
function fullGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

export async function runEngineBench(options: EngineBenchOptions = {}): Promise<EngineBenchResult> {
  const target = options.designs ?? 3000;
  const rounds = options.rounds ?? 20;
  const limitMs = (options.passLimitSeconds ?? 30) * 1000;
  const engine = createOfflineEngine();
  const entries = Object.entries(scenarios) as [string, IntegrationInputs][];
  const gc = fullGc();

  for (const [, inputs] of entries) await engine.design(inputs); // warm-up: JIT and lazily built tables

  // Throughput and memory: nothing from the run is kept, so whatever the heap still holds after GC was retained.
  // Two halves with a GC between them: growth that stops in the second half is V8 warming up (compiled code,
  // type feedback), growth that continues is a leak.
  let gatePassed = 0;
  let designs = 0;
  let wallMs = 0;
  // Each half gets half the time: a slow machine that spent it all on the first half measured no second half.
  const half = async (until: number) => {
    const start = performance.now();
    while (designs < until && performance.now() - start < limitMs / 2) {
      const result = await engine.design(entries[designs % entries.length]![1]);
      if (result.quality.passed) gatePassed += 1;
      designs += 1;
    }
    wallMs += performance.now() - start;
  };
  gc();
  const before = process.memoryUsage().heapUsed;
  await half(Math.floor(target / 2));
  const firstHalf = designs;
  gc();
  const middle = process.memoryUsage().heapUsed;
  await half(target);
  const after = process.memoryUsage().heapUsed;
  gc();
  const afterGc = process.memoryUsage().heapUsed;

  // Breakdown: each stage on its own, against whole designs of the same inputs.
  const stages: StageTimes = { design: 0, plan: 0, render: 0, parse: 0, gate: 0 };
  const perScenario = new Map<string, { design: number; gate: number; n: number; words: number; passed: boolean }>();
  const time = <T>(stage: keyof StageTimes, fn: () => T): { value: T; ms: number } => {
    const t = performance.now();
    const value = fn();
    const elapsed = performance.now() - t;
    stages[stage] += elapsed;
    return { value, ms: elapsed };
  };
  let breakdownDesigns = 0;
  const breakdownStart = performance.now();
  for (let r = 0; r < rounds && performance.now() - breakdownStart < limitMs; r += 1) {
    for (const [name, inputs] of entries) {
      const t = performance.now();
      const result = await engine.design(inputs);
      const designMs = performance.now() - t;
      stages.design += designMs;
      const plan = time('plan', () => buildPlan(inputs)).value;
      // Rendering includes the length compaction, which asks the gate about each cut.
      const markdown = time('render', () => renderPlan(plan, (md) => checkQuality(md, plan).checks.filter((c) => !c.passed && c.id !== 'word-count').length)).value;
      time('parse', () => parseDocument(markdown));
      const gate = time('gate', () => checkQuality(markdown, plan));
      const row = perScenario.get(name) ?? { design: 0, gate: 0, n: 0, words: 0, passed: true };
      perScenario.set(name, {
        design: row.design + designMs,
        gate: row.gate + gate.ms,
        n: row.n + 1,
        words: result.quality.wordCount,
        passed: row.passed && gate.value.passed,
      });
      breakdownDesigns += 1;
    }
  }

  return {
    scenarios: entries.length,
    designs,
    wallMs,
    designsPerSecond: designs / (wallMs / 1000),
    heap: { before, after, afterGc, retainedPerDesign: [(middle - before) / firstHalf, (afterGc - middle) / (designs - firstHalf)] },
    stages,
    breakdownDesigns,
    perScenario: [...perScenario].map(([name, r]) => ({ name, designMs: r.design / r.n, gateMs: r.gate / r.n, words: r.words, passed: r.passed })),
    gatePassed,
  };
}

export function engineRows(r: EngineBenchResult): [string, string][] {
  const s = r.stages;
  const share = (v: number) => `${ratio(v, s.design)}  (${ms(v / r.breakdownDesigns, 2)} per design)`;
  return [
    ['designs / s', `${r.designsPerSecond.toFixed(0)}  (${r.designs} designs over ${r.scenarios} scenarios in ${(r.wallMs / 1000).toFixed(2)} s)`],
    ['mean design time', ms(r.wallMs / r.designs, 2)],
    ['quality gate passed', `${r.gatePassed}/${r.designs}`],
    ['quality gate / design time', share(s.gate)],
    ['plan (calculators) / design', share(s.plan)],
    ['render markdown / design', share(s.render)],
    ['parse sections / design', share(s.parse)],
    [
      'heap before → after → after GC',
      `${mib(r.heap.before)} → ${mib(r.heap.after)} → ${mib(r.heap.afterGc)}  (after GC / before ${ratio(r.heap.afterGc, r.heap.before)})`,
    ],
    ['retained per design, 1st / 2nd half', r.heap.retainedPerDesign.map((b) => (Number.isFinite(b) ? `${(b / 1024).toFixed(2)} KiB` : 'n/a')).join(' / ')],
    ...r.perScenario.map((p): [string, string] => [
      `  ${p.name}`,
      `design ${ms(p.designMs, 2)}  gate ${ms(p.gateMs, 2)}  gate/design ${ratio(p.gateMs, p.designMs)}  ${p.words} words${p.passed ? '' : '  GATE FAILED'}`,
    ]),
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { designs: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '20' } },
  });
  const result = await runEngineBench({ designs: Number(values.designs), rounds: Number(values.rounds) });
  printTable('Offline engine', engineRows(result));
}
