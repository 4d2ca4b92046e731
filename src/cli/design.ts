import { parseArgs } from 'node:util';
import { applyAnswer } from '../architect/answers.js';
import { createEngineBundle, type EngineBundle } from '../architect/engines/factory.js';
import { completeInputs, IntegrationInputsSchema, missingInputs, type IntegrationInputs, type PartialInputs } from '../architect/inputs.js';
import { formatQualityReport } from '../architect/quality/index.js';
import type { Config } from '../config.js';
import { ask, CliExit, write, type CliIO } from './io.js';
import { withStore } from './store.js';

const USAGE = `Usage:
  npm run design -- --input design.json [--json] [--save] [--engine offline|anthropic]
  npm run design -- "sync Stripe payments into Salesforce" [--json] [--save] [--engine offline|anthropic]`;

function formatIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `  - ${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`).join('\n');
}

async function readInputsFile(io: CliIO, path: string): Promise<IntegrationInputs> {
  let raw: string;
  try {
    raw = await io.readFile(path);
  } catch (error) {
    throw new CliExit(2, `Cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new CliExit(2, `Invalid JSON in ${path}: ${(error as Error).message}`);
  }
  const parsed = IntegrationInputsSchema.safeParse(json);
  if (!parsed.success) throw new CliExit(2, `Invalid inputs in ${path}:\n${formatIssues(parsed.error)}`);
  return parsed.data;
}

/** Free text → inputs; asks for what is missing on a terminal, or exits 2 listing it when there is none. */
async function inputsFromText(io: CliIO, text: string, bundle: EngineBundle): Promise<IntegrationInputs> {
  let partial: PartialInputs = await bundle.extract(text);
  for (let round = 0; round < 5; round++) {
    const missing = missingInputs(partial);
    if (missing.length === 0) break;
    if (!io.isTTY) {
      const lines = missing.map((m) => `  - ${m.field}: ${m.question} (e.g. ${m.example})`).join('\n');
      throw new CliExit(2, `Missing required inputs:\n${lines}\nAnswer them in the text, or pass --input with a JSON file.`);
    }
    for (const m of missing) {
      const [answer = ''] = await ask(io, [`${m.question} (e.g. ${m.example})`]);
      partial = await applyAnswer(partial, answer, (t) => bundle.extract(t), [m]);
    }
  }
  const done = completeInputs(partial);
  if (!done.success) throw new CliExit(2, `The inputs are still incomplete or invalid:\n${formatIssues(done.error)}`);
  return done.data;
}

export async function runDesign(argv: string[], io: CliIO, config: Config): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        input: { type: 'string', short: 'i' },
        json: { type: 'boolean', default: false },
        save: { type: 'boolean', default: false },
        engine: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliExit(2, `${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = args;
  if (values.help) {
    write(io.stdout, USAGE);
    return 0;
  }
  const text = positionals.join(' ').trim();
  if (!values.input && !text) throw new CliExit(2, USAGE);
  if (values.engine && values.engine !== 'offline' && values.engine !== 'anthropic') {
    throw new CliExit(2, `--engine must be offline or anthropic, not "${values.engine}"`);
  }
  let engineConfig = config.engine;
  if (values.engine === 'offline') engineConfig = { mode: 'offline' };
  if (values.engine === 'anthropic' && engineConfig.mode !== 'anthropic') {
    throw new CliExit(2, '--engine anthropic needs ANTHROPIC_API_KEY to be set');
  }
  const bundle = await createEngineBundle(engineConfig);
  const inputs = values.input ? await readInputsFile(io, values.input) : await inputsFromText(io, text, bundle);

  const onProgress = io.isTTY ? (p: { message: string }) => io.stderr.write(`\r\x1b[2K${p.message}`) : undefined;
  const design = await bundle.engine.design(inputs, onProgress ? { onProgress } : {});
  if (onProgress) io.stderr.write('\r\x1b[2K');

  if (values.json) {
    write(io.stdout, JSON.stringify({ markdown: design.markdown, sections: design.sections, quality: design.quality, engine: design.engine }, null, 2));
  } else {
    write(io.stdout, design.markdown);
    write(io.stderr, formatQualityReport(design.quality));
  }
  if (values.save) {
    const saved = await withStore(config, async ({ store }) => {
      const conversation = await store.createConversation({
        teamId: 'local',
        channelId: 'cli',
        threadTs: `cli-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
        userId: 'cli',
        channelIsPrivate: false,
        inputs,
        status: 'ready',
      });
      return store.saveRevision(conversation.id, design, inputs, 'cli');
    });
    write(io.stderr, `Saved design ${saved.conversationId} (revision ${saved.revision})`);
    if (!values.json) write(io.stdout, `\nSaved: ${saved.conversationId}`);
  }
  return 0;
}
