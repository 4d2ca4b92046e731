import { completeInputs } from '../architect/inputs.js';
import { buildPlan } from '../architect/plan/index.js';
import { architectureGraph } from '../architect/render/graph.js';
import type { Engine, PreviousDesign } from '../architect/types.js';
import { CircuitOpenError, type CircuitBreaker } from '../resilience/circuit-breaker.js';
import { trimHistory } from './history.js';
import { redactSecretsDeep } from './redact.js';
import type { ConversationStore, GenerateJob, Publisher, ReplyJob, StoredRevision } from './ports.js';

/**
 * What the durable workers do. Each handler is safe to run again after a crash: it checks what was already
 * saved before doing model work, and throws on transient failures so the queue retries it with backoff.
 */

export interface RunnerDeps {
  store: ConversationStore;
  engine: Engine;
  publisher: Publisher;
  breaker: CircuitBreaker;
  logger?: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
  historyBudgetTokens?: number;
}

/** A change was made from a revision that is no longer the latest; the job must run again on the newer one. */
export class Superseded extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Superseded';
  }
}

/** Thrown for conditions that will resolve by themselves (design not written yet, model unavailable). */
export class RetryLater extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryLater';
  }
}

const isRetryable = (error: unknown): boolean =>
  error instanceof CircuitOpenError ||
  error instanceof RetryLater ||
  Boolean((error as { retryable?: boolean } | null)?.retryable);

