import { ConfigError, loadConfig } from '../config.js';
import { runDesign } from './design.js';
import { CliExit, write, type CliIO } from './io.js';
import { runSearch } from './search.js';
import { runShow } from './show.js';

const COMMANDS = { design: runDesign, search: runSearch, show: runShow } as const;

/** Runs one CLI command and returns the exit code; never calls process.exit itself (tests call it in-process). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name as keyof typeof COMMANDS] : undefined;
  if (!command) {
    write(io.stderr, `Usage: cli <${Object.keys(COMMANDS).join('|')}> …`);
    return 2;
  }
  try {
    const config = loadConfig(io.env);
    return await command(rest, io, config);
  } catch (error) {
    if (error instanceof CliExit) {
      write(io.stderr, error.message);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      write(io.stderr, error.message);
      return 2;
    }
    write(io.stderr, `Error: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}
