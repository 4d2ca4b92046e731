import { EventEmitter } from 'node:events';
import { SlackApiError } from './errors.js';
import { createTsClock, newTriggerId, slackId, SANDBOX_TRIGGER_PREFIX, triggerIdUser } from './ids.js';
import type {
  FakeAssistantThread,
  FakeCanvas,
  FakeChannel,
  FakeEphemeral,
  FakeEvent,
  FakeFile,
  FakeMessage,
  FakeStream,
  FakeUser,
  FakeView,
  ResponseUrlContext,
  ResponseUrlPost,
} from './types.js';

export const DEFAULT_STREAM_LIFETIME_MS = 300_000;

export interface StateIdentity {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}

export interface AddChannelInput {
  id: string;
  name: string;
  isPrivate?: boolean;
  isIm?: boolean;
  imUser?: string;
  members?: string[];
}

export interface AddUserInput {
  id: string;
  name: string;
  realName?: string;
  isBot?: boolean;
}

export interface NewMessageInput {
  channel: string;
  user: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  replyBroadcast?: boolean;
  botId?: string;
  subtype?: string;
  files?: FakeMessage['files'];
  metadata?: FakeMessage['metadata'];
  /** Opened by chat.startStream: marked before the page hears of it. */
  streaming?: boolean;
}

/**
 * The Local Slack's memory: users, channels with members, messages with threads, ephemerals, views, files.
 * Web API handlers and the sandbox page both go through it; every change is emitted as a FakeEvent.
 */
export class SlackState {
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  /** Per channel, in ts order (replies included; `thread_ts` tells them apart). */
  readonly history = new Map<string, FakeMessage[]>();
  readonly ephemerals: FakeEphemeral[] = [];
  readonly views = new Map<string, FakeView>();
  /** App Home view per user (views.publish). */
  readonly homeViews = new Map<string, string>();
  /** The modal a user has open (views.open/push/update), until submitted or closed. */
  private readonly openModals = new Map<string, string>();
  readonly files = new Map<string, FakeFile>();
  readonly canvases = new Map<string, FakeCanvas>();
  /** A workspace where canvases are switched off: canvases.create answers canvas_disabled_user_team. */
  canvasesDisabled = false;
  readonly responseUrlPosts: ResponseUrlPost[] = [];
  /** Open and ended chat.startStream streams, by `${channel}:${ts}`. */
  readonly streams = new Map<string, FakeStream>();
  /** Absolute lifetime of a stream from chat.startStream; Slack ends streams after about 5 minutes. */
  streamLifetimeMs = DEFAULT_STREAM_LIFETIME_MS;
  private readonly streamTimers = new Map<string, NodeJS.Timeout>();
  /** Assistant threads (AI app container) by `${channel}:${threadTs}`. */
  readonly assistantThreads = new Map<string, FakeAssistantThread>();
  private readonly responseUrls = new Map<string, ResponseUrlContext>();
  private readonly issuedTriggers = new Set<string>();
  private readonly usedTriggers = new Set<string>();
  private readonly emitter = new EventEmitter();
  readonly nextTs = createTsClock();

  constructor(readonly identity: StateIdentity) {
    this.emitter.setMaxListeners(100);
  }

