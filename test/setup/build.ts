import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Tests that start the real processes (`node dist/main.js`, `node dist/cli.js`) need the compiled build.
 * Both projects that start them call this from their global setup; the run's main process compiles once for
 * both (`npm run build`'s command: in build mode, a build with nothing to do takes under a second).
 */
const shared = globalThis as { iaBuild?: Promise<void> };

export function buildOnce(): Promise<void> {
  shared.iaBuild ??= compile();
  return shared.iaBuild;
}

async function compile(): Promise<void> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  await promisify(execFile)(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: root }).catch((error: { stdout?: string }) => {
    throw new Error(`npm run build failed before the tests:\n${error.stdout ?? String(error)}`);
  });
}
