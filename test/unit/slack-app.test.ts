import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { createLogger } from '../../src/observability/logger.js';
import { createSlackApp } from '../../src/slack/app.js';
import { memoryLedger } from '../../src/slack/publisher.js';
import { createVisibilityResolver } from '../../src/slack/visibility.js';
import type { SlackDeps } from '../../src/slack/deps.js';
import { memoryStore } from '../fakes/memory-store.js';

const logger = createLogger({ level: 'silent' });
const deps = {
  logger,
  metrics: createMetrics(),
  conversations: {} as SlackDeps['conversations'],
  store: memoryStore(),
  directory: { search: async () => ({ results: [], total: 0, capped: false }), listRecent: async () => [] },
  visibility: createVisibilityResolver(),
  startLimiter: { take: () => 0 },
  ledger: memoryLedger(),
  feedback: { recordVote: async () => {}, recordComment: async () => {}, tallies: async () => new Map() },
} satisfies SlackDeps;

describe('createSlackApp', () => {
  it('uses Socket Mode when an app-level token is configured: no HTTP endpoint for Slack', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc', LOG_LEVEL: 'silent' });
    const runtime = createSlackApp({ slack: config.slack, logger, deps });
    expect(config.slack.socketMode).toBe(true);
    expect(runtime.requestListener).toBeUndefined();
  });

  it('uses the HTTP receiver otherwise, verifying signatures on /slack/events', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh', LOG_LEVEL: 'silent' });
    const runtime = createSlackApp({ slack: config.slack, logger, deps });
    expect(config.slack.socketMode).toBe(false);
    expect(typeof runtime.requestListener).toBe('function');
  });
});
