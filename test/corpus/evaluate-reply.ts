import { createOfflineEngine } from '../../src/architect/engines/offline.js';
import type { IntegrationInputs } from '../../src/architect/inputs.js';
import type { CaseCheck } from './evaluate.js';
import type { ReplyCase } from './reply-case.js';

/**
 * Runs one reply case through the offline engine the way a thread does: the design is made from the inputs,
 * the reply is classified, then revised (a change) or answered (a question or a what-if), and every
 * expectation is checked on the result.
 */

const engine = createOfflineEngine();
const re = (p: string) => new RegExp(p, 'i');

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 0.02);
}

export interface ReplyResult {
  name: string;
  kind: string;
  /** The what-changed message, or the answer. */
  message: string;
  inputs: IntegrationInputs | null;
  checks: CaseCheck[];
}

export async function evaluateReply(c: ReplyCase): Promise<ReplyResult> {
  const checks: CaseCheck[] = [];
  const add = (id: string, passed: boolean, detail: string) => checks.push({ id, passed, detail });
  const design = await engine.design(c.inputs);
  const previous = { inputs: c.inputs, markdown: design.markdown, revision: 1 };
  const kind = await engine.classifyReply(previous, c.reply);
  const wantKind = c.expect.kind === 'change' ? 'change' : 'question';
  add('kind', kind === wantKind, `expected ${wantKind}, classified as ${kind}`);

  let message = '';
  let inputs: IntegrationInputs | null = null;
  if (kind === 'change') {
    const result = await engine.revise(previous, c.reply, []);
    message = result.changes.join('\n');
    inputs = result.inputs ?? c.inputs;
    add('gate', result.quality.passed, result.quality.checks.filter((x) => !x.passed).map((x) => `${x.id}: ${x.detail}`).join(' ').slice(0, 300) || 'the revision passes the gate');
  } else {
    const result = await engine.answer(previous, c.reply, []);
    message = result.markdown;
  }

  const after = c.expect.after;
  if (after && c.expect.kind === 'change') {
    const got = inputs ?? c.inputs;
    for (const key of ['volumePerDay', 'peakFactor', 'latencySeconds', 'outageSeconds', 'maxAttempts'] as const) {
      const want = after[key];
      if (want === undefined) continue;
      const have = (got as Record<string, unknown>)[key] as number | undefined;
      add(`after:${key}`, have !== undefined && near(have, want), `${key}: expected ${want}, got ${have ?? 'none'}`);
    }
    if (after.stack) add('after:stack', re(after.stack).test(got.stack ?? ''), `stack: expected /${after.stack}/, got "${got.stack ?? ''}"`);
    after.limits.forEach((l, i) => {
      const numbers = (['requests', 'windowSeconds', 'max', 'amount', 'periodSeconds'] as const).filter((k) => l[k] !== undefined);
      const ok = (got.rateLimits ?? []).some((r) => re(l.system).test(r.system) && r.type === l.type && numbers.every((k) => r[k] !== undefined && near(r[k]!, l[k]!)));
      add(`after:limit:${i}`, ok, `a ${l.type} limit on /${l.system}/ ${numbers.map((k) => `${k}=${l[k]}`).join(' ')}; got ${JSON.stringify(got.rateLimits ?? [])}`);
    });
    after.flows.forEach((f, i) => {
      const ok = got.flows.some((g) => re(f.from).test(g.from) && re(f.to).test(g.to));
      add(`after:flow:${i}`, ok, `flow /${f.from}/ → /${f.to}/; got [${got.flows.map((g) => `${g.from} → ${g.to}`).join('; ')}]`);
    });
  }
  c.expect.mentions.forEach((m, i) => add(`mentions:${i}`, re(m).test(message), `/${m}/ in: ${message.replace(/\s+/g, ' ').slice(0, 200)}`));
  c.expect.unapplied.forEach((m, i) => add(`unapplied:${i}`, re(m).test(message) && /could not|couldn'?t|can(?:no|')t|not applied|did not apply/i.test(message), `says it could not apply /${m}/`));
  return { name: c.name, kind, message, inputs, checks };
}
