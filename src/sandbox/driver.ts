import { randomUUID } from 'node:crypto';
import {
  assistantContext,
  assistantThreadEvent,
  blockActionPayload,
  channelName,
  channelType,
  eventEnvelope,
  messageShortcutPayload,
  nextTs,
  responseUrl,
  triggerId,
  userName,
  viewSubmissionPayload,
  type AssistantContextInput,
  type BlockActionInput,
  type DriverIdentity,
  type MessageShortcutInput,
  type ViewSubmissionInput,
} from './driver-payloads.js';
import { computeSlackSignature, signSlackRequest } from './signature.js';
import type { EnvelopeType } from './fake/socket-mode.js';
import type { SlackApiFake } from './slack-api-fake.js';

export type { AssistantContextInput, BlockActionInput, MessageShortcutInput, ViewSubmissionInput } from './driver-payloads.js';

export interface SlackDriverOptions {
  /** The bot's events endpoint, e.g. http://127.0.0.1:PORT/slack/events. */
  botUrl: string;
  signingSecret: string;
  teamId: string;
  teamDomain?: string;
  apiAppId?: string;
  /** The bot user named in event authorizations; the fake's when given. */
  botUserId?: string;
  /** When given: trigger ids and response_urls are minted by it, and user messages land in its history. */
  fake?: SlackApiFake;
  /**
   * 'socket-mode': deliver the same payloads as Socket Mode envelopes over the fake's WebSocket instead of signed
   * HTTP requests (needs `fake`); the response is the app's acknowledgement.
   */
  transport?: 'http' | 'socket-mode';
}

export interface DriverResponse {
  status: number;
  body: string;
  /** The body parsed as JSON when it is JSON. */
  json: unknown;
  headers: Record<string, string>;
  /** Exactly what was sent (and signed), and the headers it went with. */
  requestBody: string;
  requestHeaders: Record<string, string>;
}

export interface DeliveryOptions {
  eventId?: string;
  /** Sets X-Slack-Retry-Num (and X-Slack-Retry-Reason, default http_timeout) as Slack does on redelivery. */
  retryNum?: number;
  retryReason?: string;
}

export interface SlashCommandInput {
  command: string;
  text: string;
  userId: string;
  channelId: string;
  channelName?: string;
  triggerId?: string;
  retryNum?: number;
}

export interface MessageEventInput extends DeliveryOptions {
  channel: string;
  user: string;
  text: string;
  ts?: string;
  threadTs?: string;
  botId?: string;
  subtype?: string;
  /** Also append the message to the fake's history (default: yes for a person's new message). */
  record?: boolean;
}

export interface AssistantThreadStartedInput extends DeliveryOptions {
  user: string;
  /** Where the person opened the container from; team_id defaults to the workspace, enterprise_id to null. */
  context?: AssistantContextInput;
}

export interface AssistantThreadContextChangedInput extends DeliveryOptions {
  user: string;
  /** The IM holding the assistant thread, and the thread's root ts. */
  channel: string;
  threadTs: string;
  context: AssistantContextInput;
}

export interface RawRequestInput {
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** 'valid' (default) signs properly; 'forged' signs with a wrong secret; 'missing' sends no signature. */
  signature?: 'valid' | 'forged' | 'missing';
  /** Shifts the signed timestamp, e.g. -360 for a stale request. */
  timestampOffsetSeconds?: number;
}

