import { randomUUID } from 'node:crypto';
import { createTsClock, newTriggerId, slackId } from './fake/ids.js';
import { renderMessage } from './fake/methods/chat.js';
import { renderView } from './fake/methods/views.js';
import type { SlackApiFake } from './slack-api-fake.js';

/** Identity of the workspace and app the driver speaks for; the fake's, when one is given. */
export interface DriverIdentity {
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  botUserId: string;
  /** The legacy verification token Slack still sends in payloads. */
  verificationToken: string;
  fake: SlackApiFake | undefined;
}

const fallbackClock = createTsClock();

export function nextTs(id: DriverIdentity): string {
  return id.fake ? id.fake.state.nextTs() : fallbackClock();
}

export function triggerId(id: DriverIdentity, userId: string, given?: string): string {
  return given ?? (id.fake ? id.fake.state.issueTriggerId(userId) : newTriggerId(userId));
}

/** A response_url on the fake (which records and renders posts); a dead local port without one. */
export function responseUrl(id: DriverIdentity, context: { channel: string; user: string; messageTs?: string; threadTs?: string }): string {
  if (!id.fake) return 'http://127.0.0.1:9/response_url/unavailable';
  return `${id.fake.origin}/response_url/${id.fake.state.registerResponseUrl(context)}`;
}

export function userName(id: DriverIdentity, userId: string): string {
  return id.fake?.state.users.get(userId)?.name ?? userId.toLowerCase();
}

export function channelName(id: DriverIdentity, channelId: string): string {
  const c = id.fake?.state.channels.get(channelId);
  if (!c) return 'sandbox';
  return c.isIm ? 'directmessage' : c.isPrivate ? 'privategroup' : c.name;
}

export function channelType(id: DriverIdentity, channelId: string): 'channel' | 'group' | 'im' {
  const c = id.fake?.state.channels.get(channelId);
  if (c) return c.isIm ? 'im' : c.isPrivate ? 'group' : 'channel';
  return channelId.startsWith('D') ? 'im' : channelId.startsWith('G') ? 'group' : 'channel';
}

