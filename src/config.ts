import { z } from 'zod';
import { DEFAULT_PGLITE_SHARED_BUFFERS_MIB } from './db/pglite-init.js';

/**
 * The one reader of the environment. Everything else receives the typed `Config` from `loadConfig()`,
 * so tests can build a config from a plain object and nothing reads `process.env` at import time.
 */

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().min(1).optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const intWithDefault = (def: number, min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(def));

/** The current Sonnet model the installed SDK documents; a test fails when the SDK lists it as deprecated. */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

export const EnvSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'test', 'production']).default('development')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  PORT: intWithDefault(3000, 0, 65535),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  /** The HTTP front door in its own thread (see src/http/ack-thread.ts): 'on' or 'off'. */
  ACK_THREAD: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('on')),
  /** The main thread's nice value when the ack thread is on (Linux: per thread; 0 leaves it alone). */
  MAIN_THREAD_NICE: intWithDefault(10, 0, 19),

  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  /** PGlite's buffer pool, the bulk of its memory (see src/db/pglite-init.ts). */
  PGLITE_SHARED_BUFFERS_MB: intWithDefault(DEFAULT_PGLITE_SHARED_BUFFERS_MIB, 1, 4096),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_POOL_SIZE: intWithDefault(10, 1, 200),
  PROCESSED_EVENT_RETENTION_HOURS: intWithDefault(24, 1, 24 * 90),
  JOB_CONCURRENCY: intWithDefault(4, 1, 32),
  DESIGNS_PER_USER_PER_HOUR: intWithDefault(30, 1, 100_000),
  POST_ACK_CONCURRENCY: intWithDefault(8, 1, 1_000),

  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_MODEL: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_MODEL)),
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_MAX_RETRIES: intWithDefault(3, 0, 10),
  ANTHROPIC_TIMEOUT_MS: intWithDefault(120_000, 1_000, 600_000),
  ANTHROPIC_MAX_TOKENS: intWithDefault(8_192, 256, 64_000),

  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_API_URL: optionalUrl,
  ENCRYPTION_KEY: optionalString,
});

export type Env = z.infer<typeof EnvSchema>;

export type EngineMode = 'anthropic' | 'offline';
export type DatabaseMode = 'postgres' | 'pglite';
export type SlackMode = 'single' | 'oauth' | 'sandbox';

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  /** ackThread: Slack's HTTP requests are verified and acknowledged in a thread of their own (HTTP mode only). */
  http: { port: number; host: string; ackThread: boolean; mainThreadNice: number };
  database:
    | { mode: 'postgres'; url: string; poolSize: number; dataDir: string }
    | { mode: 'pglite'; dataDir: string; sharedBuffersMiB: number };
  processedEventRetentionHours: number;
  /** Designs (and replies) worked on at once per process; model calls dominate, so this bounds model concurrency. */
  jobConcurrency: number;
  /** New designs one person may start per hour (each costs model time); replies in threads are not limited. */
  designsPerUserPerHour: number;
  /** Slack deliveries worked on after their ack at once; the rest wait in arrival order (see post-ack-gate.ts). */
  postAckConcurrency: number;
  engine:
    | {
        mode: 'anthropic';
        apiKey: string;
        model: string;
        baseURL: string | undefined;
        maxRetries: number;
        timeoutMs: number;
        maxTokens: number;
      }
    | { mode: 'offline' };
  slack: {
    mode: SlackMode;
    /** Socket Mode when an app-level token is present, HTTP receiver otherwise. */
    socketMode: boolean;
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    clientId: string | undefined;
    clientSecret: string | undefined;
    stateSecret: string | undefined;
    apiUrl: string | undefined;
  };
  /** 32-byte AES-256-GCM key for tokens at rest; required in OAuth mode. */
  encryptionKey: Buffer | undefined;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function decodeKey(raw: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) return undefined;
  const key = Buffer.from(raw, 'base64');
  return key.length === 32 ? key : undefined;
}

/** Parses an environment (defaults to `process.env`) into a typed config, or throws a ConfigError listing every problem. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;

  const oauthVars = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET];
  const oauth = oauthVars.some(Boolean);
  if (oauth && !oauthVars.every(Boolean)) {
    problems.push('SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET must be set together for OAuth mode');
  }
  if (oauth && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET is required in OAuth mode (or SLACK_APP_TOKEN for Socket Mode)');
  }
  if (!oauth && e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (!oauth && !e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
    problems.push('SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  }
  if (e.SLACK_APP_TOKEN && !e.SLACK_APP_TOKEN.startsWith('xapp-')) {
    problems.push('SLACK_APP_TOKEN: must be an app-level token starting with xapp-');
  }

  let encryptionKey: Buffer | undefined;
  if (e.ENCRYPTION_KEY) {
    encryptionKey = decodeKey(e.ENCRYPTION_KEY);
    if (!encryptionKey) problems.push('ENCRYPTION_KEY: must be 32 bytes encoded as base64 (openssl rand -base64 32)');
  } else if (oauth) {
    problems.push('ENCRYPTION_KEY is required in OAuth mode to encrypt bot tokens at rest (openssl rand -base64 32)');
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const slackMode: SlackMode = oauth ? 'oauth' : e.SLACK_BOT_TOKEN ? 'single' : 'sandbox';
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { port: e.PORT, host: e.HOST, ackThread: e.ACK_THREAD === 'on', mainThreadNice: e.MAIN_THREAD_NICE },
    database: e.DATABASE_URL
      ? { mode: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, dataDir: e.DATA_DIR }
      : { mode: 'pglite', dataDir: e.DATA_DIR, sharedBuffersMiB: e.PGLITE_SHARED_BUFFERS_MB },
    processedEventRetentionHours: e.PROCESSED_EVENT_RETENTION_HOURS,
    jobConcurrency: e.JOB_CONCURRENCY,
    designsPerUserPerHour: e.DESIGNS_PER_USER_PER_HOUR,
    postAckConcurrency: e.POST_ACK_CONCURRENCY,
    engine: e.ANTHROPIC_API_KEY
      ? {
          mode: 'anthropic',
          apiKey: e.ANTHROPIC_API_KEY,
          model: e.ANTHROPIC_MODEL,
          baseURL: e.ANTHROPIC_BASE_URL,
          maxRetries: e.ANTHROPIC_MAX_RETRIES,
          timeoutMs: e.ANTHROPIC_TIMEOUT_MS,
          maxTokens: e.ANTHROPIC_MAX_TOKENS,
        }
      : { mode: 'offline' },
    slack: {
      mode: slackMode,
      socketMode: slackMode !== 'sandbox' && Boolean(e.SLACK_APP_TOKEN),
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      stateSecret: e.SLACK_STATE_SECRET,
      apiUrl: e.SLACK_API_URL,
    },
    encryptionKey,
  };
}
