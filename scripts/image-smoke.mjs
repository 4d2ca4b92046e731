#!/usr/bin/env node
// The image's recipe, proven without a Docker engine: carries out the Dockerfile's instructions in temporary
// folders (each stage's filesystem root is a folder; absolute paths map into it), starts the runtime stage
// with its CMD and ENV, waits for /readyz, runs its HEALTHCHECK, runs one design through the local Slack, then
// stops it with SIGTERM and checks a clean exit.
//
//   node scripts/image-smoke.mjs [--node /path/to/node] [--keep]
//
// --node runs every RUN, the CMD and the HEALTHCHECK with that Node binary (CI passes Node 24, the image's).
// What it cannot do: switch to USER (it runs as the caller) or isolate the network; it says so when it runs.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dockerignoreFilter, parseDockerfile } from './dockerfile.mjs';

const CONTEXT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const nodeBinary = path.resolve(option('--node') ?? process.execPath);
const keep = args.includes('--keep');

const log = (message) => console.log(`[image-smoke] ${message}`);
const fail = (message) => {
  console.error(`[image-smoke] FAILED: ${message}`);
  process.exit(1);
};
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const root = mkdtempSync(path.join(tmpdir(), 'image-smoke-'));
const stages = parseDockerfile(readFileSync(path.join(CONTEXT, 'Dockerfile'), 'utf8'));
const inContext = dockerignoreFilter(existsSync(path.join(CONTEXT, '.dockerignore')) ? readFileSync(path.join(CONTEXT, '.dockerignore'), 'utf8') : '');
const nodeVersion = execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim();
const PATH = `${path.dirname(nodeBinary)}${path.delimiter}${process.env.PATH}`;

/** A stage's view of the filesystem: absolute paths inside it live under its own folder. */
function stageFs(name) {
  const base = path.join(root, name);
  mkdirSync(base, { recursive: true });
  return { base, map: (p) => path.join(base, p) };
}

/** Rewrites absolute paths in a shell command into the stage's folder. */
function mapCommand(command, fs) {
  return command.replace(/(^|\s)(\/[\w.@/-]+)/g, (_, space, p) => `${space}${fs.map(p)}`);
}

function mapEnv(env, fs) {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.startsWith('/') ? fs.map(v) : v]));
}

const built = new Map();
let runtime;
for (const stage of stages) {
  const fs = stageFs(stage.name);
  const major = /^node:(\d+)/.exec(stage.image)?.[1];
  if (!major) fail(`stage ${stage.name}: FROM ${stage.image} is not a node image`);
  const state = { fs, workdir: '/', env: {}, user: 'root', cmd: null, healthcheck: null, volumes: [], ports: [], image: stage.image };
  const started = Date.now();
  for (const ins of stage.instructions) {
    const cwd = fs.map(state.workdir);
    switch (ins.op) {
      case 'WORKDIR':
        state.workdir = path.posix.resolve(state.workdir, ins.value);
        mkdirSync(fs.map(state.workdir), { recursive: true });
        break;
      case 'ENV':
        Object.assign(state.env, ins.env);
        break;
      case 'USER':
        state.user = ins.value;
        break;
      case 'COPY': {
        const dest = path.posix.resolve(state.workdir, ins.dest);
        const intoDir = ins.dest.endsWith('/') || ins.sources.length > 1;
        for (const source of ins.sources) {
          let from;
          if (ins.from) {
            const other = built.get(ins.from);
            if (!other) fail(`line ${ins.line}: COPY --from=${ins.from}: no such earlier stage`);
            from = other.fs.map(path.posix.resolve(other.workdir, source));
          } else {
            const rel = path.posix.normalize(source).replace(/^\.\/|\/$/g, '');
            if (!inContext(rel)) fail(`line ${ins.line}: ${source} is excluded by .dockerignore`);
            from = path.join(CONTEXT, rel);
          }
          if (!existsSync(from)) fail(`line ${ins.line}: COPY source ${source} does not exist`);
          const target = intoDir ? path.join(fs.map(dest), path.basename(from)) : fs.map(dest);
          mkdirSync(path.dirname(target), { recursive: true });
          const isDir = statSync(from).isDirectory();
          cpSync(from, target, {
            recursive: true,
            // Context copies follow .dockerignore, as the Docker daemon's build context does.
            filter: (src) => ins.from || !isDir || inContext(path.relative(CONTEXT, src).split(path.sep).join('/')),
          });
        }
        break;
      }
      case 'RUN': {
        const command = Array.isArray(ins.command) ? ins.command.join(' ') : ins.command;
        log(`${stage.name}: RUN ${command}`);
        try {
          execFileSync('sh', ['-c', mapCommand(command, fs)], {
            cwd,
            env: { ...process.env, ...mapEnv(state.env, fs), PATH },
            stdio: ['ignore', 'inherit', 'inherit'],
          });
        } catch {
          fail(`line ${ins.line}: RUN ${command} failed`);
        }
        break;
      }
      case 'VOLUME':
        state.volumes.push(...ins.paths);
        break;
      case 'EXPOSE':
        state.ports.push(...ins.ports);
        break;
      case 'HEALTHCHECK':
        state.healthcheck = ins.command;
        break;
      case 'CMD':
        state.cmd = ins.command;
        break;
    }
  }
  log(`stage ${stage.name} (${stage.image}) done in ${seconds(Date.now() - started)}`);
  built.set(stage.name, state);
  runtime = state;
}

