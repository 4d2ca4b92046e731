import type { IntegrationInputs, MissingInput, PartialInputs } from '../architect/inputs.js';
import type { DesignResult, DesignSection, HistoryMessage, Progress, QualityReport } from '../architect/types.js';

/**
 * What the conversation layer needs from the outside world, as interfaces. The data layer and the Slack
 * layer implement them; the thread state machine never sees SQL or Slack types.
 */

export type ConversationStatus = 'collecting' | 'generating' | 'ready' | 'revising' | 'failed';

export interface Conversation {
  id: string;
  teamId: string;
  channelId: string;
  threadTs: string;
  userId: string;
  channelIsPrivate: boolean;
  status: ConversationStatus;
  inputs: PartialInputs;
  error: string | null;
}

export interface StoredRevision {
  conversationId: string;
  revision: number;
  title: string;
  systems: string[];
  inputs: IntegrationInputs;
  markdown: string;
  sections: DesignSection[];
  quality: QualityReport;
  engine: string;
  model: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface ThreadMessage {
  slackTs: string;
  author: string;
  role: 'user' | 'assistant' | 'system';
  text: string;
}

export interface ConversationStore {
  createConversation(input: Omit<Conversation, 'id' | 'status' | 'error'> & { status?: ConversationStatus }): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | null>;
  findConversationByThread(teamId: string, channelId: string, threadTs: string): Promise<Conversation | null>;
  updateConversation(id: string, patch: Partial<Pick<Conversation, 'status' | 'inputs' | 'error'>>): Promise<void>;
  /**
   * Saves the next revision. With `basedOn`, only if the latest is still that revision; otherwise rejects with
   * an error whose name is 'StaleRevisionError' (the caller redoes the work on the newer revision).
   */
  saveRevision(
    conversationId: string,
    design: DesignResult,
    inputs: IntegrationInputs,
    createdBy: string,
    options?: { basedOn?: number },
  ): Promise<StoredRevision>;
  getRevision(conversationId: string, revision?: number): Promise<StoredRevision | null>;
  addThreadMessage(conversationId: string, message: ThreadMessage): Promise<void>;
  listThreadMessages(conversationId: string): Promise<ThreadMessage[]>;
  claimOnce(key: string): Promise<boolean>;
}

/**
 * What was posted for each revision, part by part ('progress', 'header', 'changes', 'section:N'), recorded as it is
 * posted, so a retried job continues where the last attempt stopped (no duplicate section, no orphaned progress).
 */
export interface PostLedger {
  postedParts(conversationId: string, revision: number): Promise<Map<string, string>>;
  recordPosted(conversationId: string, revision: number, part: string, slackTs: string): Promise<void>;
  forgetPosted(conversationId: string, revision: number, part: string): Promise<void>;
}

export interface GenerateJob {
  conversationId: string;
  revision: number;
  correlationId: string;
  /** Set for deliberate re-runs (Regenerate) so they are not mistaken for duplicates of a failed job. */
  requestKey?: string;
}

export interface ReplyJob {
  conversationId: string;
  revision: number;
  request: string;
  replyTs: string;
  /** Who asked for the change. */
  userId?: string;
  correlationId: string;
}

export interface JobSink {
  /** Returns false when an identical job was already queued (idempotent by conversation revision). */
  enqueueGenerate(job: GenerateJob): Promise<boolean>;
  enqueueRevise(job: ReplyJob): Promise<boolean>;
}

/** Where results go: the Slack layer posts them in the thread. */
export interface Publisher {
  askForInputs(conversation: Conversation, missing: MissingInput[]): Promise<void>;
  notice(conversation: Conversation, text: string): Promise<void>;
  /**
   * Starts the progress indicator of a revision (throttled by the implementation; in Slack, the document streamed
   * as it is written, to `requestedBy` where Slack needs a recipient). A retried job gets the same message back,
   * so no progress line is left behind by an attempt that died.
   */
  startProgress(conversation: Conversation, initial: Progress, revision: number, requestedBy?: string): Promise<ProgressHandle>;
  /**
   * Posts the design; with `progress`, that progress message becomes the design's header (replaced by the result).
   * Parts already posted for this revision (by an attempt that died) are updated or skipped, never posted twice.
   * With `previous`, a revision may post only the sections that changed (when the full document lives elsewhere).
   */
  publishDesign(
    conversation: Conversation,
    revision: StoredRevision,
    options: { changes?: string[]; progress?: ProgressHandle; previous?: StoredRevision; diagram?: { dot: string } },
  ): Promise<void>;
  publishAnswer(conversation: Conversation, markdown: string, replyTs: string): Promise<void>;
  publishFailure(conversation: Conversation, reason: string, retryable: boolean): Promise<void>;
}

export interface ProgressHandle {
  update(progress: Progress): void;
  finish(text: string): Promise<void>;
  /** Removes the progress message (the attempt failed and will be retried; one notice says so). */
  discard(): Promise<void>;
}

export type { HistoryMessage };
