import { applyAnswer } from '../architect/answers.js';
import { missingInputs, type MissingInput, type PartialInputs } from '../architect/inputs.js';
import { currentCorrelation, newCorrelationId } from '../observability/context.js';
import type { Conversation, ConversationStore, JobSink, Publisher } from './ports.js';
import { redactionMarkers, redactSecrets, redactSecretsDeep } from './redact.js';

/**
 * The thread state machine: collecting → generating → ready ⇄ revising (→ failed). It records what people
 * say, decides what happens next, and enqueues the slow work; it never calls the model for a design itself.
 */

export type Extract = (text: string) => Promise<PartialInputs>;

export interface ConversationServiceDeps {
  store: ConversationStore;
  jobs: JobSink;
  publisher: Publisher;
  extract: Extract;
  logger?: { warn: (obj: object, msg: string) => void };
  correlationId?: () => string;
}

export interface StartRequest {
  teamId: string;
  channelId: string;
  threadTs: string;
  userId: string;
  channelIsPrivate: boolean;
  text: string;
  /** Inputs already known (from the modal form), merged over anything extracted from the text. */
  inputs?: PartialInputs;
}

export interface ReplyRequest {
  teamId: string;
  channelId: string;
  threadTs: string;
  ts: string;
  userId: string;
  text: string;
}

export type Outcome =
  | { kind: 'asking'; conversation: Conversation; missing: MissingInput[] }
  | { kind: 'generating'; conversation: Conversation; revision: number; queued: boolean }
  | { kind: 'reply-queued'; conversation: Conversation; queued: boolean }
  | { kind: 'ignored' };

export const REDACTION_NOTICE = (kinds: string[]) =>
  `I removed what looked like secrets (${kinds.join(', ')}) from your message before saving it or sending it to the model. ` +
  'Please rotate any credential you pasted, and never share secrets in Slack.';

export function createConversationService(deps: ConversationServiceDeps) {
  const { store, jobs, publisher } = deps;
  // Jobs carry the id of the Slack delivery that caused them, so one id follows the work into workers and model calls.
  const correlationId = deps.correlationId ?? (() => currentCorrelation()?.correlationId ?? newCorrelationId());

  async function extractSafely(text: string): Promise<PartialInputs> {
    try {
      return await deps.extract(text);
    } catch (error) {
      // Extraction is a convenience: if it fails, the interview simply asks for everything.
      deps.logger?.warn({ err: error }, 'input extraction failed; asking for inputs instead');
      return {};
    }
  }

  /** Tells the person which kinds of secret were removed, whether here or already at the Slack edge (markers in the text). */
  async function tellRedactions(conversation: Conversation, redacted: string): Promise<void> {
    const kinds = redactionMarkers(redacted).map((r) => r.kind);
    if (kinds.length > 0) await publisher.notice(conversation, REDACTION_NOTICE(kinds));
  }

  /** Stores what a person said (already redacted) and tells them if secrets were removed from it. */
  async function record(conversation: Conversation, ts: string, userId: string, said: ReturnType<typeof redactSecrets>): Promise<void> {
    await store.addThreadMessage(conversation.id, { slackTs: ts, author: userId, role: 'user', text: said.text });
    await tellRedactions(conversation, said.text);
  }

  /** Asks for what is missing, or queues generation of the next revision when nothing is. */
  async function advance(conversation: Conversation, inputs: PartialInputs, requestKey?: string): Promise<Outcome> {
    const missing = missingInputs(inputs);
    if (missing.length > 0) {
      await store.updateConversation(conversation.id, { status: 'collecting', inputs });
      const updated = { ...conversation, status: 'collecting' as const, inputs };
      await publisher.askForInputs(updated, missing);
      return { kind: 'asking', conversation: updated, missing };
    }
    const latest = await store.getRevision(conversation.id);
    const revision = (latest?.revision ?? 0) + 1;
    await store.updateConversation(conversation.id, { status: 'generating', inputs, error: null });
    const updated = { ...conversation, status: 'generating' as const, inputs, error: null };
    const queued = await jobs.enqueueGenerate({
      conversationId: conversation.id,
      revision,
      correlationId: correlationId(),
      ...(requestKey ? { requestKey } : {}),
    });
    return { kind: 'generating', conversation: updated, revision, queued };
  }

  return {
    async start(req: StartRequest): Promise<Outcome> {
      const said = redactSecrets(req.text);
      const extracted = said.text.trim() ? await extractSafely(said.text) : {};
      const form = req.inputs ? redactSecretsDeep(req.inputs) : undefined;
      const inputs = form ? { ...extracted, ...form.value } : extracted;
      const conversation = await store.createConversation({
        teamId: req.teamId,
        channelId: req.channelId,
        threadTs: req.threadTs,
        userId: req.userId,
        channelIsPrivate: req.channelIsPrivate,
        inputs,
        status: 'collecting',
      });
      if (said.text.trim()) await record(conversation, req.threadTs, req.userId, said);
      if (form) await tellRedactions(conversation, JSON.stringify(form.value));
      return advance(conversation, inputs);
    },

    async reply(req: ReplyRequest): Promise<Outcome> {
      const conversation = await store.findConversationByThread(req.teamId, req.channelId, req.threadTs);
      if (!conversation) return { kind: 'ignored' };
      const said = redactSecrets(req.text);
      await record(conversation, req.ts, req.userId, said);
      const { text } = said;

      const latest = await store.getRevision(conversation.id);
      if (!latest && (conversation.status === 'collecting' || conversation.status === 'failed')) {
        const inputs = await applyAnswer(conversation.inputs, text, extractSafely);
        return advance(conversation, inputs);
      }
      // A design exists (or is being written): the reply is a question or a change request, handled by a job
      // that waits for the first revision if it is not there yet.
      const queued = await jobs.enqueueRevise({
        conversationId: conversation.id,
        revision: latest?.revision ?? 1,
        request: text,
        replyTs: req.ts,
        userId: req.userId,
        correlationId: correlationId(),
      });
      return { kind: 'reply-queued', conversation, queued };
    },

    /** The modal form's inputs replace what we had; then the interview continues as usual. */
    async submitForm(conversationId: string, inputs: PartialInputs, requestKey?: string): Promise<Outcome> {
      const conversation = await store.getConversation(conversationId);
      if (!conversation) return { kind: 'ignored' };
      const { value: clean } = redactSecretsDeep(inputs);
      await tellRedactions(conversation, JSON.stringify(clean));
      return advance(conversation, clean, requestKey);
    },

    /** Writes a fresh revision from the current inputs (the Regenerate button, or after a failure). */
    async regenerate(conversationId: string, requestKey?: string): Promise<Outcome> {
      const conversation = await store.getConversation(conversationId);
      if (!conversation) return { kind: 'ignored' };
      return advance(conversation, conversation.inputs, requestKey);
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