if (!Array.isArray(runtime.cmd)) fail('the runtime stage needs an exec-form CMD');
for (const volume of runtime.volumes) {
  if (!existsSync(runtime.fs.map(volume))) fail(`VOLUME ${volume} does not exist in the image, so a fresh volume would be owned by root`);
}
if (runtime.user === 'root') fail('the runtime stage runs as root');
log(`runtime: ${runtime.image}, USER ${runtime.user} (not switched here), Node ${nodeVersion}, CMD ${runtime.cmd.join(' ')}`);

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// The image's environment only (nothing leaks in from this shell), with a free port instead of EXPOSE's.
const port = await freePort();
const env = { ...mapEnv(runtime.env, runtime.fs), PATH, HOME: runtime.fs.map('/home/node'), PORT: String(port), HOST: '127.0.0.1' };
const [command, ...commandArgs] = runtime.cmd;
const startedAt = Date.now();
const child = spawn(command === 'node' ? nodeBinary : command, commandArgs, { cwd: runtime.fs.map(runtime.workdir), env, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));
const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
const base = `http://127.0.0.1:${port}`;
const stop = () => {
  if (child.exitCode === null) child.kill('SIGKILL');
};
process.on('exit', stop);

async function poll(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) fail(`the process exited (${child.exitCode}) while waiting for ${what}\n${output}`);
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) fail(`timed out waiting for ${what}\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

await poll('/readyz', 60_000, async () => (await fetch(`${base}/readyz`)).ok);
const readyMs = Date.now() - startedAt;
log(`ready in ${seconds(readyMs)}`);

if (runtime.healthcheck) {
  const [hc, ...hcArgs] = Array.isArray(runtime.healthcheck) ? runtime.healthcheck : ['sh', '-c', runtime.healthcheck];
  try {
    execFileSync(hc === 'node' ? nodeBinary : hc, hcArgs, { env, cwd: runtime.fs.map(runtime.workdir), stdio: 'inherit' });
  } catch {
    fail('the HEALTHCHECK command failed');
  }
  log('HEALTHCHECK passed');
}

const rssKiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
const idleRss = rssKiB();

// One design through the local Slack, the way the sandbox page sends it.
const user = 'U0ALICE001';
const channel = 'C0GENERAL1';
const sent = await fetch(`${base}/sandbox/api/command`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ user, channel, text: 'sync Stripe payments into Salesforce' }),
});
if (!sent.ok || !(await sent.json()).ok) fail(`the slash command was not accepted (HTTP ${sent.status})`);
const designStarted = Date.now();
await poll('the design in the thread', 60_000, async () => {
  const state = await (await fetch(`${base}/sandbox/api/state?user=${user}`)).json();
  const thread = (state.messages[channel] ?? []).flatMap((m) => m.replies ?? []);
  return JSON.stringify(thread).includes('Implementation checklist');
});
log(`design posted in ${seconds(Date.now() - designStarted)}; RSS ${Math.round(idleRss / 1024)} MiB idle, ${Math.round(rssKiB() / 1024)} MiB after the design`);

child.kill('SIGTERM');
const timer = setTimeout(() => fail(`no exit within 20 s of SIGTERM\n${output}`), 20_000);
const { code, signal } = await exit;
clearTimeout(timer);
if (code !== 0) fail(`exit code ${code} (signal ${signal}) after SIGTERM\n${output}`);
if (/"level":(50|60)/.test(output)) fail(`error lines in the log\n${output}`);
log(`stopped cleanly on SIGTERM (exit 0); image recipe OK on Node ${nodeVersion}`);
if (!keep) rmSync(root, { recursive: true, force: true });
else log(`kept ${root}`);
