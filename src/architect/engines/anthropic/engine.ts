import type Anthropic from '@anthropic-ai/sdk';
import { resolveInputs, summarizeFlows, type IntegrationInputs } from '../../inputs.js';
import type { Prompts } from '../../prompts.js';
import { buildPlan } from '../../plan/index.js';
import type { Plan } from '../../plan/types.js';
import type {
  AnswerResult,
  DesignResult,
  Engine,
  HistoryMessage,
  PreviousDesign,
  Progress,
  QualityReport,
  ReplyKind,
  RevisionResult,
  RunOptions,
} from '../../types.js';
import { EngineError, toEngineError } from '../errors.js';
import { createToolSet, type ToolSet } from '../tools.js';
import { readReply } from '../../replies.js';
import { classifyReply } from './classify.js';
import { defaultQualityGate, type QualityGate } from './gate.js';
import { DEFAULT_MAX_TOOL_ROUNDS, runToolLoop, type LoopContext, type LoopLogger } from './loop.js';
import {
  answerMessage,
  designMessage,
  extractDocument,
  repairMessage,
  reviseMessage,
  splitWhatChanged,
} from './messages.js';
import { UsageMeter } from './usage.js';

export interface AnthropicEngineDeps {
  client: Anthropic;
  model: string;
  maxTokens: number;
  prompts: Prompts;
  logger?: LoopLogger;
  /** Defaults to the calculator tools. */
  tools?: ToolSet;
  /** Defaults to the real quality gate and document parser. */
  gate?: QualityGate;
  maxToolRounds?: number;
  /** Moving cache breakpoint on the conversation (default true); false only to measure what it saves. */
  cacheConversation?: boolean;
}

const cached = (text: string): Anthropic.TextBlockParam => ({ type: 'text', text, cache_control: { type: 'ephemeral' } });

interface DraftRun {
  markdown: string;
  quality: QualityReport;
  changes: string[];
}