export function createRunner(deps: RunnerDeps) {
  const { store, engine, publisher, breaker } = deps;

  /** The architecture diagram's source, drawn from the revision's inputs by the planner (never by the model). */
  function diagramOf(revision: StoredRevision): { diagram?: { dot: string } } {
    try {
      return { diagram: { dot: architectureGraph(buildPlan(revision.inputs)).dot } };
    } catch (error) {
      deps.logger?.warn({ err: error }, 'could not draw the architecture diagram');
      return {};
    }
  }

  /** The revision before this one, so the publisher can post only what changed. */
  async function withPrevious(conversationId: string, revision: number): Promise<{ previous?: StoredRevision }> {
    if (revision <= 1) return {};
    const previous = await store.getRevision(conversationId, revision - 1);
    return previous ? { previous } : {};
  }

  /** Tells the user once that their work is delayed, then lets the queue retry it. */
  async function delayed(conversationId: string, error: unknown): Promise<never> {
    const conversation = await store.getConversation(conversationId);
    if (conversation && !conversation.error) {
      const why = error instanceof CircuitOpenError ? 'the model is unavailable right now' : 'the model call failed';
      await store.updateConversation(conversationId, { error: String((error as Error).message ?? error) });
      await publisher.notice(conversation, `:hourglass: ${capitalize(why)}. Your request is queued and will be retried automatically — nothing is lost.`);
    }
    throw error;
  }

  return {
    async generate(job: GenerateJob, signal?: AbortSignal): Promise<void> {
      const conversation = await store.getConversation(job.conversationId);
      if (!conversation) return;
      const existing = await store.getRevision(conversation.id, job.revision);
      if (existing) {
        // Saved by an earlier attempt that died before finishing: publish it instead of paying for it twice.
        if (conversation.status !== 'ready') {
          await publisher.publishDesign(conversation, existing, { ...(await withPrevious(conversation.id, existing.revision)), ...diagramOf(existing) });
          await store.updateConversation(conversation.id, { status: 'ready', error: null });
        }
        return;
      }
      const parsed = completeInputs(conversation.inputs);
      if (!parsed.success) {
        await store.updateConversation(conversation.id, { status: 'collecting' });
        await publisher.notice(conversation, 'Some required inputs are missing or invalid, so I could not write the design yet.');
        return;
      }
      const progress = await publisher.startProgress(conversation, { stage: 'analyzing', message: 'Analyzing requirements…' }, job.revision);
      let design;
      try {
        design = await breaker.run(() => engine.design(parsed.data, { onProgress: (p) => progress.update(p), ...(signal ? { signal } : {}) }));
      } catch (error) {
        await progress.discard();
        if (isRetryable(error)) return delayed(conversation.id, error);
        throw error;
      }
      const stored = await store.saveRevision(conversation.id, scrub(design), parsed.data, conversation.userId);
      await publisher.publishDesign(conversation, stored, { progress, ...(await withPrevious(conversation.id, stored.revision)), ...diagramOf(stored) });
      await store.updateConversation(conversation.id, { status: 'ready', error: null });
    },

    async revise(job: ReplyJob, signal?: AbortSignal): Promise<void> {
      const conversation = await store.getConversation(job.conversationId);
      if (!conversation) return;
      const latest = await store.getRevision(conversation.id);
      if (!latest) throw new RetryLater('the first revision is not written yet');

      const history = await store.listThreadMessages(conversation.id);
      const doneKey = `reply:${job.replyTs}`;
      const done = history.find((m) => m.slackTs === doneKey);
      if (done) {
        // Handled by an earlier attempt. If it died while posting the new revision, finish posting it (the
        // publisher skips what is already in the thread).
        if (conversation.status === 'revising') {
          await publisher.publishDesign(conversation, latest, { changes: changesRecordedIn(done.text), ...(await withPrevious(conversation.id, latest.revision)), ...diagramOf(latest) });
          await store.updateConversation(conversation.id, { status: 'ready', error: null });
        }
        return;
      }

      const previous: PreviousDesign = { inputs: latest.inputs, markdown: latest.markdown, revision: latest.revision };
      const context = trimHistory(
        history.filter((m) => m.slackTs !== job.replyTs),
        deps.historyBudgetTokens,
      );
      try {
        const kind = await breaker.run(() => engine.classifyReply(previous, job.request, signal ? { signal } : {}));
        if (kind === 'question') {
          const answer = scrub(await breaker.run(() => engine.answer(previous, job.request, context, signal ? { signal } : {})));
          await publisher.publishAnswer(conversation, answer.markdown, job.replyTs);
          await store.addThreadMessage(conversation.id, { slackTs: doneKey, author: 'bot', role: 'assistant', text: answer.markdown });
          return;
        }
        await store.updateConversation(conversation.id, { status: 'revising' });
        const progress = await publisher.startProgress(conversation, { stage: 'analyzing', message: 'Revising the design…' }, latest.revision + 1, job.userId);
        let result;
        try {
          result = scrub(await breaker.run(() => engine.revise(previous, job.request, context, { onProgress: (p) => progress.update(p), ...(signal ? { signal } : {}) })));
        } catch (error) {
          await progress.discard();
          throw error;
        }
        if (result.markdown.trim() === latest.markdown.trim()) {
          // Nothing changed: explain instead of saving an identical revision.
          await progress.finish(`Revision ${latest.revision} stays as it is.`);
          await publisher.publishAnswer(conversation, result.changes.join('\n'), job.replyTs);
          await store.addThreadMessage(conversation.id, { slackTs: doneKey, author: 'bot', role: 'assistant', text: result.changes.join('\n') });
          await store.updateConversation(conversation.id, { status: 'ready', error: null });
          return;
        }
        let stored;
        try {
          stored = await store.saveRevision(conversation.id, result, result.inputs ?? latest.inputs, conversation.userId, {
            basedOn: latest.revision,
          });
        } catch (error) {
          if ((error as Error).name !== 'StaleRevisionError') throw error;
          // Another change landed first: redo this one on top of it (the queue runs the job again).
          await progress.discard();
          throw new Superseded(`revision ${latest.revision} was superseded while revising`, { cause: error });
        }
        // Recorded before posting: a retry after a crash mid-post finishes posting this revision instead of
        // applying the change a second time.
        await store.addThreadMessage(conversation.id, { slackTs: doneKey, author: 'bot', role: 'assistant', text: revisionNote(stored.revision, result.changes) });
        await publisher.publishDesign(conversation, stored, { changes: result.changes, progress, previous: latest, ...diagramOf(stored) });
        await store.updateConversation(conversation.id, { status: 'ready', error: null });
      } catch (error) {
        if (error instanceof Superseded) throw error; // nothing to tell the user: the retry just redoes it
        if (isRetryable(error)) return delayed(conversation.id, error);
        throw error;
      }
    },

    /** Called when a job has used up its retries: the user hears about it and can press Regenerate. */
    async deadLettered(conversationId: string, reason: string): Promise<void> {
      const conversation = await store.getConversation(conversationId);
      if (!conversation) return;
      await store.updateConversation(conversationId, { status: 'failed', error: reason });
      await publisher.publishFailure(conversation, reason, true);
    },

    /**
     * A reply (question or change request) that could not be handled: the design it was about still stands,
     * so the conversation stays usable and the person is asked to reply again.
     */
    async replyDeadLettered(conversationId: string, request: string, reason: string): Promise<void> {
      const conversation = await store.getConversation(conversationId);
      if (!conversation) return;
      const latest = await store.getRevision(conversationId);
      if (!latest) return this.deadLettered(conversationId, reason);
      await store.updateConversation(conversationId, { status: 'ready', error: null });
      const quoted = request.length > 120 ? `${request.slice(0, 119)}…` : request;
      await publisher.notice(
        conversation,
        `:warning: I couldn't handle your reply “${quoted}” after several tries (${reason}). Revision ${latest.revision} still stands — reply again to retry.`,
      );
    },
  };
}

export type Runner = ReturnType<typeof createRunner>;

const REVISION_NOTE = /^Revision \d+: /;

/** The thread message that marks a change request as applied (also context for later revisions). */
function revisionNote(revision: number, changes: string[]): string {
  return `Revision ${revision}: ${changes.join('; ')}`;
}

function changesRecordedIn(note: string): string[] {
  return REVISION_NOTE.test(note) ? note.replace(REVISION_NOTE, '').split('; ').filter(Boolean) : [];
}

/**
 * Model output is redacted like user text before it is stored or posted: a model can echo a credential
 * from its context or invent a realistic-looking one, and either would otherwise be published.
 */
function scrub<T>(value: T): T {
  return redactSecretsDeep(value).value;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