  on(listener: (event: FakeEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  emit(event: FakeEvent): void {
    this.emitter.emit('event', event);
  }

  clear(): void {
    for (const m of [this.users, this.channels, this.history, this.views, this.homeViews, this.openModals, this.files, this.canvases]) m.clear();
    this.canvasesDisabled = false;
    for (const timer of this.streamTimers.values()) clearTimeout(timer);
    this.streamTimers.clear();
    this.streams.clear();
    this.streamLifetimeMs = DEFAULT_STREAM_LIFETIME_MS;
    this.assistantThreads.clear();
    this.ephemerals.length = 0;
    this.responseUrlPosts.length = 0;
    this.responseUrls.clear();
    this.issuedTriggers.clear();
    this.usedTriggers.clear();
  }

  addUser(input: AddUserInput): FakeUser {
    const user: FakeUser = {
      id: input.id,
      name: input.name,
      realName: input.realName ?? input.name,
      isBot: input.isBot ?? false,
      teamId: this.identity.teamId,
    };
    this.users.set(user.id, user);
    return user;
  }

  addChannel(input: AddChannelInput): FakeChannel {
    const channel: FakeChannel = {
      id: input.id,
      name: input.name,
      isPrivate: input.isPrivate ?? false,
      isIm: input.isIm ?? false,
      members: new Set(input.members ?? []),
      created: Math.floor(Date.now() / 1000),
      ...(input.imUser ? { imUser: input.imUser } : {}),
    };
    this.channels.set(channel.id, channel);
    if (!this.history.has(channel.id)) this.history.set(channel.id, []);
    return channel;
  }

  /** The IM between the bot and a user, created on first use like conversations.open does. */
  openIm(userId: string): FakeChannel {
    for (const c of this.channels.values()) if (c.isIm && c.imUser === userId) return c;
    return this.addChannel({
      id: `D${userId.replace(/^[UW]/, '')}`.slice(0, 11),
      name: userId,
      isIm: true,
      imUser: userId,
      members: [userId, this.identity.botUserId],
    });
  }

  isMember(channelId: string, userId: string): boolean {
    return this.channels.get(channelId)?.members.has(userId) ?? false;
  }

  /** A channel the given user may see: public ones always, private and IMs only as a member. */
  visibleChannel(channelId: string, userId: string): FakeChannel {
    const channel = this.channels.get(channelId);
    if (!channel || ((channel.isPrivate || channel.isIm) && !channel.members.has(userId))) {
      throw new SlackApiError('channel_not_found');
    }
    return channel;
  }

  /** Appends a message (from the bot or, via the sandbox page, from a person) and updates its thread parent. */
  addMessage(input: NewMessageInput): FakeMessage {
    const list = this.history.get(input.channel);
    if (!list) throw new SlackApiError('channel_not_found');
    const ts = this.nextTs();
    const message: FakeMessage = { type: 'message', channel: input.channel, ts, user: input.user, text: input.text };
    if (input.blocks) message.blocks = input.blocks;
    if (input.botId) {
      message.bot_id = input.botId;
      message.app_id = this.identity.appId;
    }
    if (input.subtype) message.subtype = input.subtype;
    if (input.files) message.files = input.files;
    if (input.metadata) message.metadata = input.metadata;
    if (input.streaming) message.streaming = true;
    if (input.threadTs) {
      const parent = list.find((m) => m.ts === input.threadTs);
      // A reply to a reply belongs to the root thread, as in Slack.
      const rootTs = parent?.thread_ts ?? input.threadTs;
      message.thread_ts = rootTs;
      if (input.replyBroadcast) message.reply_broadcast = true;
      const root = list.find((m) => m.ts === rootTs);
      if (root) {
        root.thread_ts = root.ts;
        root.reply_count = (root.reply_count ?? 0) + 1;
        root.reply_users = [...new Set([...(root.reply_users ?? []), input.user])];
        root.latest_reply = ts;
      }
    }
    list.push(message);
    this.emit({ type: 'message', message });
    if (input.user === this.identity.botUserId && message.thread_ts) this.clearAssistantStatus(input.channel, message.thread_ts);
    return message;
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.history.get(channel)?.find((m) => m.ts === ts);
  }

  updateMessage(
    channel: string,
    ts: string,
    patch: { text?: string; blocks?: unknown[]; metadata?: FakeMessage['metadata'] },
    editor: string,
  ): FakeMessage {
    const message = this.findMessage(channel, ts);
    if (!message) throw new SlackApiError('message_not_found');
    if (patch.text !== undefined) message.text = patch.text;
    if (patch.blocks !== undefined) message.blocks = patch.blocks;
    if (patch.metadata !== undefined) message.metadata = patch.metadata;
    message.edited = { user: editor, ts: this.nextTs() };
    this.emit({ type: 'message_changed', message });
    return message;
  }

  deleteMessage(channel: string, ts: string): void {
    const list = this.history.get(channel);
    const index = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || index < 0) throw new SlackApiError('message_not_found');
    list.splice(index, 1);
    this.emit({ type: 'message_deleted', channel, ts });
  }

  /**
   * Rendered history. Without threadTs: the channel's top-level messages (plus broadcast replies), oldest first.
   * With threadTs: the thread's root followed by its replies, oldest first.
   */
  messages(channel: string, options: { threadTs?: string } = {}): FakeMessage[] {
    const list = this.history.get(channel) ?? [];
    const { threadTs } = options;
    if (threadTs === undefined) {
      return list.filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || m.reply_broadcast);
    }
    return list.filter((m) => m.ts === threadTs || m.thread_ts === threadTs);
  }