export function createAnthropicEngine(deps: AnthropicEngineDeps): Engine {
  const gate = deps.gate ?? defaultQualityGate;
  const ctx: LoopContext = {
    client: deps.client,
    model: deps.model,
    maxTokens: deps.maxTokens,
    tools: deps.tools ?? createToolSet(),
    maxToolRounds: deps.maxToolRounds ?? DEFAULT_MAX_TOOL_ROUNDS,
    ...(deps.cacheConversation !== undefined ? { cacheConversation: deps.cacheConversation } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
  // The architect prompt is the cached prefix of every design, revision and answer. With the tools' breakpoint
  // and the loop's moving one on the conversation, follow-ups use all 4 breakpoints a request may carry.
  const designSystem = [cached(deps.prompts.architect)];
  const followUpSystem = [cached(deps.prompts.architect), cached(deps.prompts.revise)];

  const progress = (options: RunOptions | undefined, p: Progress) => options?.onProgress?.(p);

  /** Streams one document, gates it, and runs at most one repair pass. */
  async function draftAndGate(
    system: Anthropic.TextBlockParam[],
    userText: string,
    plan: Plan,
    usage: UsageMeter,
    options: RunOptions | undefined,
    withChanges: boolean,
  ): Promise<DraftRun> {
    let chars = 0;
    const loopOptions = {
      usage,
      ...(options?.signal ? { signal: options.signal } : {}),
      onText: (delta: string) => {
        chars += delta.length;
        progress(options, { stage: 'writing', message: 'Writing the design', chars, text: delta });
      },
      onTools: (names: string[]) => progress(options, { stage: 'calculating', message: `Calculating: ${names.join(', ')}` }),
    };
    progress(options, { stage: 'analyzing', message: 'Analysing requirements' });
    const first = await runToolLoop(ctx, { system, messages: [{ role: 'user', content: userText }], ...loopOptions });
    const draft = withChanges ? splitWhatChanged(extractDocument(first.text)) : { markdown: extractDocument(first.text), changes: [] };
    if (!draft.markdown) throw new EngineError('invalid_output', `the model returned no document (stop reason ${first.stopReason})`);

    progress(options, { stage: 'checking', message: 'Checking the design against the quality criteria' });
    const report = gate.check(draft.markdown, plan);
    if (report.passed) return { markdown: draft.markdown, quality: report, changes: draft.changes };

    const failed = report.checks.filter((c) => !c.passed).map((c) => c.id);
    deps.logger?.warn({ failed }, 'draft failed the quality gate; running one repair pass');
    progress(options, { stage: 'repairing', message: `Repairing: ${failed.join(', ')}` });
    chars = 0;
    const draftText = withChanges && draft.changes.length > 0
      ? `${draft.markdown}\n\n## What changed\n${draft.changes.map((c) => `- ${c}`).join('\n')}`
      : draft.markdown;
    const second = await runToolLoop(ctx, {
      system,
      messages: [
        ...first.messages,
        { role: 'assistant', content: draftText },
        { role: 'user', content: repairMessage(gate.repairInstructions(report), { keepWhatChanged: withChanges }) },
      ],
      ...loopOptions,
    });
    const repaired = withChanges ? splitWhatChanged(extractDocument(second.text)) : { markdown: extractDocument(second.text), changes: [] };
    // An empty repair keeps the draft; the report says it still fails.
    const markdown = repaired.markdown || draft.markdown;
    const quality = { ...gate.check(markdown, plan), repaired: true };
    if (!quality.passed) deps.logger?.warn({ failed: quality.checks.filter((c) => !c.passed).map((c) => c.id) }, 'repaired draft still fails the gate');
    return { markdown, quality, changes: repaired.changes.length > 0 ? repaired.changes : draft.changes };
  }

  function toDesign(run: DraftRun, inputs: IntegrationInputs, usage: UsageMeter): DesignResult {
    const doc = gate.parse(run.markdown);
    return {
      title: doc.title || `Integration design: ${summarizeFlows(inputs)}`,
      markdown: run.markdown,
      sections: doc.sections,
      quality: run.quality,
      engine: 'anthropic',
      model: deps.model,
      usage: usage.snapshot(),
    };
  }

  async function guarded<T>(options: RunOptions | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const wrapped = toEngineError(error, options?.signal);
      deps.logger?.error({ code: wrapped.code, retryable: wrapped.retryable, err: error }, 'model call failed');
      throw wrapped;
    }
  }

  return {
    name: 'anthropic',

    design(inputs, options) {
      return guarded(options, async () => {
        const usage = new UsageMeter();
        const plan = buildPlan(inputs);
        const run = await draftAndGate(designSystem, designMessage(resolveInputs(inputs), plan), plan, usage, options, false);
        const result = toDesign(run, inputs, usage);
        progress(options, { stage: 'done', message: 'Design ready' });
        deps.logger?.info({ usage: result.usage, passed: result.quality.passed, repaired: result.quality.repaired }, 'design generated');
        return result;
      });
    },

    revise(previous: PreviousDesign, request: string, history: HistoryMessage[], options?: RunOptions): Promise<RevisionResult> {
      return guarded(options, async () => {
        const usage = new UsageMeter();
        // Our reader applies what it understands, so the plan and the gate hold the revision to the new numbers.
        const reading = readReply(previous.inputs, request);
        const inputs = reading.inputs;
        const plan = buildPlan(inputs);
        const text = reviseMessage(resolveInputs(inputs), previous, request, history, reading, plan);
        const run = await draftAndGate(followUpSystem, text, plan, usage, options, true);
        if (run.changes.length === 0) deps.logger?.warn({}, 'revision came without a "What changed" section');
        const result = { ...toDesign(run, inputs, usage), changes: run.changes, ...(reading.applied.length > 0 ? { inputs } : {}) };
        progress(options, { stage: 'done', message: 'Revision ready' });
        return result;
      });
    },

    answer(previous: PreviousDesign, question: string, history: HistoryMessage[], options?: RunOptions): Promise<AnswerResult> {
      return guarded(options, async () => {
        const usage = new UsageMeter();
        const text = answerMessage(resolveInputs(previous.inputs), previous, question, history, readReply(previous.inputs, question));
        const run = await runToolLoop(ctx, {
          system: followUpSystem,
          messages: [{ role: 'user', content: text }],
          usage,
          ...(options?.signal ? { signal: options.signal } : {}),
        });
        // Only the last turn: text before a tool call ("Let me check the numbers") is not part of the answer.
        const markdown = (run.finalText.trim() || run.text).trim();
        if (!markdown) throw new EngineError('invalid_output', 'the model returned an empty answer');
        return { markdown, engine: 'anthropic', model: deps.model, usage: usage.snapshot() };
      });
    },

    classifyReply(previous: PreviousDesign, reply: string, options?: RunOptions): Promise<ReplyKind> {
      return guarded(options, () =>
        classifyReply({ client: deps.client, model: deps.model, system: deps.prompts.revise, logger: deps.logger }, previous, reply, options?.signal),
      );
    },
  };
}