export interface SlackDriver {
  slashCommand(input: SlashCommandInput): Promise<DriverResponse>;
  messageEvent(input: MessageEventInput): Promise<DriverResponse & { ts: string }>;
  eventCallback(event: Record<string, unknown>, options?: DeliveryOptions): Promise<DriverResponse>;
  appHomeOpened(input: { user: string; tab?: 'home' | 'messages' } & DeliveryOptions): Promise<DriverResponse>;
  blockAction(input: BlockActionInput): Promise<DriverResponse>;
  viewSubmission(input: ViewSubmissionInput): Promise<DriverResponse>;
  messageShortcut(input: MessageShortcutInput): Promise<DriverResponse>;
  /** The person opens the app's assistant container: a new thread in their IM with the bot, then the event. */
  assistantThreadStarted(input: AssistantThreadStartedInput): Promise<DriverResponse & { channel: string; threadTs: string }>;
  /** The person switched channels with the assistant container open. */
  assistantThreadContextChanged(input: AssistantThreadContextChangedInput): Promise<DriverResponse>;
  urlVerification(challenge: string): Promise<DriverResponse>;
  raw(input: RawRequestInput): Promise<DriverResponse>;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Sends requests into the bot's HTTP endpoint exactly as Slack would: same shapes, same v0 signatures. */
export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const { fake } = options;
  const id: DriverIdentity = {
    teamId: options.teamId,
    teamDomain: options.teamDomain ?? fake?.state.identity.teamDomain ?? 'sandbox',
    apiAppId: options.apiAppId ?? fake?.state.identity.appId ?? 'A0SANDBOX1',
    botUserId: options.botUserId ?? fake?.botUserId ?? 'U0BOT00001',
    verificationToken: 'sandbox-verification-token',
    fake,
  };

  /** The envelope Socket Mode would carry for this HTTP body: commands and interactions are form-encoded over HTTP. */
  function envelopeOf(input: RawRequestInput): { type: EnvelopeType; payload: unknown } {
    if ((input.contentType ?? JSON_TYPE) === FORM) {
      const form = new URLSearchParams(input.body);
      const payload = form.get('payload');
      return payload !== null ? { type: 'interactive', payload: JSON.parse(payload) } : { type: 'slash_commands', payload: Object.fromEntries(form) };
    }
    return { type: 'events_api', payload: JSON.parse(input.body) };
  }

  async function deliver(input: RawRequestInput): Promise<DriverResponse> {
    const { type, payload } = envelopeOf(input);
    const ack = await fake!.socketMode.deliver(type, payload);
    const body = ack.payload === undefined ? '' : JSON.stringify(ack.payload);
    return { status: 200, body, json: ack.payload, headers: {}, requestBody: input.body, requestHeaders: {} };
  }

