import { parseDocument } from '../document.js';
import { dur, durS } from '../prose.js';
import type { IntegrationInputs } from '../inputs.js';
import { buildPlan, type Plan } from '../plan/index.js';
import { checkQuality } from '../quality/index.js';
import { designTitle, renderPlanPaced } from '../render/index.js';
import {
  emptyUsage,
  type AnswerResult,
  type DesignResult,
  type Engine,
  type HistoryMessage,
  type PreviousDesign,
  type ReplyKind,
  type RevisionResult,
  type RunOptions,
} from '../types.js';
import { readReply } from '../replies.js';
import { answerFromDesign } from './offline/answer.js';
import { describeChanges } from './offline/changes.js';

/**
 * The offline rules engine: a deterministic design from the inputs and the calculators, no model involved.
 * It is the fallback when no Anthropic key is configured and the baseline the Claude engine is compared with.
 */
export function createOfflineEngine(): Engine {
  return {
    name: 'offline',

    async design(inputs: IntegrationInputs, options?: RunOptions): Promise<DesignResult> {
      const started = performance.now();
      options?.onProgress?.({ stage: 'calculating', message: 'Computing retry, rate-limit, backlog and breaker numbers' });
      const plan = buildPlan(inputs);
      options?.onProgress?.({ stage: 'writing', message: 'Writing the design document' });
      const result = await toResult(plan, inputs, started);
      await streamSections(result.markdown, options);
      options?.onProgress?.({ stage: 'done', message: 'Design ready', chars: result.markdown.length });
      return result;
    },

    async revise(previous: PreviousDesign, request: string, _history: HistoryMessage[], options?: RunOptions): Promise<RevisionResult> {
      const started = performance.now();
      options?.onProgress?.({ stage: 'analyzing', message: 'Reading the change request' });
      const reading = readReply(previous.inputs, request);
      const couldNot = reading.unapplied.map((u) => `Could not apply: ${u}`);
      if (reading.applied.length === 0) {
        const doc = parseDocument(previous.markdown);
        return {
          title: doc.title || 'Integration design',
          markdown: previous.markdown,
          sections: doc.sections,
          quality: checkQuality(previous.markdown, previous.inputs),
          engine: 'offline',
          model: null,
          usage: { ...emptyUsage(), latencyMs: performance.now() - started },
          changes:
            couldNot.length > 0
              ? couldNot
              : [`No change recognised: "${request.trim().slice(0, 120)}". Try e.g. "volume is 2 million a day", "latency 5 minutes", "add HubSpot as a destination", "use Kafka" or "Salesforce limit is 15000 per day".`],
        };
      }
      const before = buildPlan(previous.inputs);
      const after = buildPlan(reading.inputs);
      const result = await toResult(after, reading.inputs, started);
      await streamSections(result.markdown, options);
      options?.onProgress?.({ stage: 'done', message: 'Revision ready', chars: result.markdown.length });
      // What moved, before → after; what was asked that the comparison does not show (a system's description).
      // The asked-for line wins where it says more ("Added flow: Stripe → Xero (refunds)").
      const asked = reading.applied.filter((a) => /^Added /.test(a) || !describeChanges(before, after).some((c) => c.split(':')[0] === a.split(':')[0]));
      const moved = describeChanges(before, after).filter((c) => !asked.some((a) => a.startsWith(c)));
      const warnings =
        reading.inputs.maxAttempts !== previous.inputs.maxAttempts && !after.retry.coversOutage
          ? [`Note: ${after.retry.schedule.policy.maxAttempts} attempts span at most ${dur(after.retry.schedule.cumulativeMaxMs)}, less than the ${durS(after.inputs.outageSeconds)} outage to ride out: the breaker pauses the workers and messages wait in the queue instead of being retried.`]
          : [];
      return { ...result, inputs: reading.inputs, changes: [...asked, ...moved, ...warnings, ...couldNot] };
    },

    async answer(previous: PreviousDesign, question: string, _history: HistoryMessage[]): Promise<AnswerResult> {
      const started = performance.now();
      // A what-if is answered from the design of its case: the numbers for that case, not the current defaults.
      const reading = readReply(previous.inputs, question);
      const markdown =
        // A question that carries its own figures ("how do we backfill the last 6 months (~7M)?") is answered for them.
        (reading.intent === 'what-if' || reading.intent === 'question') && reading.applied.length > 0
          ? await whatIf(previous, reading)
          : answerFromDesign(parseDocument(previous.markdown).sections, question);
      return { markdown, engine: 'offline', model: null, usage: { ...emptyUsage(), latencyMs: performance.now() - started } };
    },

    async classifyReply(previous: PreviousDesign, reply: string): Promise<ReplyKind> {
      return readReply(previous.inputs, reply).intent === 'change' ? 'change' : 'question';
    },
  };
}

