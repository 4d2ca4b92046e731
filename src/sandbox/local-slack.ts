import { randomBytes } from 'node:crypto';
import type { RouteHandler } from '../http/server.js';
import { createSlackDriver, type SlackDriver } from './driver.js';
import { createSandboxRoutes } from './routes.js';
import { startSlackApiFake, type SlackApiFake } from './slack-api-fake.js';

/**
 * Sandbox mode in one piece: the Local Slack (a Web API fake on its own port), the signing secret the bot and
 * the driver share, and — once the bot listens — the driver and the /sandbox page routes. The runtime loads
 * this module with a dynamic import only when no Slack tokens are configured, so a production process never
 * carries it.
 */
export interface LocalSlack {
  fake: SlackApiFake;
  signingSecret: string;
  botToken: string;
  /** Connects the driver to the bot's Slack endpoint; returns the routes the sandbox page needs. */
  attach(botEventsUrl: string): { driver: SlackDriver; routes: RouteHandler };
  close(): Promise<void>;
}

export async function startLocalSlack(): Promise<LocalSlack> {
  const fake = await startSlackApiFake();
  const signingSecret = randomBytes(16).toString('hex');
  return {
    fake,
    signingSecret,
    botToken: 'xoxb-sandbox-token',
    attach(botEventsUrl) {
      const driver = createSlackDriver({ botUrl: botEventsUrl, signingSecret, teamId: fake.teamId, fake });
      return { driver, routes: createSandboxRoutes({ fake, driver }) };
    },
    close: () => fake.close(),
  };
}
