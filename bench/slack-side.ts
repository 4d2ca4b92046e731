import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createSlackDriver } from '../src/sandbox/driver.js';
import { channelName, responseUrl, triggerId, userName, type DriverIdentity } from '../src/sandbox/driver-payloads.js';
import { SANDBOX_USERS, startSlackApiFake } from '../src/sandbox/slack-api-fake.js';
import { runLanes } from './stats.js';

/**
 * Worker-thread entry for bench/ack-burst.ts, in two roles, each on its own event loop: 'slack' runs the Local
 * Slack (answering the bot's Web API calls costs the bot's threads nothing, as with the real Slack); 'sender' sends
 * signed slash commands over many connections at once and times each HTTP response, undisturbed by that work.
 */

export interface SlackSideConfig {
  role: 'slack' | 'sender';
  signingSecret: string;
  /** Channels to create (one per connection: the bot paces posts per channel). */
  channels: number;
  /** The sender's workspace (the Local Slack's). */
  teamId?: string;
}

export type SlackSideRequest =
  | { id: number; kind: 'burst'; botUrls: string[]; connections: number; commands: number; deadlineEpochMs: number; text?: string }
  | { id: number; kind: 'close' };

export interface BurstResult {
  /** Per command: HTTP status (0 = no response) and request start → response body, ms. */
  acks: { status: number; ms: number }[];
  skipped: number;
  wallMs: number;
}

export type SlackSideReply = { id: number; kind: 'ready'; url: string; teamId: string } | { id: number; kind: 'burst'; result: BurstResult } | { id: number; kind: 'closed' };

export const channelOf = (i: number) => `C0BURST${String(i + 1).padStart(4, '0')}`;

const config = workerData as SlackSideConfig;
const { alice, bob } = SANDBOX_USERS;
const fake = config.role === 'slack' ? await startSlackApiFake() : undefined;
if (fake) for (let i = 0; i < config.channels; i += 1) fake.addChannel({ id: channelOf(i), name: `burst-${i + 1}`, members: [fake.botUserId, alice.id, bob.id] });

// The sender has no Local Slack of its own: trigger ids are minted locally, and response_urls lead to a sink that
// answers 200 to anything (a design command does not answer through them; `help`, the warm-up, does).
const sink = config.role === 'sender' ? await startSink() : undefined;

async function startSink(): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const identity: DriverIdentity = {
  teamId: fake?.teamId ?? config.teamId!,
  teamDomain: 'sandbox',
  apiAppId: 'A0SANDBOX1',
  botUserId: 'U0BOT00001',
  verificationToken: 'sandbox-verification-token',
  fake: undefined,
};

/** A slash command as Slack posts it; trigger ids and response_urls minted by the Local Slack, so each is new. */
function commandBody(channelId: string, userId: string, n: number, text?: string): string {
  return new URLSearchParams({
    token: identity.verificationToken,
    team_id: identity.teamId,
    team_domain: identity.teamDomain,
    channel_id: channelId,
    channel_name: channelName(identity, channelId),
    user_id: userId,
    user_name: userName(identity, userId),
    command: '/integration-design',
    text: text ?? `sync Stripe payments into Salesforce, ${1000 + n} a day, within 5 minutes`,
    api_app_id: identity.apiAppId,
    is_enterprise_install: 'false',
    response_url: sink ? `${sink}/response_url/${n}` : responseUrl(identity, { channel: channelId, user: userId }),
    trigger_id: triggerId(identity, userId),
  }).toString();
}

/** Connection i goes to botUrls[i % botUrls.length], as a load balancer spreads connections over replicas. */
async function burst(botUrls: string[], connections: number, commands: number, deadlineEpochMs: number, text?: string): Promise<BurstResult> {
  const drivers = botUrls.map((botUrl) => createSlackDriver({ botUrl, signingSecret: config.signingSecret, teamId: identity.teamId }));
  const lanes: { driver: (typeof drivers)[number]; body: string }[][] = Array.from({ length: connections }, () => []);
  for (let i = 0; i < commands; i += 1) {
    const lane = i % connections;
    lanes[lane]!.push({ driver: drivers[lane % drivers.length]!, body: commandBody(channelOf(i % config.channels), i % 2 === 0 ? alice.id : bob.id, i, text) });
  }
  const started = performance.now();
  const { results: acks, skipped } = await runLanes(lanes, deadlineEpochMs, async ({ driver, body }) => {
    const t0 = performance.now();
    try {
      const res = await driver.raw({ body, contentType: 'application/x-www-form-urlencoded' });
      return { status: res.status, ms: performance.now() - t0 };
    } catch {
      return { status: 0, ms: performance.now() - t0 };
    }
  });
  return { acks, skipped, wallMs: performance.now() - started };
}

parentPort!.postMessage({ id: 0, kind: 'ready', url: fake?.url ?? '', teamId: identity.teamId } satisfies SlackSideReply);
parentPort!.on('message', (request: SlackSideRequest) => {
  if (request.kind === 'close') {
    void (fake ? fake.close() : Promise.resolve()).then(() => parentPort!.postMessage({ id: request.id, kind: 'closed' } satisfies SlackSideReply));
    return;
  }
  void burst(request.botUrls, request.connections, request.commands, request.deadlineEpochMs, request.text).then((result) =>
    parentPort!.postMessage({ id: request.id, kind: 'burst', result } satisfies SlackSideReply),
  );
});