  addEphemeral(input: Omit<FakeEphemeral, 'ts'>): FakeEphemeral {
    const ephemeral: FakeEphemeral = { ...input, ts: this.nextTs() };
    this.ephemerals.push(ephemeral);
    this.emit({ type: 'ephemeral', ephemeral });
    return ephemeral;
  }

  saveView(view: FakeView, action: 'opened' | 'published' | 'updated' | 'pushed'): FakeView {
    this.views.set(view.id, view);
    if (view.type === 'home') this.homeViews.set(view.user, view.id);
    if (view.type === 'modal') this.openModals.set(view.user, view.id);
    this.emit({ type: 'view', view, action });
    return view;
  }

  openModal(userId: string): FakeView | undefined {
    const id = this.openModals.get(userId);
    return id ? this.views.get(id) : undefined;
  }

  /** The person submitted or cancelled the modal: Slack closes it. */
  closeModal(userId: string): void {
    const view = this.openModal(userId);
    if (!view) return;
    this.openModals.delete(userId);
    this.emit({ type: 'view', view, action: 'closed' });
  }

  homeView(userId: string): FakeView | undefined {
    const id = this.homeViews.get(userId);
    return id ? this.views.get(id) : undefined;
  }

  newViewId(): string {
    return slackId('V');
  }

  /** Trigger ids minted for driver requests; views.open accepts these (or any with the sandbox prefix) once. */
  issueTriggerId(userId: string): string {
    const id = newTriggerId(userId);
    this.issuedTriggers.add(id);
    return id;
  }

  consumeTriggerId(triggerId: string | undefined): void {
    if (!triggerId) throw new SlackApiError('invalid_trigger_id');
    if (!this.issuedTriggers.has(triggerId) && !triggerId.startsWith(SANDBOX_TRIGGER_PREFIX)) {
      throw new SlackApiError('invalid_trigger_id');
    }
    if (this.usedTriggers.has(triggerId)) throw new SlackApiError('exchanged_trigger_id');
    this.usedTriggers.add(triggerId);
  }

  triggerUser(triggerId: string): string | undefined {
    return triggerIdUser(triggerId);
  }

  registerResponseUrl(context: ResponseUrlContext): string {
    const id = slackId('R', 16);
    this.responseUrls.set(id, context);
    return id;
  }

  responseUrlContext(id: string): ResponseUrlContext | undefined {
    return this.responseUrls.get(id);
  }

