import type { IntegrationInputs } from '../inputs.js';
import {
  emptyUsage,
  type AnswerResult,
  type DesignResult,
  type Engine,
  type HistoryMessage,
  type PreviousDesign,
  type QualityReport,
  type ReplyKind,
  type RevisionResult,
  type RunOptions,
} from '../types.js';
import { answerFromDesign, classifyReplyText } from './offline/answer.js';
import { describeChanges } from './offline/changes.js';
import { buildPlan, type Plan } from './offline/plan.js';
import { designTitle, renderDesign } from './offline/render.js';
import { applyChangeRequest } from './offline/revise.js';
import { proseWordCount, splitSections } from './offline/sections.js';

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
      const result = toResult(plan, started);
      options?.onProgress?.({ stage: 'done', message: 'Design ready', chars: result.markdown.length });
      return result;
    },

    async revise(previous: PreviousDesign, request: string, _history: HistoryMessage[], options?: RunOptions): Promise<RevisionResult> {
      const started = performance.now();
      options?.onProgress?.({ stage: 'analyzing', message: 'Reading the change request' });
      const { inputs, recognised } = applyChangeRequest(previous.inputs, request);
      if (recognised.length === 0) {
        const sections = splitSections(previous.markdown);
        return {
          title: titleOf(previous.markdown),
          markdown: previous.markdown,
          sections,
          quality: assess(previous.markdown),
          engine: 'offline',
          model: null,
          usage: { ...emptyUsage(), latencyMs: performance.now() - started },
          changes: [`No change recognised: "${request.trim().slice(0, 120)}". Try e.g. "volume is 2 million a day", "latency 5 minutes", "add HubSpot as a destination", "use Kafka" or "Salesforce limit is 15000 per day".`],
        };
      }
      const before = buildPlan(previous.inputs);
      const after = buildPlan(inputs);
      const result = toResult(after, started);
      options?.onProgress?.({ stage: 'done', message: 'Revision ready', chars: result.markdown.length });
      const changes = describeChanges(before, after);
      return { ...result, changes: changes.length > 0 ? changes : recognised };
    },

    async answer(previous: PreviousDesign, question: string, _history: HistoryMessage[]): Promise<AnswerResult> {
      const started = performance.now();
      const markdown = answerFromDesign(splitSections(previous.markdown), question);
      return { markdown, engine: 'offline', model: null, usage: { ...emptyUsage(), latencyMs: performance.now() - started } };
    },

    async classifyReply(previous: PreviousDesign, reply: string): Promise<ReplyKind> {
      return classifyReplyText(previous.inputs, reply);
    },
  };
}

function toResult(plan: Plan, started: number): DesignResult {
  const markdown = renderDesign(plan);
  return {
    title: designTitle(plan),
    markdown,
    sections: splitSections(markdown),
    quality: assess(markdown),
    engine: 'offline',
    model: null,
    usage: { ...emptyUsage(), latencyMs: performance.now() - started },
  };
}

function titleOf(markdown: string): string {
  return /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? 'Integration design';
}

/** Structural checks the offline engine can make about its own output. */
function assess(markdown: string): QualityReport {
  const wordCount = proseWordCount(markdown);
  const sections = splitSections(markdown);
  const sectionsOk = sections.filter((s) => s.id !== 'other').length === 7;
  const wordsOk = wordCount >= 500 && wordCount <= 900;
  return {
    passed: sectionsOk && wordsOk,
    checks: [
      { id: 'sections', passed: sectionsOk, detail: `${sections.length} sections` },
      { id: 'word-count', passed: wordsOk, detail: `${wordCount} words (500–900)` },
    ],
    wordCount,
    repaired: false,
  };
}
