import { randomUUID } from 'node:crypto';
import type { IntegrationInputs } from '../../src/architect/inputs.js';
import type { DesignResult } from '../../src/architect/types.js';
import type {
  Conversation,
  ConversationStore,
  GenerateJob,
  JobSink,
  ProgressHandle,
  Publisher,
  ReplyJob,
  StoredRevision,
  ThreadMessage,
} from '../../src/conversation/ports.js';

/** In-memory implementations of the conversation ports, for testing the state machine without a database or Slack. */
export function memoryStore(): ConversationStore & { conversations: Map<string, Conversation>; revisions: StoredRevision[]; messages: Map<string, ThreadMessage[]> } {
  const conversations = new Map<string, Conversation>();
  const revisions: StoredRevision[] = [];
  const messages = new Map<string, ThreadMessage[]>();
  const claimed = new Set<string>();
  return {
    conversations,
    revisions,
    messages,
    async createConversation(input) {
      const existing = [...conversations.values()].find((c) => c.teamId === input.teamId && c.channelId === input.channelId && c.threadTs === input.threadTs);
      if (existing) return existing;
      const c: Conversation = { id: randomUUID(), status: 'collecting', error: null, ...input };
      conversations.set(c.id, c);
      return c;
    },
    async getConversation(id) {
      return conversations.get(id) ?? null;
    },
    async findConversationByThread(teamId, channelId, threadTs) {
      return [...conversations.values()].find((c) => c.teamId === teamId && c.channelId === channelId && c.threadTs === threadTs) ?? null;
    },
    async updateConversation(id, patch) {
      const c = conversations.get(id);
      if (c) conversations.set(id, { ...c, ...patch });
    },
    async saveRevision(conversationId, design: DesignResult, inputs: IntegrationInputs, createdBy, options) {
      const revision = revisions.filter((r) => r.conversationId === conversationId).length + 1;
      if (options?.basedOn !== undefined && options.basedOn !== revision - 1) {
        throw Object.assign(new Error('stale revision'), { name: 'StaleRevisionError' });
      }
      const stored: StoredRevision = {
        conversationId,
        revision,
        title: design.title,
        systems: inputs.systems.map((s) => s.name),
        inputs,
        markdown: design.markdown,
        sections: design.sections,
        quality: design.quality,
        engine: design.engine,
        model: design.model,
        createdBy,
        createdAt: new Date(),
      };
      revisions.push(stored);
      return stored;
    },
    async getRevision(conversationId, n) {
      const mine = revisions.filter((r) => r.conversationId === conversationId);
      return (n === undefined ? mine.at(-1) : mine.find((r) => r.revision === n)) ?? null;
    },
    async addThreadMessage(conversationId, message) {
      const list = messages.get(conversationId) ?? [];
      if (!list.some((m) => m.slackTs === message.slackTs)) list.push(message);
      messages.set(conversationId, list);
    },
    async listThreadMessages(conversationId) {
      return messages.get(conversationId) ?? [];
    },
    async claimOnce(key) {
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    },
  };
}

export function memoryJobs(): JobSink & { generate: GenerateJob[]; revise: ReplyJob[] } {
  const generate: GenerateJob[] = [];
  const revise: ReplyJob[] = [];
  return {
    generate,
    revise,
    async enqueueGenerate(job) {
      generate.push(job);
      return true;
    },
    async enqueueRevise(job) {
      revise.push(job);
      return true;
    },
  };
}

/** Records what would be posted to the thread, as [kind, detail] pairs. */
export function recordingPublisher(): Publisher & { events: [string, string][] } {
  const events: [string, string][] = [];
  const progress: ProgressHandle = {
    update: (p) => void events.push(['progress', p.stage]),
    finish: async (text) => void events.push(['progress-done', text]),
    discard: async () => void events.push(['progress-discarded', '']),
  };
  return {
    events,
    async askForInputs(_c, missing) {
      events.push(['ask', missing.map((m) => m.field).join(',')]);
    },
    async notice(_c, text) {
      events.push(['notice', text]);
    },
    async startProgress() {
      events.push(['progress-start', '']);
      return progress;
    },
    async publishDesign(_c, revision, { changes }) {
      events.push(['design', `${revision.revision}${changes ? `:${changes.join('|')}` : ''}`]);
    },
    async publishAnswer(_c, markdown) {
      events.push(['answer', markdown]);
    },
    async publishFailure(_c, reason, retryable) {
      events.push(['failure', `${reason}:${retryable}`]);
    },
  };
}