export function eventEnvelope(id: DriverIdentity, event: Record<string, unknown>, eventId?: string): Record<string, unknown> {
  return {
    token: id.verificationToken,
    team_id: id.teamId,
    context_team_id: id.teamId,
    context_enterprise_id: null,
    api_app_id: id.apiAppId,
    event,
    type: 'event_callback',
    event_id: eventId ?? slackId('Ev', 12),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: id.teamId, user_id: id.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomUUID()}`,
  };
}

export function userObject(id: DriverIdentity, userId: string): Record<string, unknown> {
  const name = userName(id, userId);
  return { id: userId, username: name, name, team_id: id.teamId };
}

export interface BlockActionInput {
  userId: string;
  actionId: string;
  value: string;
  channelId?: string;
  messageTs?: string;
  threadTs?: string;
  blockId?: string;
  viewId?: string;
  triggerId?: string;
}

export function blockActionPayload(id: DriverIdentity, input: BlockActionInput): Record<string, unknown> {
  const fakeMessage =
    input.channelId && input.messageTs ? id.fake?.state.findMessage(input.channelId, input.messageTs) : undefined;
  const fakeView = input.viewId ? id.fake?.state.views.get(input.viewId) : undefined;
  const actionTs = nextTs(id);
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: userObject(id, input.userId),
    api_app_id: id.apiAppId,
    token: id.verificationToken,
    trigger_id: triggerId(id, input.userId, input.triggerId),
    team: { id: id.teamId, domain: id.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    state: { values: {} },
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId ?? 'actions',
        text: { type: 'plain_text', text: input.value, emoji: true },
        value: input.value,
        action_ts: actionTs,
      },
    ],
  };
  if (input.channelId) {
    payload.channel = { id: input.channelId, name: channelName(id, input.channelId) };
    payload.container = {
      type: 'message',
      message_ts: input.messageTs ?? actionTs,
      channel_id: input.channelId,
      is_ephemeral: false,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    };
    payload.message = fakeMessage
      ? renderMessage(fakeMessage)
      : { type: 'message', ts: input.messageTs ?? actionTs, text: '', ...(input.threadTs ? { thread_ts: input.threadTs } : {}) };
    payload.response_url = responseUrl(id, {
      channel: input.channelId,
      user: input.userId,
      ...(input.messageTs ? { messageTs: input.messageTs } : {}),
      ...(input.threadTs ? { threadTs: input.threadTs } : {}),
    });
  } else {
    const viewId = input.viewId ?? fakeHomeViewId(id, input.userId) ?? slackId('V');
    payload.container = { type: 'view', view_id: viewId };
    payload.view = fakeView ? renderView(fakeView) : { id: viewId, type: 'home', blocks: [], state: { values: {} } };
  }
  return payload;
}

export interface MessageShortcutInput {
  userId: string;
  callbackId: string;
  channelId: string;
  messageTs: string;
}

/** A message shortcut (message_action), as Slack sends it when someone picks it from a message's menu. */
export function messageShortcutPayload(id: DriverIdentity, input: MessageShortcutInput): Record<string, unknown> {
  const fakeMessage = id.fake?.state.findMessage(input.channelId, input.messageTs);
  return {
    type: 'message_action',
    token: id.verificationToken,
    action_ts: nextTs(id),
    team: { id: id.teamId, domain: id.teamDomain },
    user: userObject(id, input.userId),
    channel: { id: input.channelId, name: channelName(id, input.channelId) },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: triggerId(id, input.userId),
    response_url: responseUrl(id, { channel: input.channelId, user: input.userId, messageTs: input.messageTs }),
    message_ts: input.messageTs,
    message: fakeMessage ? renderMessage(fakeMessage) : { type: 'message', ts: input.messageTs, text: '' },
  };
}

function fakeHomeViewId(id: DriverIdentity, userId: string): string | undefined {
  return id.fake?.state.homeView(userId)?.id;
}

export interface ViewSubmissionInput {
  userId: string;
  callbackId: string;
  privateMetadata?: string;
  /** Slack's shape: `{ [blockId]: { [actionId]: { type: 'plain_text_input', value: '...' } } }`. */
  values: Record<string, Record<string, unknown>>;
  viewId?: string;
  triggerId?: string;
}

export function viewSubmissionPayload(id: DriverIdentity, input: ViewSubmissionInput): Record<string, unknown> {
  // Use the modal the bot really opened when the fake has it, so blocks and ids line up.
  const opened =
    (input.viewId ? id.fake?.state.views.get(input.viewId) : undefined) ??
    [...(id.fake?.state.views.values() ?? [])]
      .reverse()
      .find((v) => v.type === 'modal' && v.user === input.userId && v.callback_id === input.callbackId);
  const base = opened
    ? renderView(opened)
    : {
        id: input.viewId ?? slackId('V'),
        team_id: id.teamId,
        type: 'modal',
        blocks: [],
        title: { type: 'plain_text', text: 'Sandbox' },
        hash: randomUUID(),
        app_id: id.apiAppId,
      };
  return {
    type: 'view_submission',
    team: { id: id.teamId, domain: id.teamDomain },
    user: userObject(id, input.userId),
    api_app_id: id.apiAppId,
    token: id.verificationToken,
    trigger_id: triggerId(id, input.userId, input.triggerId),
    view: {
      ...base,
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? (opened?.private_metadata ?? ''),
      state: { values: input.values },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Where the person was when they opened the assistant container (Slack's assistant_thread.context). */
export interface AssistantContextInput {
  channel_id?: string;
  team_id?: string;
  enterprise_id?: string | null;
}

/** assistant_thread_started / assistant_thread_context_changed, as Slack sends them for the app's assistant threads. */
export function assistantThreadEvent(
  id: DriverIdentity,
  type: 'assistant_thread_started' | 'assistant_thread_context_changed',
  input: { user: string; channel: string; threadTs: string; context: Record<string, unknown> },
): Record<string, unknown> {
  return {
    type,
    assistant_thread: { user_id: input.user, context: input.context, channel_id: input.channel, thread_ts: input.threadTs },
    event_ts: nextTs(id),
  };
}

export function assistantContext(id: DriverIdentity, input: AssistantContextInput = {}): Record<string, unknown> {
  return {
    ...(input.channel_id ? { channel_id: input.channel_id } : {}),
    team_id: input.team_id ?? id.teamId,
    enterprise_id: input.enterprise_id ?? null,
  };
}
