import { readFile } from 'node:fs/promises';
import { runCli } from './cli/index.js';

// Entry point for `npm run design|search|show`; all logic lives in src/cli/ so it can run in-process in tests.
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  isTTY: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  env: process.env,
  readFile: (path) => readFile(path, 'utf8'),
});
process.exitCode = code;
