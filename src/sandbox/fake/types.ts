/** Shapes of the Local Slack's in-memory state. Field names follow Slack's wire format where they are rendered. */

export interface FakeUser {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
  teamId: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  /** For an IM: the human on the other side. */
  imUser?: string;
  members: Set<string>;
  created: number;
}

export interface FakeFileRef {
  id: string;
  name: string;
  title: string;
  size: number;
  mimetype: string;
  url_private: string;
  /** Where the file opens for people (the Local Slack serves the file itself there). */
  permalink: string;
}

/** A channel message as Slack renders it in history and replies. */
export interface FakeMessage {
  type: 'message';
  channel: string;
  ts: string;
  user: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  reply_broadcast?: boolean;
  bot_id?: string;
  app_id?: string;
  subtype?: string;
  files?: FakeFileRef[];
  edited?: { user: string; ts: string };
  /** Message metadata as posted; returned by history and replies only with include_all_metadata. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Sandbox-side only (never rendered into Web API answers): true while a chat.startStream stream is open. */
  streaming?: boolean;
  /** Sandbox-side only: chunks other than markdown text (task and plan updates) received while streaming. */
  streamChunks?: unknown[];
}

/** A chat.startStream stream: the message it writes to and why it ended, if it did. */
export interface FakeStream {
  channel: string;
  ts: string;
  startedAt: number;
  /** Absolute end of life (startedAt + streamLifetimeMs); appends do not extend it. */
  expiresAt: number;
  recipientUserId?: string;
  recipientTeamId?: string;
  taskDisplayMode?: string;
  ended?: 'stopped' | 'stopped_by_user' | 'expired';
}

/** An assistant thread in the IM between a person and the bot (the AI app container). */
export interface FakeAssistantThread {
  channel: string;
  threadTs: string;
  userId: string;
  /** '' when no status shows; Slack clears it when the app replies in the thread. */
  status: string;
  loadingMessages: string[];
  prompts: { title: string; message: string }[];
  promptsTitle?: string;
  title?: string;
  /** Where the person opened the container from (assistant_thread.context). */
  context: Record<string, unknown>;
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  /** Where it came from: chat.postEphemeral or a response_url post. */
  via: 'chat.postEphemeral' | 'response_url';
}

export interface FakeView {
  id: string;
  type: string;
  /** Owner: the user whose modal stack / home tab holds it. */
  user: string;
  team_id: string;
  app_id: string;
  bot_id: string;
  callback_id: string;
  private_metadata: string;
  external_id: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: unknown[];
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  state: { values: Record<string, unknown> };
}

export interface FakeFile {
  id: string;
  filename: string;
  title: string;
  declaredLength: number;
  bytes?: Buffer;
  completed: boolean;
  mimetype: string;
  shares: { channel: string; ts: string }[];
}

export interface ResponseUrlContext {
  channel: string;
  user: string;
  /** The message a button sat on, for replace_original/delete_original. */
  messageTs?: string;
  threadTs?: string;
}

export interface ResponseUrlPost {
  id: string;
  at: number;
  body: Record<string, unknown>;
  context?: ResponseUrlContext;
}

export interface RecordedCall {
  method: string;
  /** Parsed arguments: form fields and JSON bodies alike, with blocks/view/files parsed from JSON. */
  args: Record<string, unknown>;
  at: number;
  /** HTTP status the fake answered with (200 for API errors, 429 for rate limiting). */
  status: number;
  response: Record<string, unknown>;
}

/** A standalone canvas: markdown document, title, the channels it is shared with, how often it was edited. */
export interface FakeCanvas {
  id: string;
  title: string;
  markdown: string;
  channelIds: string[];
  owner: string;
  edits: number;
}

export type FakeEvent =
  | { type: 'message'; message: FakeMessage }
  | { type: 'message_changed'; message: FakeMessage }
  | { type: 'message_deleted'; channel: string; ts: string }
  | { type: 'ephemeral'; ephemeral: FakeEphemeral }
  | { type: 'view'; view: FakeView; action: 'opened' | 'published' | 'updated' | 'pushed' | 'closed' }
  | { type: 'file'; file: FakeFile }
  | { type: 'canvas'; canvas: FakeCanvas }
  | { type: 'response_url'; post: ResponseUrlPost }
  | { type: 'assistant'; thread: FakeAssistantThread };