/** The answer to "what if …": how the design changes for that case, and the parts of it that say so. */
async function whatIf(previous: PreviousDesign, reading: ReturnType<typeof readReply>): Promise<string> {
  const before = buildPlan(previous.inputs);
  const after = buildPlan(reading.inputs);
  const markdown = await renderPlanPaced(after, () => 0, pause);
  const sections = parseDocument(markdown).sections;
  const changes = describeChanges(before, after);
  const lines = [
    `*If ${reading.applied.map((a) => a.replace(/^([^:]+):\s*/, (_m, k: string) => `${k.toLowerCase()} `)).join(', ')}*, ${changes.length > 0 ? 'the design changes like this:' : 'the design holds; the numbers for that case:'}`,
    ...changes.map((c) => `• ${c}`),
  ];
  // The case's volume and limits lines, with the numbers the answer rests on.
  const requirements = sections.find((s) => s.id === 'requirements');
  const lines2 = (requirements?.markdown.split('\n') ?? []).filter((l) => /^\s*-\s+\*\*(?:Volume|Backfill|[^*]+ limits|Cannot fit)/.test(l));
  if (lines2.length > 0) lines.push('', 'From *Requirements and constraints*:', ...lines2);
  const failure = sections.find((s) => s.id === 'failure-modes');
  const outageRow = failure?.markdown.split('\n').find((l) => /down|outage/i.test(l) && l.startsWith('|') && !/---/.test(l));
  if (outageRow) lines.push('', 'From *Failure modes*:', '| Failure | Detection | Mitigation |', '|---|---|---|', outageRow);
  return lines.join('\n');
}

/**
 * Hands the finished document on section by section, the way the model path streams its draft, so the thread's
 * live draft (and its fallback) works the same with either engine.
 */
async function streamSections(markdown: string, options: RunOptions | undefined): Promise<void> {
  if (!options?.onProgress) return;
  let chars = 0;
  for (const piece of markdown.split(/(?=^## )/m)) {
    chars += piece.length;
    const heading = /^## +(.+)$/m.exec(piece)?.[1]?.trim();
    options.onProgress({ stage: 'writing', message: heading ? `Writing ${heading}` : 'Writing the summary', chars, text: piece });
    await pause();
  }
}

/** Lets queued work (Slack acknowledgements above all) run between the drafts of a long compaction. */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

async function toResult(plan: Plan, _inputs: IntegrationInputs, started: number): Promise<DesignResult> {
  // Cuts for length must not break any other check of the gate (length itself is the renderer's job).
  const failures = (markdown: string) => checkQuality(markdown, plan).checks.filter((c) => !c.passed && c.id !== 'word-count').length;
  const markdown = await renderPlanPaced(plan, failures, pause);
  return {
    title: designTitle(plan),
    markdown,
    sections: parseDocument(markdown).sections,
    quality: checkQuality(markdown, plan),
    engine: 'offline',
    model: null,
    usage: { ...emptyUsage(), latencyMs: performance.now() - started },
  };
}
