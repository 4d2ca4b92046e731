import type { RequestListener } from 'node:http';
import { App, HTTPReceiver, LogLevel, ReceiverMultipleAckError, SocketModeReceiver, type InstallationStore, type ReceiverEvent } from '@slack/bolt';
import { WebClient, WebClientEvent, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { newCorrelationId, withCorrelation } from '../observability/context.js';
import type { WorkTracker } from '../resilience/work-tracker.js';
import type { SlackDeps } from './deps.js';
import { COMMAND, register as registerCommand } from './listeners/commands/integration-design.js';
import { register as registerAppHome } from './listeners/events/app-home-opened.js';
import { register as registerMessage } from './listeners/events/message.js';
import { register as registerMembership } from './listeners/events/membership.js';
import { register as registerExport } from './listeners/actions/export-markdown.js';
import { register as registerOpenForm } from './listeners/actions/open-form.js';
import { register as registerRegenerate } from './listeners/actions/regenerate.js';
import { register as registerSearchPage } from './listeners/actions/search-page.js';
import { register as registerCompare } from './listeners/actions/compare-revisions.js';
import { register as registerFeedback } from './listeners/actions/design-feedback.js';
import { DESIGN_FROM_MESSAGE_CALLBACK_ID, register as registerDesignFromMessage } from './listeners/shortcuts/design-from-message.js';
import { register as registerDesignForm } from './listeners/views/design-form.js';
import { register as registerAssistant } from './listeners/assistant/design-assistant.js';
import { installFailure, installSuccess } from './install-pages.js';
import type { ClientFor } from './publisher.js';
import { ACTION_IDS, DESIGN_FORM_CALLBACK_ID, FEEDBACK_COMMENT_CALLBACK_ID } from './blocks/ids.js';
import { guardSlackRequests, guardSocketModeEnvelopes, type KnownInteractions } from './request-guard.js';
import { redactIncoming } from './redact-incoming.js';
import { gatedReceiver, mustNotWait, PostAckGate } from './post-ack-gate.js';
import type { AckAnswer } from '../http/ack-front.js';
import type { Delivery } from '../http/ack-thread.js';
import { redactSecrets } from '../conversation/redact.js';

/** What this app registers and renders: anything else arriving from Slack is not ours. */
export const KNOWN_INTERACTIONS: KnownInteractions = { commands: [COMMAND], shortcuts: [DESIGN_FROM_MESSAGE_CALLBACK_ID], actionIds: Object.values(ACTION_IDS), callbackIds: [DESIGN_FORM_CALLBACK_ID, FEEDBACK_COMMENT_CALLBACK_ID] };

/** The bot scopes the app asks for when installed (manifest.yml lists the same; README says why each). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'channels:history',
  'groups:history',
  'im:history',
  'channels:read',
  'groups:read',
  'users:read',
  'files:write',
  'canvases:write',
  'assistant:write',
] as const;

/** A request body as Bolt's HTTP receiver reads it: JSON, a form with a JSON `payload`, or a plain form (commands). */
function deliveryBody(delivery: Delivery): Record<string, unknown> {
  if (delivery.contentType.split(';')[0]?.trim() !== 'application/x-www-form-urlencoded') return JSON.parse(delivery.rawBody) as Record<string, unknown>;
  const form = new URLSearchParams(delivery.rawBody);
  const payload = form.get('payload');
  return payload !== null ? (JSON.parse(payload) as Record<string, unknown>) : Object.fromEntries(form);
}

/** What Bolt's HTTP receiver would send for an ack: nothing, a string, or JSON. */
function ackAnswer(response: unknown): AckAnswer {
  if (response === undefined || response === null || response === '') return { status: 200, body: '' };
  if (typeof response === 'string') return { status: 200, body: response };
  return { status: 200, body: JSON.stringify(response), contentType: 'application/json' };
}

/** Slack payloads are small; anything near this is not from Slack. */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

export interface SlackRuntime {
  app: InstanceType<typeof App>;
  /** Handles /slack/events (and /slack/install in OAuth mode); undefined in Socket Mode. */
  requestListener: RequestListener | undefined;
  clientFor: ClientFor;
  /** Bounds the work done after acks (its queue length is a load figure). */
  gate: PostAckGate;
  /**
   * Handles a request the ack thread already verified (and, except for view submissions, already answered):
   * resolves with the answer the listener acked with.
   */
  deliver(delivery: Delivery, onDone?: () => void): Promise<AckAnswer>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackAppOptions {
  slack: Config['slack'];
  logger: Logger;
  deps: SlackDeps;
  installationStore?: InstallationStore;
  /** Web API retry policy; tests shorten it. */
  retryConfig?: WebClientOptions['retryConfig'];
  /** Counts listener work that continues after the ack, so shutdown can let it finish. */
  tracker?: WorkTracker;
  /** How many deliveries are worked on after their ack at once (default 8). */
  postAckConcurrency?: number;
  /** Waited for before work after an ack starts (acks still being sent by the ack thread). */
  acksFirst?: () => Promise<void>;
}

/**
 * Bolt's logger interface on top of pino, so Bolt's own lines carry our correlation ids too. At debug level the
 * Web API client logs whole responses, which include what people typed (a thread read back): redacted like input.
 */
function boltLogger(logger: Logger) {
  const child = logger.child({ component: 'bolt' });
  const line = (m: unknown[]) => redactSecrets(m.map(String).join(' ')).text;
  return {
    debug: (...m: unknown[]) => {
      if (child.isLevelEnabled('debug')) child.debug(line(m));
    },
    info: (...m: unknown[]) => child.info(line(m)),
    warn: (...m: unknown[]) => child.warn(line(m)),
    error: (...m: unknown[]) => child.error(line(m)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

export function createSlackApp(options: SlackAppOptions): SlackRuntime {
  const { slack, logger, deps } = options;
  const log = boltLogger(logger);
  const clientOptions: WebClientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    // Rate-limited calls wait for Retry-After and go again instead of failing.
    rejectRateLimitedCalls: false,
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
  };
  const oauth = slack.mode === 'oauth';
  const oauthOptions = oauth
    ? {
        clientId: slack.clientId,
        clientSecret: slack.clientSecret,
        stateSecret: slack.stateSecret,
        installationStore: options.installationStore,
        scopes: [...BOT_SCOPES],
        // The token exchange goes to the same Web API as everything else (the local Slack in tests).
        installerOptions: {
          directInstall: true,
          callbackOptions: { success: installSuccess, failure: installFailure },
          ...(slack.apiUrl ? { clientOptions: { slackApiUrl: slack.apiUrl } } : {}),
        },
      }
    : {};

  let receiver: InstanceType<typeof HTTPReceiver> | InstanceType<typeof SocketModeReceiver>;
  let requestListener: RequestListener | undefined;
  if (slack.socketMode) {
    const installerOptions = { ...(oauth ? oauthOptions.installerOptions : {}), ...(slack.apiUrl ? { clientOptions: { slackApiUrl: slack.apiUrl } } : {}) };
    // apps.connections.open goes to the same Web API as everything else (the local Slack in tests).
    const socketReceiver = new SocketModeReceiver({ appToken: slack.appToken!, logger: log, ...oauthOptions, installerOptions });
    guardSocketModeEnvelopes(socketReceiver.client, KNOWN_INTERACTIONS, logger.child({ component: 'slack-guard' }));
    receiver = socketReceiver;
  } else {
    const http = new HTTPReceiver({
      signingSecret: slack.signingSecret!,
      endpoints: '/slack/events',
      logger: log,
      bodyLimit: SLACK_BODY_LIMIT_BYTES,
      ...(oauth ? { ...oauthOptions, installPath: '/slack/install', redirectUriPath: '/slack/oauth_redirect' } : {}),
    });
    receiver = http;
    requestListener = guardSlackRequests(http.requestListener, {
      signingSecret: slack.signingSecret!,
      bodyLimit: SLACK_BODY_LIMIT_BYTES,
      known: KNOWN_INTERACTIONS,
      logger: logger.child({ component: 'slack-guard' }),
    });
  }

  const gate = new PostAckGate(options.postAckConcurrency ?? 8, options.acksFirst);
  const app = new App({
    receiver: gatedReceiver(receiver, gate),
    logger: log,
    clientOptions,
    ...(oauth ? { authorize: undefined } : { token: slack.botToken }),
    ...(oauth ? { installationStore: options.installationStore } : {}),
  });

  // First of all: no listener ever sees a secret someone pasted (see redact-incoming.ts).
  app.use(async ({ next, body }) => {
    redactIncoming(body);
    await next();
  });
  // Every delivery gets a correlation id that follows it into jobs, model calls and log lines.
  app.use(async ({ next, body, context }) => {
    const b = body as { event_id?: string; team_id?: string; team?: { id?: string } };
    const handle = () =>
      withCorrelation({ correlationId: newCorrelationId(), teamId: context.teamId ?? b.team_id ?? b.team?.id }, async () => {
        if (context.retryNum) logger.info({ retry_num: context.retryNum, retry_reason: context.retryReason }, 'Slack retry delivery');
        await next();
      });
    await (options.tracker ? options.tracker.run(handle) : handle());
  });
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });

  registerCommand(app, deps);
  // Before the message listener in intent: messages in assistant threads (the user's DM with the app) are the
  // Assistant's, and its middleware does not pass them on.
  registerAssistant(app, deps);
  registerMessage(app, deps);
  registerAppHome(app, deps);
  registerMembership(app, deps);
  registerExport(app, deps);
  registerRegenerate(app, deps);
  registerOpenForm(app, deps);
  registerSearchPage(app, deps);
  registerCompare(app, deps);
  registerFeedback(app, deps);
  registerDesignFromMessage(app, deps);
  registerDesignForm(app, deps);

  const clients = new Map<string, WebClient>();
  const watch = (client: WebClient) => {
    client.on(WebClientEvent.RATE_LIMITED, (retryAfter: number, { url }: { url: string }) => {
      deps.metrics.slackApiRetries.inc({ method: url.split('/').pop() ?? 'unknown' });
      logger.warn({ retry_after_s: retryAfter, url }, 'Slack rate limited a call; retrying after Retry-After');
    });
    return client;
  };
  const singleClient = oauth ? undefined : watch(new WebClient(slack.botToken, { ...clientOptions, logger: log }));

  const clientFor: ClientFor = async (teamId) => {
    if (singleClient) return singleClient;
    const cached = clients.get(teamId);
    if (cached) return cached;
    const installation = await options.installationStore!.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
    const token = installation.bot?.token;
    if (!token) throw new Error(`no bot token installed for team ${teamId}`);
    const client = watch(new WebClient(token, { ...clientOptions, logger: log }));
    clients.set(teamId, client);
    return client;
  };

  return {
    app,
    requestListener,
    clientFor,
    gate,
    deliver: async (delivery, onDone) => {
      const body = deliveryBody(delivery);
      // Already answered by the ack thread: handled once the acks being sent are out, unless it must not wait.
      if (delivery.reply === undefined && !mustNotWait(body)) await options.acksFirst?.();
      return new Promise<AckAnswer>((resolve, reject) => {
        let answered = false;
        const event: ReceiverEvent = {
          body,
          ...(delivery.retryNum !== undefined ? { retryNum: delivery.retryNum } : {}),
          ...(delivery.retryReason !== undefined ? { retryReason: delivery.retryReason } : {}),
          customProperties: {},
          ack: async (response) => {
            if (answered) throw new ReceiverMultipleAckError();
            answered = true;
            resolve(ackAnswer(response));
          },
        };
        gate
          .process(app, event)
          .then(
            () => {
              if (!answered) resolve({ status: 200, body: '' });
            },
            (error: unknown) => (answered ? logger.error({ err: error }, 'a forwarded delivery failed after its ack') : reject(error)),
          )
          .finally(onDone);
      });
    },
    async start() {
      // The HTTP receiver is served by our own server (see src/http/server.ts); only Socket Mode connects out.
      if (slack.socketMode) await (receiver as InstanceType<typeof SocketModeReceiver>).start();
    },
    async stop() {
      if (slack.socketMode) await (receiver as InstanceType<typeof SocketModeReceiver>).stop();
    },
  };
}
