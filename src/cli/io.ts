import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

/** The terminal the CLI talks to; tests pass in-memory streams. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  readFile: (path: string) => Promise<string>;
}

export class CliExit extends Error {
  constructor(
    public readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}

export function write(stream: Writable, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Asks each question in turn on an interactive terminal; an empty answer leaves the field unanswered. */
export async function ask(io: CliIO, questions: string[]): Promise<string[]> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: io.isTTY });
  try {
    const answers: string[] = [];
    for (const q of questions) answers.push((await rl.question(`${q}\n> `)).trim());
    return answers;
  } finally {
    rl.close();
  }
}
