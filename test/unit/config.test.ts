import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const key = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ mode: 'pglite', dataDir: './data', sharedBuffersMiB: 16 });
    expect(c.engine.mode).toBe('offline');
    expect(c.slack.mode).toBe('sandbox');
    expect(c.http.port).toBe(3000);
    expect(c.jobConcurrency).toBe(4);
  });

  it('switches to Postgres, Claude and single-workspace Slack when configured', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@h:5432/db',
      DATABASE_POOL_SIZE: '4',
      ANTHROPIC_API_KEY: 'sk-ant-x',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_APP_TOKEN: 'xapp-1',
    });
    expect(c.database).toMatchObject({ mode: 'postgres', poolSize: 4 });
    expect(c.engine).toMatchObject({ mode: 'anthropic', baseURL: 'http://127.0.0.1:9999' });
    expect(c.slack).toMatchObject({ mode: 'single', socketMode: true });
  });

  it("sizes PGlite's buffer pool from PGLITE_SHARED_BUFFERS_MB and refuses sizes it cannot use", () => {
    expect(loadConfig({ PGLITE_SHARED_BUFFERS_MB: '128' }).database).toMatchObject({ mode: 'pglite', sharedBuffersMiB: 128 });
    expect(() => loadConfig({ PGLITE_SHARED_BUFFERS_MB: '0' })).toThrow(/PGLITE_SHARED_BUFFERS_MB/);
    expect(() => loadConfig({ PGLITE_SHARED_BUFFERS_MB: '16MB' })).toThrow(/PGLITE_SHARED_BUFFERS_MB/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('DATABASE_URL');
      expect(msg).toContain('LOG_LEVEL');
    }
  });

  it('requires a valid 32-byte ENCRYPTION_KEY in OAuth mode', () => {
    const oauth = { SLACK_CLIENT_ID: 'id', SLACK_CLIENT_SECRET: 'sec', SLACK_STATE_SECRET: 'st', SLACK_SIGNING_SECRET: 's' };
    expect(() => loadConfig(oauth)).toThrow(/ENCRYPTION_KEY is required/);
    expect(() => loadConfig({ ...oauth, ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    const c = loadConfig({ ...oauth, ENCRYPTION_KEY: key });
    expect(c.slack.mode).toBe('oauth');
    expect(c.encryptionKey?.length).toBe(32);
  });

  it('rejects half-configured Slack', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN/);
  });
});
