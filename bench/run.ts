import { parseArgs } from 'node:util';
import { ackRows, runAckBench } from './ack.js';
import { engineRows, runEngineBench } from './engine.js';
import { modelRows, modelTargets, runModelBench } from './model.js';
import { burstRows, runBurstBench } from './ack-burst.js';
import { footprintRows, runFootprintBench } from './footprint.js';
import { runScaleOutBench, scaleOutRows } from './scale-out.js';
import { runSearchBench, searchTargets } from './search.js';
import { ms, printTable, ratio } from './stats.js';

/**
 * `npm run bench [-- --trials 5 --skip-search --footprint]` (builds first: the bot is measured as `node dist/main.js`)
 * — every benchmark prints figures measured in one run and the ratios between them; absolute numbers depend on the
 * machine (about 30 minutes on 2 cores with PostgreSQL, without search).
 *
 *  0. bench/ack-burst.ts (`npx tsx bench/ack-burst.ts`): 1,000 signed commands over 200 connections at once to bare
 *     Bolt and to the bot in a process of its own, on PGlite and on PostgreSQL when DATABASE_URL or TEST_DATABASE_URL
 *     is set: p99 ack of each (medians of the trials) and their ratio, target ≤ 2× on PGlite and ≤ 1.5× on
 *     PostgreSQL with none over Slack's 3 s and every accepted command becoming a design.
 *     With PostgreSQL, bench/scale-out.ts (`npx tsx bench/scale-out.ts`): two replicas on one database take twice
 *     the burst of one, against two bare Bolts, with the same bound; no design lost or doubled, both replicas working.
 *  1. bench/ack.ts (`npx tsx bench/ack.ts`): HTTP response time of signed slash commands sent to the real bot
 *     (Local Slack, PGlite in memory, offline engine), one at a time on an idle bot vs 20 concurrent senders while
 *     the job worker generates designs. Slack gives up on a command after 3 s: "over 3 s" must be 0 (exit code 1
 *     otherwise). Also command → last design section in the thread (end-to-end) and the ack : e2e ratio.
 *  2. bench/engine.ts (`npx tsx bench/engine.ts`): offline engine designs/s over 9 varied scenarios, the share of
 *     each stage (quality gate, calculators, rendering, parsing) in one design, and heap before/after.
 *  3. bench/model.ts (`npx tsx bench/model.ts`): the Claude engine (real SDK) against the fake Messages API counting
 *     prompt-cache tokens like Anthropic and streaming at a fixed rate: calls and tokens per design, the share of
 *     input tokens read from the cache (target ≥ 80%) with the moving conversation breakpoint and without it, and
 *     the engine's own share of design time (target < 2%).
 *  5. with `--footprint`: bench/footprint.ts, time to /readyz and RSS idle and after 1,000
 *     designs of the production build in its own process, on PGlite and on PostgreSQL.
 *  4. bench/search.ts (`npm run bench:search`): the app's search on designs made of real offline-engine documents,
 *     100,000 on PGlite and 100,000 and 1,000,000 on PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set:
 *     p95 over ten kinds of query against ≤ 100 / 20 / 50 ms, and an unindexed ILIKE scan over the same rows
 *     (target ≥ 10× slower). Seeded databases are kept between runs (the first run seeds for about 15 minutes);
 *     `--skip-search` leaves search out.
 */

const { values: args } = parseArgs({
  options: {
    'skip-search': { type: 'boolean', default: false },
    trials: { type: 'string', default: '5' },
    footprint: { type: 'boolean', default: false },
  },
});
const started = performance.now();
const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
console.log('Acks under a burst (bench/ack-burst.ts)');
const burst = await runBurstBench({ trials: Number(args.trials), ...(postgresUrl ? { postgresUrl } : {}) });
printTable('Acks under a burst', burstRows(burst, 200, 1000));
const scaleOut = postgresUrl ? (console.log('\nScale-out (bench/scale-out.ts)'), await runScaleOutBench({ postgresUrl, trials: Math.max(1, Math.ceil(Number(args.trials) / 2)) })) : [];
if (scaleOut.length > 0) printTable('Scale-out: replicas on one PostgreSQL', scaleOutRows(scaleOut));

console.log('\nSlack ack latency (bench/ack.ts)');
const ack = await runAckBench();
printTable('Slack ack latency', ackRows(ack));

console.log('\nOffline engine (bench/engine.ts)');
const engine = await runEngineBench();
printTable('Offline engine', engineRows(engine));

console.log('\nClaude engine against the fake (bench/model.ts)');
const model = await runModelBench();
printTable('Claude engine against the fake (prompt cache, fixed streaming rate)', modelRows(model));

// About 10 minutes (1,000 designs paced like Slack, per database): only when asked.
const footprint = args.footprint ? await runFootprintBench(postgresUrl ? { postgresUrl } : {}) : [];
if (footprint.length > 0) printTable('Start and memory (node dist/main.js)', footprintRows(footprint));

const search = args['skip-search'] ? [] : (console.log('\nSearch (bench/search.ts)'), await runSearchBench(postgresUrl ? { postgresUrl } : {}));

printTable('Summary (ratios within this run)', [
  ...burst.map((f): [string, string] => [`acks ${f.database}: bot ÷ bare Bolt p99 (1,000 commands, 200 connections)`, `${f.ratio.toFixed(2)}x, target ≤ ${f.target}x, ${f.overDeadline} over 3 s: ${f.pass ? 'PASS' : 'FALL SHORT'}`]),
  ...scaleOutRows(scaleOut),
  ['ack p95 loaded / baseline', `${ratio(ack.loaded.p95, ack.baseline.p95)}  (${ms(ack.loaded.p95)} vs ${ms(ack.baseline.p95)})`],
  ['acks over Slack 3 s deadline', `${ack.overDeadline} of ${ack.baseline.n + ack.loaded.n}${ack.failed > 0 ? `, ${ack.failed} failed` : ''}`],
  ['ack : design complete (p50)', `1 : ${(ack.e2e.p50 / ack.baseline.p50).toFixed(0)}  (${ms(ack.baseline.p50)} vs ${ms(ack.e2e.p50)})`],
  ['offline designs / s', engine.designsPerSecond.toFixed(0)],
  ['quality gate / design time', ratio(engine.stages.gate, engine.stages.design)],
  ['heap after GC / before', ratio(engine.heap.afterGc, engine.heap.before)],
  ...modelTargets(model),
  ...searchTargets(search),
  ['total time', `${((performance.now() - started) / 1000).toFixed(1)} s`],
]);
if (ack.overDeadline > 0 || ack.failed > 0 || burst.some((f) => !f.pass) || scaleOut.some((f) => !f.pass) || search.some((f) => !f.pass)) process.exitCode = 1;
