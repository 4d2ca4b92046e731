import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` for real: the entry point in a child process, on a fresh data directory, with no Slack or
 * Anthropic configuration — it must come up in sandbox mode, serve its endpoints and stop cleanly on SIGTERM.
 */

const ROOT = join(import.meta.dirname, '..', '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForOk(url: string, child: ChildProcess, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the process exited with code ${child.exitCode} before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return res;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer 200 in time (last: ${String(last)})`);
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    const timer = setTimeout(() => reject(new Error('the process did not exit after SIGTERM')), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ia-start-'));
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /healthz and /sandbox on a fresh data dir and exits 0 on SIGTERM', { timeout: 60_000 }, async () => {
    const port = await freePort();
    // Only what a bare shell would have: no Slack or Anthropic variables leak in from the test environment.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    };
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;

    try {
      const health = await waitForOk(`${base}/healthz`, child, 45_000);
      expect(health.status).toBe(200);
      const page = await waitForOk(`${base}/sandbox`, child, 5_000);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('Local Slack');
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      const state = (await (await fetch(`${base}/sandbox/api/state`)).json()) as { channels: { name: string }[] };
      expect(state.channels.map((c) => c.name)).toContain('general');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- output ---\n${output}`);
    }

    // The start-up line names the page to open (it is logged once the bot has finished starting).
    await until(() => output.includes('is running'), 10_000, 'the start-up log line');
    expect(output).toMatch(/open http:\/\/localhost:\d+\/sandbox/);
    // PGlite keeps its files in the given data directory.
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);

    // A browser with the sandbox page open holds an event stream; shutting down must not wait for it.
    const stream = await fetch(`${base}/sandbox/api/events`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('retry:');

    child.kill('SIGTERM');
    const { code, signal } = await exited(child, 15_000);
    expect({ code, signal, output: code === 0 ? '' : output }).toEqual({ code: 0, signal: null, output: '' });
    expect(output).toContain('shutting down');
    await reader.cancel().catch(() => undefined); // the server already closed it
    expect(output).not.toMatch(/"level":(50|60)/); // no error or fatal log lines
  });
});
