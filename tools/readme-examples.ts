import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { createOfflineEngine } from '../src/architect/engines/offline.js';
import { IntegrationInputsSchema } from '../src/architect/inputs.js';

/**
 * The README's example designs are generated, never hand-edited: each block between
 * `<!-- example:NAME:start -->` and `<!-- example:NAME:end -->` holds the inputs as JSON and, below them, what the
 * offline engine writes for those inputs. `npm run readme:examples` rewrites every block; a unit test fails when
 * a block differs from what the engine writes now.
 */

const BLOCK = /<!-- example:([a-z0-9-]+):start -->\n([\s\S]*?)\n<!-- example:\1:end -->/g;
const INPUTS = /```json\n([\s\S]*?)\n```/;

export interface ReadmeExample {
  name: string;
  inputs: string;
  /** The block as it is in the README now. */
  current: string;
}

export function readmeExamples(readme: string): ReadmeExample[] {
  return [...readme.matchAll(BLOCK)].map((m) => {
    const inputs = INPUTS.exec(m[2]!)?.[1];
    if (!inputs) throw new Error(`README example ${m[1]} has no \`\`\`json inputs`);
    return { name: m[1]!, inputs, current: m[2]! };
  });
}

/** The block the engine writes for an example's inputs: the inputs, a line with its measures, the design. */
export async function exampleBlock(inputs: string): Promise<string> {
  const parsed = IntegrationInputsSchema.parse(JSON.parse(inputs));
  const design = await createOfflineEngine().design(parsed);
  const passed = design.quality.checks.filter((c) => c.passed).length;
  return [
    '```json',
    inputs,
    '```',
    '',
    `<details><summary>The design: ${design.quality.wordCount} words of prose, ${passed} of ${design.quality.checks.length} quality checks passed</summary>`,
    '',
    '````markdown',
    design.markdown.trimEnd(),
    '````',
    '',
    '</details>',
  ].join('\n');
}

export async function regenerate(readme: string): Promise<string> {
  let out = readme;
  for (const example of readmeExamples(readme)) {
    const block = await exampleBlock(example.inputs);
    out = out.replace(`<!-- example:${example.name}:start -->\n${example.current}\n`, `<!-- example:${example.name}:start -->\n${block}\n`);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = new URL('../README.md', import.meta.url);
  const readme = await readFile(path, 'utf8');
  const next = await regenerate(readme);
  await writeFile(path, next);
  console.log(`${readmeExamples(next).length} README examples ${next === readme ? 'already current' : 'regenerated'}`);
}
