import { parseArgs } from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { createAnthropicEngine } from '../src/architect/engines/anthropic.js';
import { createOfflineEngine } from '../src/architect/engines/offline.js';
import type { IntegrationInputs } from '../src/architect/inputs.js';
import { loadPrompts } from '../src/architect/prompts.js';
import type { Engine } from '../src/architect/types.js';
import { classify } from '../test/e2e/model-fake.js';
import { startFakeAnthropic, type FakeReply, type RecordedRequest } from '../test/fakes/anthropic-server.js';
import { scenarios } from '../test/unit/engines/scenarios.js';
import { isMain, ms, printTable } from './stats.js';

/**
 * `npx tsx bench/model.ts [--designs 10 --tps 2000]` (also part of `npm run bench`).
 *
 * The real Claude engine (the real @anthropic-ai/sdk over HTTP) against the fake Messages API counting cached
 * tokens like Anthropic (test/fakes/prompt-cache.ts; tokens are chars / 4 estimates). Each design is scripted
 * like a cooperative model: a calculator round, a second one with two calls, then the document (the offline
 * engine's, which passes the gate); every third design's first draft stops two sections short, so the gate
 * sends it to a repair pass. 3 or 4 calls per design.
 *  - tokens and calls per design, and the share of input tokens read from the cache, with the moving
 *    conversation breakpoint and without it (same designs, a fresh cache each; target ≥ 80% with it);
 *  - the engine's own overhead: (end-to-end design time − time the fake spent answering) / end-to-end, with
 *    the fake streaming at a fixed rate (target < 2%). The rate is far above a real model's (tens of tokens/s)
 *    so that the run stays short; the real overhead share is that much smaller.
 */

export interface ModelBenchOptions {
  designs?: number;
  /** The fake's streaming rate, output tokens (chars / 4) per second. */
  tokensPerSecond?: number;
}

export interface ModelPass {
  designs: number;
  calls: number;
  repaired: number;
  gatePassed: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Cache-read share of the first design's input (cold cache) and of the rest (warm). */
  coldShare: number;
  warmShare: number;
  e2eMs: number;
  /** Time the fake spent answering (from a request read to the end of its stream). */
  servedMs: number;
}

export interface ModelBenchResult {
  tokensPerSecond: number;
  /** With the moving conversation breakpoint, streamed at the fixed rate. */
  cached: ModelPass;
  /** The same designs without it, streamed unpaced (token counts do not depend on the rate). */
  uncached: ModelPass;
}

export const READ_SHARE_TARGET = 0.8;
export const OVERHEAD_TARGET = 0.02;

const allInput = (t: { input: number; cacheRead: number; cacheWrite: number }) => t.input + t.cacheRead + t.cacheWrite;
export const readShare = (p: ModelPass): number => p.cacheRead / allInput(p);
export const overheadShare = (p: ModelPass): number => (p.e2eMs - p.servedMs) / p.e2eMs;

interface Case {
  inputs: IntegrationInputs;
  markdown: string;
  /** A first draft the gate rejects (the last two sections missing), or none. */
  draft?: string;
}

