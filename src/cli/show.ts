import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { CliExit, write, type CliIO } from './io.js';
import { withStore } from './store.js';

const USAGE = 'Usage: npm run show -- <id> [--revision n]';

export async function runShow(argv: string[], io: CliIO, config: Config): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { revision: { type: 'string' } } });
  } catch (error) {
    throw new CliExit(2, `${(error as Error).message}\n${USAGE}`);
  }
  const id = parsed.positionals[0];
  if (!id) throw new CliExit(2, USAGE);
  const revision = parsed.values.revision === undefined ? undefined : Number(parsed.values.revision);
  if (revision !== undefined && (!Number.isInteger(revision) || revision < 1)) throw new CliExit(2, '--revision must be a positive whole number');

  return withStore(config, async ({ store }) => {
    const found = await store.getRevision(id, revision);
    if (!found) throw new CliExit(1, revision ? `No revision ${revision} of design ${id}.` : `No design ${id}.`);
    write(io.stdout, found.markdown);
    return 0;
  });
}
