import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSlackApiFake } from '../../src/sandbox/slack-api-fake.js';
import { migratedDataDir } from '../helpers/db.js';
import { ROOT, bareEnv, exited, freePort, until, waitForOk } from './processes.js';

/**
 * The bot as people start it: `npm start` on a fresh data directory (README), and the production command
 * `node dist/main.js` configured for real Slack (the image's CMD), each in a child process.
 */

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ia-start-'));
  dirs.push(dir);
  return dir;
}

/** A DATA_DIR that already holds a database, where a first start is not what the test is about. */
function databaseDir(): string {
  const { dir } = migratedDataDir('ia-start-');
  dirs.push(dir);
  return dir;
}

describe('npm start', () => {
  it('comes up in sandbox mode on a fresh data dir, serves its pages, and stops on Ctrl-C', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    const port = await freePort();
    // detached: its own process group, so the test can send Ctrl-C to npm and the bot together, as a terminal does.
    const child = spawn('npm', ['start'], { cwd: ROOT, env: bareEnv({ PORT: String(port), DATA_DIR: dataDir }), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitForOk(`${base}/readyz`, child, 60_000);
      const page = await waitForOk(`${base}/sandbox`, child, 5_000);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('Local Slack');
      const state = (await (await fetch(`${base}/sandbox/api/state`)).json()) as { channels: { name: string }[] };
      expect(state.channels.map((c) => c.name)).toContain('general');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- output ---\n${output}`);
    }
    await until(() => output.includes('is running'), 10_000, 'the start-up log line');
    expect(output).toMatch(/open http:\/\/localhost:\d+\/sandbox/);
    // It runs the compiled build, not TypeScript through a loader.
    expect(output).toContain('node --enable-source-maps dist/main.js');
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);

    process.kill(-child.pid!, 'SIGINT');
    await exited(child, 20_000);
    await until(() => output.includes('job queue stopped'), 5_000, 'a graceful shutdown');
    expect(output).not.toMatch(/"level":(50|60)/);
  });
});

/** A thread's nice value: field 19 of /proc/<pid>/task/<tid>/stat (after the parenthesised command name). */
function niceOf(pid: number, tid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe('the production command (node dist/main.js) with Slack configured', () => {
  it('does not serve the sandbox, answers health checks, and exits 0 on SIGTERM', { timeout: 60_000 }, async () => {
    const slack = await startSlackApiFake();
    try {
      const port = await freePort();
      const env = bareEnv({
        NODE_ENV: 'production',
        PORT: String(port),
        DATA_DIR: databaseDir(),
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: 'a-signing-secret',
        SLACK_API_URL: slack.url,
        MAIN_THREAD_NICE: '7',
      });
      const child = spawn(process.execPath, ['dist/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const base = `http://127.0.0.1:${port}`;
      try {
        await waitForOk(`${base}/readyz`, child, 45_000);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- output ---\n${output}`);
      }
      expect((await fetch(`${base}/sandbox`)).status).toBe(404);
      expect((await fetch(`${base}/sandbox/api/state`)).status).toBe(404);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(output).not.toContain('local Slack');
      // The main thread yields the CPU to the ack thread (Linux: nice is per thread; this is the main thread's).
      if (process.platform === 'linux') expect(niceOf(child.pid!, child.pid!)).toBe(7);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/^ia_backlog\{kind="post_ack"\} 0$/m);
      expect(metrics).toMatch(/^ia_backlog\{kind="jobs"\} 0$/m);

      child.kill('SIGTERM');
      const { code, signal } = await exited(child, 15_000);
      expect({ code, signal, output: code === 0 ? '' : output }).toEqual({ code: 0, signal: null, output: '' });
    } finally {
      await slack.close();
    }
  });

  it('never loads the sandbox statically: no module under dist/sandbox is reachable from dist/main.js by static imports', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      // Static imports and re-exports only; `await import(...)` is the dynamic path taken in sandbox mode.
      for (const m of code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"](\.[^'"]+)['"]/gms)) visit(resolve(dirname(file), m[1]!));
      for (const m of code.matchAll(/^\s*import\s+['"](\.[^'"]+)['"]/gm)) visit(resolve(dirname(file), m[1]!));
    };
    visit(join(ROOT, 'dist', 'main.js'));
    const files = [...seen].map((f) => f.slice(join(ROOT, 'dist').length + 1));
    expect(files).toContain('runtime.js');
    expect(files).toContain('slack/app.js');
    expect(files.filter((f) => f.startsWith('sandbox/'))).toEqual([]);
    // …and the dynamic import that sandbox mode uses does exist.
    expect(readFileSync(join(ROOT, 'dist', 'runtime.js'), 'utf8')).toMatch(/await import\(['"]\.\/sandbox\/local-slack\.js['"]\)/);
  });
});