  async function send(input: RawRequestInput): Promise<DriverResponse> {
    if (options.transport === 'socket-mode') {
      if (!fake) throw new Error('Socket Mode delivery needs the fake');
      return deliver(input);
    }
    const timestamp = Math.floor(Date.now() / 1000) + (input.timestampOffsetSeconds ?? 0);
    const signature = input.signature ?? 'valid';
    const signed: Record<string, string> =
      signature === 'missing'
        ? {}
        : signature === 'forged'
          ? {
              'x-slack-signature': computeSlackSignature(`${options.signingSecret}-forged`, input.body, timestamp),
              'x-slack-request-timestamp': String(timestamp),
            }
          : { ...signSlackRequest(options.signingSecret, input.body, timestamp) };
    const requestHeaders: Record<string, string> = {
      'content-type': input.contentType ?? JSON_TYPE,
      ...signed,
      ...input.headers,
    };
    const response = await fetch(options.botUrl, { method: 'POST', headers: requestHeaders, body: input.body });
    const body = await response.text();
    let json: unknown;
    try {
      json = body === '' ? undefined : JSON.parse(body);
    } catch {
      json = undefined; // a plain-text ack is legitimate
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { status: response.status, body, json, headers, requestBody: input.body, requestHeaders };
  }

  const retryHeaders = (o: { retryNum?: number; retryReason?: string }): Record<string, string> =>
    o.retryNum === undefined
      ? {}
      : { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': o.retryReason ?? 'http_timeout' };

  const sendJson = (payload: unknown, delivery: DeliveryOptions = {}) =>
    send({ body: JSON.stringify(payload), contentType: JSON_TYPE, headers: retryHeaders(delivery) });

  const sendInteraction = (payload: unknown) =>
    send({ body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM });

  const eventCallback = (event: Record<string, unknown>, delivery: DeliveryOptions = {}) =>
    sendJson(eventEnvelope(id, event, delivery.eventId), delivery);

  return {
    slashCommand(input) {
      const form = new URLSearchParams({
        token: id.verificationToken,
        team_id: id.teamId,
        team_domain: id.teamDomain,
        channel_id: input.channelId,
        channel_name: input.channelName ?? channelName(id, input.channelId),
        user_id: input.userId,
        user_name: userName(id, input.userId),
        command: input.command,
        text: input.text,
        api_app_id: id.apiAppId,
        is_enterprise_install: 'false',
        response_url: responseUrl(id, { channel: input.channelId, user: input.userId }),
        trigger_id: triggerId(id, input.userId, input.triggerId),
      });
      return send({ body: form.toString(), contentType: FORM, headers: retryHeaders(input) });
    },

    async messageEvent(input) {
      const isPersonsNewMessage = input.ts === undefined && input.botId === undefined && input.subtype === undefined;
      let ts = input.ts;
      if (fake && (input.record ?? isPersonsNewMessage)) {
        ts = fake.state.addMessage({
          channel: input.channel,
          user: input.user,
          text: input.text,
          ...(input.threadTs ? { threadTs: input.threadTs } : {}),
          ...(input.botId ? { botId: input.botId } : {}),
          ...(input.subtype ? { subtype: input.subtype } : {}),
        }).ts;
      }
      ts ??= nextTs(id);
      const event: Record<string, unknown> = {
        type: 'message',
        channel: input.channel,
        user: input.user,
        text: input.text,
        ts,
        event_ts: ts,
        channel_type: channelType(id, input.channel),
        team: id.teamId,
        ...(input.botId === undefined ? { client_msg_id: randomUUID() } : { bot_id: input.botId }),
        ...(input.subtype ? { subtype: input.subtype } : {}),
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      };
      const response = await eventCallback(event, input);
      return { ...response, ts };
    },

    eventCallback,

    appHomeOpened(input) {
      const channel = fake ? fake.state.openIm(input.user).id : `D${input.user.slice(1)}`;
      const home = fake?.state.homeView(input.user);
      return eventCallback(
        {
          type: 'app_home_opened',
          user: input.user,
          channel,
          tab: input.tab ?? 'home',
          event_ts: nextTs(id),
          ...(home ? { view: { id: home.id, type: 'home', hash: home.hash, callback_id: home.callback_id } } : {}),
        },
        input,
      );
    },

    blockAction: (input) => sendInteraction(blockActionPayload(id, input)),

    viewSubmission: (input) => sendInteraction(viewSubmissionPayload(id, input)),

    messageShortcut: (input) => sendInteraction(messageShortcutPayload(id, input)),

    async assistantThreadStarted(input) {
      const context = assistantContext(id, input.context);
      let channel = `D${input.user.replace(/^[UW]/, '')}`.slice(0, 11);
      let threadTs: string;
      if (fake) {
        channel = fake.state.openIm(input.user).id;
        // The thread's root belongs to the app (Bolt's default context store finds it by the bot's user id and
        // chat.updates it); Slack's exact root text is not documented, so the fake's is a placeholder.
        threadTs = fake.state.addMessage({ channel, user: id.botUserId, botId: fake.state.identity.botId, text: 'New assistant thread' }).ts;
        fake.state.registerAssistantThread({ channel, threadTs, userId: input.user, context });
      } else {
        threadTs = nextTs(id);
      }
      const event = assistantThreadEvent(id, 'assistant_thread_started', { user: input.user, channel, threadTs, context });
      const response = await eventCallback(event, input);
      return { ...response, channel, threadTs };
    },

    assistantThreadContextChanged(input) {
      const context = assistantContext(id, input.context);
      const thread = fake?.state.assistantThread(input.channel, input.threadTs);
      if (thread) fake?.state.saveAssistantThread({ ...thread, context });
      const event = assistantThreadEvent(id, 'assistant_thread_context_changed', {
        user: input.user,
        channel: input.channel,
        threadTs: input.threadTs,
        context,
      });
      return eventCallback(event, input);
    },

    urlVerification: (challenge) =>
      sendJson({ token: id.verificationToken, challenge, type: 'url_verification' }),

    raw: send,
  };
}