  /** Marks a bot message as streaming (chat.startStream); the stream ends by itself after streamLifetimeMs. */
  startStream(message: FakeMessage, options: { recipientUserId?: string; recipientTeamId?: string; taskDisplayMode?: string } = {}): FakeStream {
    const startedAt = Date.now();
    const stream: FakeStream = { channel: message.channel, ts: message.ts, startedAt, expiresAt: startedAt + this.streamLifetimeMs, ...options };
    const key = `${message.channel}:${message.ts}`;
    this.streams.set(key, stream);
    message.streaming = true;
    // The timer only keeps the page truthful; streamFor() checks the clock itself, so timer jitter never matters.
    const timer = setTimeout(() => this.streamFor(message.channel, message.ts), this.streamLifetimeMs + 5);
    timer.unref();
    this.streamTimers.set(key, timer);
    return stream;
  }

  /** The stream for a message, with expiry applied (an expired stream is ended and the page told). */
  streamFor(channel: string, ts: string): FakeStream | undefined {
    const stream = this.streams.get(`${channel}:${ts}`);
    if (stream && !stream.ended && Date.now() >= stream.expiresAt) this.endStream(stream, 'expired');
    return stream;
  }

  endStream(stream: FakeStream, reason: NonNullable<FakeStream['ended']>): void {
    const key = `${stream.channel}:${stream.ts}`;
    stream.ended = reason;
    clearTimeout(this.streamTimers.get(key));
    this.streamTimers.delete(key);
    const message = this.findMessage(stream.channel, stream.ts);
    if (message) {
      message.streaming = false;
      this.emit({ type: 'message_changed', message });
    }
  }

  /** The person pressed stop on a streaming message in Slack: further appends answer stopped_by_user. */
  stopStreamByUser(channel: string, ts: string): void {
    const stream = this.streamFor(channel, ts);
    if (!stream) throw new SlackApiError('message_not_found');
    if (!stream.ended) this.endStream(stream, 'stopped_by_user');
  }

  registerAssistantThread(input: { channel: string; threadTs: string; userId: string; context?: Record<string, unknown> }): FakeAssistantThread {
    const thread: FakeAssistantThread = {
      channel: input.channel,
      threadTs: input.threadTs,
      userId: input.userId,
      status: '',
      loadingMessages: [],
      prompts: [],
      context: input.context ?? {},
    };
    return this.saveAssistantThread(thread);
  }

  assistantThread(channel: string, threadTs: string): FakeAssistantThread | undefined {
    return this.assistantThreads.get(`${channel}:${threadTs}`);
  }

  saveAssistantThread(thread: FakeAssistantThread): FakeAssistantThread {
    this.assistantThreads.set(`${thread.channel}:${thread.threadTs}`, thread);
    this.emit({ type: 'assistant', thread });
    return thread;
  }

  /** Slack clears an assistant thread's status as soon as the app replies in it. */
  private clearAssistantStatus(channel: string, threadTs: string): void {
    const thread = this.assistantThread(channel, threadTs);
    if (!thread || (thread.status === '' && thread.loadingMessages.length === 0)) return;
    thread.status = '';
    thread.loadingMessages = [];
    this.saveAssistantThread(thread);
  }

  saveCanvas(canvas: FakeCanvas): FakeCanvas {
    this.canvases.set(canvas.id, canvas);
    this.emit({ type: 'canvas', canvas });
    return canvas;
  }

  saveFile(file: FakeFile): void {
    this.files.set(file.id, file);
    this.emit({ type: 'file', file });
  }

  /** A JSON-friendly copy of everything, for the sandbox page's initial render (file bytes left out). */
  snapshot() {
    return {
      identity: this.identity,
      users: [...this.users.values()],
      channels: [...this.channels.values()].map((c) => ({ ...c, members: [...c.members] })),
      messages: Object.fromEntries([...this.history].map(([id, list]) => [id, list.slice()])),
      ephemerals: this.ephemerals.slice(),
      views: [...this.views.values()],
      files: [...this.files.values()].map(({ bytes, ...f }) => ({ ...f, size: bytes?.length ?? 0 })),
      responseUrlPosts: this.responseUrlPosts.slice(),
      assistantThreads: [...this.assistantThreads.values()],
    };
  }
}
