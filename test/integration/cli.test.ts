import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import type { CliIO } from '../../src/cli/io.js';
import { migratedDataDir } from '../helpers/db.js';

const run = promisify(execFile);
const example = JSON.parse(await readFile(new URL('../fixtures/example-inputs.json', import.meta.url), 'utf8'));

let dir: string;
// The CLI's DATA_DIR, already holding a database: creating one (initdb) is tested with the bot itself.
let data: ReturnType<typeof migratedDataDir>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ia-cli-'));
  data = migratedDataDir('ia-cli-data-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  data.dispose();
});

function io(options: { tty?: boolean; answers?: string[]; env?: Record<string, string> } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  // Answer each prompt as it appears, the way a person at a terminal would.
  const answers = [...(options.answers ?? [])];
  stderr.on('data', (d) => {
    if (String(d).includes('> ') && answers.length) stdin.write(`${answers.shift()}\n`);
  });
  const value: CliIO = {
    stdout,
    stderr,
    stdin,
    isTTY: options.tty ?? false,
    env: { DATA_DIR: data.dir, LOG_LEVEL: 'silent', ...options.env },
    readFile: (p) => readFile(p, 'utf8'),
  };
  return { io: value, out: () => out, err: () => err };
}

describe('npm run design', () => {
  it('prints the markdown design for an inputs file', async () => {
    const file = path.join(dir, 'design.json');
    await writeFile(file, JSON.stringify(example));
    const t = io();
    expect(await runCli(['design', '--input', file], t.io)).toBe(0);
    expect(t.out()).toMatch(/^# Integration design/m);
    expect(t.out()).toContain('## Implementation checklist');
    expect(t.err()).toMatch(/Quality: 15\/15/);
  });

  it('--json prints {markdown, sections, quality, engine}', async () => {
    const file = path.join(dir, 'design.json');
    await writeFile(file, JSON.stringify(example));
    const t = io();
    expect(await runCli(['design', '--input', file, '--json'], t.io)).toBe(0);
    const parsed = JSON.parse(t.out());
    expect(Object.keys(parsed).sort()).toEqual(['engine', 'markdown', 'quality', 'sections']);
    expect(parsed.engine).toBe('offline');
    expect(parsed.quality.passed).toBe(true);
    expect(parsed.sections.map((s: { id: string }) => s.id)).toContain('resilience');
  });

  it('extracts inputs from free text', async () => {
    const t = io();
    expect(await runCli(['design', 'sync Stripe payments into Salesforce'], t.io)).toBe(0);
    expect(t.out()).toMatch(/Stripe/);
    expect(t.out()).toMatch(/Salesforce/);
  });

  it('without a terminal, exits 2 listing what is missing', async () => {
    const t = io({ tty: false });
    expect(await runCli(['design', 'sync Acme invoices into Globex'], t.io)).toBe(2);
    expect(t.err()).toMatch(/Missing required inputs/);
    expect(t.err()).toContain('systemDescriptions');
    expect(t.out()).toBe('');
  });

  it('in a terminal, asks for what is missing and then designs', async () => {
    const t = io({ tty: true, answers: ['Acme: our billing platform; Globex: the ERP of record', 'from Acme to Globex', 'invoices'] });
    expect(await runCli(['design', 'sync Acme invoices into Globex'], t.io)).toBe(0);
    expect(t.err()).toContain('Acme');
    expect(t.out()).toMatch(/^# Integration design/m);
  });

  it('invalid JSON and schema errors exit 2 naming the problem', async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{ "systems": [');
    let t = io();
    expect(await runCli(['design', '--input', bad], t.io)).toBe(2);
    expect(t.err()).toMatch(/Invalid JSON/);

    const wrong = path.join(dir, 'wrong.json');
    await writeFile(wrong, JSON.stringify({ ...example, flows: [{ from: 'Stripe', to: 'HubSpot', data: 'x' }] }));
    t = io();
    expect(await runCli(['design', '--input', wrong], t.io)).toBe(2);
    expect(t.err()).toContain('flows.0.to');
    expect(t.err()).toContain('HubSpot');

    t = io();
    expect(await runCli(['design', '--input', path.join(dir, 'missing.json')], t.io)).toBe(2);
    expect(t.err()).toMatch(/Cannot read/);
  });

  it('--engine anthropic without a key, and unknown engines, exit 2', async () => {
    const file = path.join(dir, 'design.json');
    let t = io();
    expect(await runCli(['design', '--input', file, '--engine', 'anthropic'], t.io)).toBe(2);
    expect(t.err()).toMatch(/ANTHROPIC_API_KEY/);
    t = io();
    expect(await runCli(['design', '--input', file, '--engine', 'gpt'], t.io)).toBe(2);
  });
});

describe('save, search and show', () => {
  it('saves a design, finds it by search, and shows it by id', async () => {
    const file = path.join(dir, 'design.json');
    await writeFile(file, JSON.stringify(example));
    const saved = io();
    expect(await runCli(['design', '--input', file, '--save'], saved.io)).toBe(0);
    const id = /Saved: ([0-9a-f-]{36})/.exec(saved.out())?.[1];
    expect(id).toBeDefined();

    const found = io();
    expect(await runCli(['search', 'stripe salesforce'], found.io)).toBe(0);
    expect(found.out()).toContain(id!);
    expect(found.out()).toContain('Stripe');

    const shown = io();
    expect(await runCli(['show', id!], shown.io)).toBe(0);
    expect(shown.out()).toMatch(/^# Integration design/m);

    const missing = io();
    expect(await runCli(['show', id!, '--revision', '7'], missing.io)).toBe(1);
    expect(missing.err()).toMatch(/No revision 7/);
  });

  it('rejects an empty or hostile search with a clear message', async () => {
    let t = io();
    expect(await runCli(['search'], t.io)).toBe(2);
    t = io();
    expect(await runCli(['search', 'x'.repeat(10_000)], t.io)).toBe(2);
    expect(t.err()).toMatch(/longer than/);
    t = io();
    expect(await runCli(['search', "'; DROP TABLE conversations; --"], t.io)).toBe(0);
  });
});

describe('the real command', () => {
  it('exits 2 without a TTY when inputs are missing, with a readable message', async () => {
    const err = await run(process.execPath, ['dist/cli.js', 'design', 'sync Acme into Globex'], {
      env: { ...process.env, DATA_DIR: path.join(dir, 'data2'), ANTHROPIC_API_KEY: '' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toMatch(/Missing required inputs/);
  });
});
