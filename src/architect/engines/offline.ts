import { parseDocument } from '../document.js';
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
import { answerFromDesign, classifyReplyText } from './offline/answer.js';
import { describeChanges } from './offline/changes.js';
import { applyChangeRequest } from './offline/revise.js';

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
      options?.onProgress?.({ stage: 'done', message: 'Design ready', chars: result.markdown.length });
      return result;
    },

    async revise(previous: PreviousDesign, request: string, _history: HistoryMessage[], options?: RunOptions): Promise<RevisionResult> {
      const started = performance.now();
      options?.onProgress?.({ stage: 'analyzing', message: 'Reading the change request' });
      const { inputs, recognised } = applyChangeRequest(previous.inputs, request);
      if (recognised.length === 0) {
        const doc = parseDocument(previous.markdown);
        return {
          title: doc.title || 'Integration design',
          markdown: previous.markdown,
          sections: doc.sections,
          quality: checkQuality(previous.markdown, previous.inputs),
          engine: 'offline',
          model: null,
          usage: { ...emptyUsage(), latencyMs: performance.now() - started },
          changes: [`No change recognised: "${request.trim().slice(0, 120)}". Try e.g. "volume is 2 million a day", "latency 5 minutes", "add HubSpot as a destination", "use Kafka" or "Salesforce limit is 15000 per day".`],
        };
      }
      const before = buildPlan(previous.inputs);
      const after = buildPlan(inputs);
      const result = await toResult(after, inputs, started);
      options?.onProgress?.({ stage: 'done', message: 'Revision ready', chars: result.markdown.length });
      const changes = describeChanges(before, after);
      return { ...result, inputs, changes: changes.length > 0 ? changes : recognised };
    },

    async answer(previous: PreviousDesign, question: string, _history: HistoryMessage[]): Promise<AnswerResult> {
      const started = performance.now();
      const markdown = answerFromDesign(parseDocument(previous.markdown).sections, question);
      return { markdown, engine: 'offline', model: null, usage: { ...emptyUsage(), latencyMs: performance.now() - started } };
    },

    async classifyReply(previous: PreviousDesign, reply: string): Promise<ReplyKind> {
      return classifyReplyText(previous.inputs, reply);
    },
  };
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
