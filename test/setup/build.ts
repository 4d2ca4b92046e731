import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Tests that start the real processes (`node dist/main.js`, `node dist/cli.js`) need the compiled build.
 * tsc is incremental, so this costs about 3 s when nothing changed. Projects' global setups run one after
 * another, so two projects never compile at the same time.
 */
export default async function build(): Promise<void> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root }).catch((error: { stdout?: string }) => {
    throw new Error(`npm run build failed before the tests:\n${error.stdout ?? String(error)}`);
  });
}
