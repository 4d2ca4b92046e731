import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { CliExit, write, type CliIO } from './io.js';
import { withStore } from './store.js';

const USAGE = 'Usage: npm run search -- "stripe webhook" [--team local] [--system Stripe] [--limit 10] [--offset 0]';

/** Terminal search over saved designs; the terminal sees the "local" workspace and no private channels. */
export async function runSearch(argv: string[], io: CliIO, config: Config): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        team: { type: 'string', default: 'local' },
        system: { type: 'string' },
        limit: { type: 'string', default: '10' },
        offset: { type: 'string', default: '0' },
      },
    });
  } catch (error) {
    throw new CliExit(2, `${(error as Error).message}\n${USAGE}`);
  }
  const query = parsed.positionals.join(' ').trim();
  const limit = Number(parsed.values.limit);
  const offset = Number(parsed.values.offset);
  if (!query) throw new CliExit(2, USAGE);
  if (!Number.isInteger(limit) || !Number.isInteger(offset)) throw new CliExit(2, '--limit and --offset must be whole numbers');

  return withStore(config, async ({ directory }) => {
    let page;
    try {
      page = await directory.search({
        teamId: parsed.values.team!,
        query,
        visiblePrivateChannelIds: [],
        filters: parsed.values.system ? { system: parsed.values.system } : {},
        limit,
        offset,
      });
    } catch (error) {
      if ((error as Error).name === 'SearchValidationError') throw new CliExit(2, (error as Error).message);
      if ((error as Error).name === 'SearchTimeoutError') throw new CliExit(1, `${(error as Error).message}: try fewer quoted phrases or rarer words`);
      throw error;
    }
    if (page.results.length === 0) {
      write(io.stdout, `No designs match "${query}".`);
      return 0;
    }
    const counted = page.capped ? `More than ${page.total} designs` : `${page.total} design${page.total === 1 ? '' : 's'}`;
    write(io.stdout, `${counted} match "${query}"${page.capped ? ` (ranked among the newest ${page.total})` : ''}:\n`);
    page.results.forEach((r, i) => {
      write(io.stdout, `${offset + i + 1}. ${r.title}  [${r.systems.join(', ')}]  (revision ${r.revision})`);
      write(io.stdout, `   ${r.snippet.replace(/\s+/g, ' ')}`);
      write(io.stdout, `   id: ${r.conversationId}\n`);
    });
    return 0;
  });
}