async function cases(designs: number): Promise<Case[]> {
  const offline = createOfflineEngine();
  const entries = Object.values(scenarios);
  return Promise.all(
    Array.from({ length: designs }, async (_, i) => {
      const inputs = entries[i % entries.length]!;
      const { markdown } = await offline.design(inputs);
      const sections = markdown.split(/\n(?=## )/);
      return { inputs, markdown, ...(i % 3 === 2 ? { draft: sections.slice(0, -2).join('\n') } : {}) };
    }),
  );
}

// What the script reads from a request: how many assistant turns (tool rounds) it carries.
const RoundsSchema = z.object({ messages: z.array(z.looseObject({ role: z.string() })) });

/** A cooperative model for the case being designed. */
function scriptFor(current: () => Case) {
  return (request: RecordedRequest): FakeReply => {
    const c = current();
    const call = classify(request);
    const volumePerDay = c.inputs.volumePerDay ?? 10_000;
    if (call.task === 'repair') return { type: 'text', text: c.markdown };
    if (call.task !== 'design') return { type: 'error', status: 418, errorType: 'invalid_request_error', message: `bench: no script for ${call.task}` };
    const rounds = RoundsSchema.parse(request.body).messages.filter((m) => m.role === 'assistant').length;
    if (rounds === 0) {
      const limit = c.inputs.rateLimits?.[0]?.limit ?? '100 requests per 10 seconds';
      return { type: 'tool_use', text: 'Let me check the rate budget first.', calls: [{ name: 'rate_limit_budget', input: { volumePerDay, limit } }] };
    }
    if (rounds === 1) {
      return {
        type: 'tool_use',
        text: 'Now the retry window and the breaker.',
        calls: [
          { name: 'retry_schedule', input: {} },
          { name: 'circuit_breaker', input: { volumePerDay } },
        ],
      };
    }
    return { type: 'text', text: c.draft ?? c.markdown };
  };
}

async function runPass(designs: Case[], options: { cacheConversation: boolean; tokensPerSecond?: number }): Promise<ModelPass> {
  let current = designs[0]!;
  const fake = await startFakeAnthropic({
    promptCache: true,
    fallback: scriptFor(() => current),
    ...(options.tokensPerSecond ? { tokensPerSecond: options.tokensPerSecond } : {}),
  });
  try {
    const engine: Engine = createAnthropicEngine({
      client: new Anthropic({ apiKey: 'sk-ant-bench', baseURL: fake.url, maxRetries: 0 }),
      model: 'claude-sonnet-4-5',
      maxTokens: 8192,
      prompts: await loadPrompts(),
      cacheConversation: options.cacheConversation,
    });
    // Warm-up (JIT, connections), then a cold cache for the measured run.
    await engine.design(current.inputs);
    fake.clearCache();
    fake.requests.length = 0;

    const pass: ModelPass = {
      designs: designs.length, calls: 0, repaired: 0, gatePassed: 0,
      input: 0, output: 0, cacheRead: 0, cacheWrite: 0, coldShare: NaN, warmShare: NaN, e2eMs: 0, servedMs: 0,
    };
    const warm = { input: 0, cacheRead: 0, cacheWrite: 0 };
    for (const [i, c] of designs.entries()) {
      current = c;
      const started = performance.now();
      const result = await engine.design(c.inputs);
      pass.e2eMs += performance.now() - started;
      const u = result.usage;
      const tokens = { input: u.inputTokens, cacheRead: u.cacheReadTokens, cacheWrite: u.cacheCreationTokens };
      if (i === 0) pass.coldShare = tokens.cacheRead / allInput(tokens);
      else for (const k of ['input', 'cacheRead', 'cacheWrite'] as const) warm[k] += tokens[k];
      pass.input += tokens.input;
      pass.cacheRead += tokens.cacheRead;
      pass.cacheWrite += tokens.cacheWrite;
      pass.output += u.outputTokens;
      if (result.quality.repaired) pass.repaired += 1;
      if (result.quality.passed) pass.gatePassed += 1;
    }
    pass.warmShare = warm.cacheRead / allInput(warm);
    pass.calls = fake.requests.length;
    pass.servedMs = fake.requests.reduce((sum, r) => sum + (r.servedMs ?? 0), 0);
    return pass;
  } finally {
    await fake.close();
  }
}

export async function runModelBench(options: ModelBenchOptions = {}): Promise<ModelBenchResult> {
  const tokensPerSecond = options.tokensPerSecond ?? 2000;
  const designs = await cases(options.designs ?? 10);
  const uncached = await runPass(designs, { cacheConversation: false });
  const cached = await runPass(designs, { cacheConversation: true, tokensPerSecond });
  return { tokensPerSecond, cached, uncached };
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : 'n/a');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FALL SHORT');

/** The two target lines, for the summary of `npm run bench`. */
export function modelTargets(r: ModelBenchResult): [string, string][] {
  const share = readShare(r.cached);
  const overhead = overheadShare(r.cached);
  return [
    ['model: cache-read share of input', `${pct(share)}  (target ≥ ${pct(READ_SHARE_TARGET)}: ${verdict(share >= READ_SHARE_TARGET)}; ${pct(readShare(r.uncached))} without the moving breakpoint)`],
    ['model: engine overhead / design time', `${pct(overhead)}  (target < ${pct(OVERHEAD_TARGET)}: ${verdict(overhead < OVERHEAD_TARGET)})`],
  ];
}

export function modelRows(r: ModelBenchResult): [string, string][] {
  const { cached: c, uncached: u } = r;
  const per = (p: ModelPass, v: number) => (v / p.designs).toFixed(0);
  const both = (f: (p: ModelPass) => string) => `${f(c)}  |  ${f(u)}`;
  return [
    ['(per design)', 'moving breakpoint  |  without'],
    ['designs, gate passed, repaired', both((p) => `${p.designs}, ${p.gatePassed}, ${p.repaired}`)],
    ['calls', both((p) => (p.calls / p.designs).toFixed(1))],
    ['uncached input tokens', both((p) => per(p, p.input))],
    ['cache-read tokens', both((p) => per(p, p.cacheRead))],
    ['cache-write tokens', both((p) => per(p, p.cacheWrite))],
    ['all input tokens', both((p) => per(p, allInput(p)))],
    ['output tokens', both((p) => per(p, p.output))],
    ['cache-read share: all / cold / warm', both((p) => `${pct(readShare(p))} / ${pct(p.coldShare)} / ${pct(p.warmShare)}`)],
    ['fake streaming rate', `${r.tokensPerSecond} tokens/s (moving-breakpoint run only)`],
    ['end-to-end design time', ms(c.e2eMs / c.designs)],
    ['fake answering (streaming)', ms(c.servedMs / c.designs)],
    ['engine overhead', `${ms((c.e2eMs - c.servedMs) / c.designs)}  (${pct(overheadShare(c))} of design time)`],
    ...modelTargets(r),
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { designs: { type: 'string', default: '10' }, tps: { type: 'string', default: '2000' } } });
  const args = z.object({ designs: z.coerce.number().int().min(1).max(100), tps: z.coerce.number().positive() }).parse(values);
  const result = await runModelBench({ designs: args.designs, tokensPerSecond: args.tps });
  printTable('Claude engine against the fake (prompt cache, fixed streaming rate)', modelRows(result));
}
