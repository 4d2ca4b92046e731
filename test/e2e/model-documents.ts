import { summarizeFlows, type IntegrationInputs } from '../../src/architect/inputs.js';

/** Model output used by test/e2e/model.test.ts: a document full of Slack mentions, and a 20,000-word one. */

/** Every way model text could ping people in Slack. */
export const MENTION_TOKENS = ['<!channel>', '<!here>', '<!everyone>', '<@U0ALICE001>', '<#C0GENERAL1>', '<!subteam^S123|@team>', '@channel'];

/** A paragraph with each token in prose, a list, emphasis, code, a link label, a quote and a table. */
export function mentionMarkdown(marker: string): string {
  const all = MENTION_TOKENS.join(' ');
  return [
    `${marker} Page ${all} when the breaker opens; also @here and @everyone, <!here|here> and <!channel|channel>.`,
    '',
    ...MENTION_TOKENS.map((t) => `- escalate to ${t} after 3 failures`),
    '',
    `**${MENTION_TOKENS[0]} bold** and _${MENTION_TOKENS[1]} italic_ and \`${MENTION_TOKENS[3]}\` in code.`,
    '',
    `> quoted: ${MENTION_TOKENS[5]} and @channel`,
    '',
    `See [the runbook for @here](https://example.com/runbook) and [ping](<!everyone>) and <https://example.com|@channel docs>.`,
    '',
    '| who | how |',
    '| --- | --- |',
    `| on-call | ${MENTION_TOKENS[4]} ${MENTION_TOKENS[2]} |`,
    '',
    '```',
    `notify("${MENTION_TOKENS[0]}") # ${MENTION_TOKENS[3]} @here`,
    '```',
  ].join('\n');
}

/** A real design document with mentions in the title, the summary, a heading and a closing section. */
export function withMentions(markdown: string, marker: string): string {
  const lines = markdown.split('\n');
  const titleAt = lines.findIndex((l) => l.startsWith('# '));
  lines[titleAt] = `${lines[titleAt]} <!here> <!channel>`;
  lines.splice(titleAt + 1, 0, '', `Summary for <!channel> <!everyone> <@U0ALICE001> <!subteam^S123|@team> and @channel.`);
  return [...lines, '', `## Notes for <!channel> and <@U0ALICE001>`, '', mentionMarkdown(marker), ''].join('\n');
}

const HEADINGS = [
  'Requirements and assumptions',
  'Integration pattern',
  'Authentication and secrets',
  'Error handling and retries',
  'Idempotency',
  'Circuit breaker',
  'Dead-letter handling',
  'Monitoring and alerting',
  'Failure modes',
  'Implementation checklist',
];
const VOCABULARY = ['queue', 'retry', 'payload', 'webhook', 'ledger', 'invoice', 'consumer', 'offset', 'backoff', 'latency', 'cursor', 'replay'];

export interface BigDocument {
  markdown: string;
  /** Distinctive words, in document order. */
  sentinels: string[];
}

/**
 * About 21,000 prose words in 10 sections: paragraphs, bullet lists, a 1,000-word line with no break and a
 * 100-line code block per section, with a numbered sentinel word every ~100 words.
 */
export function bigDocument(inputs: IntegrationInputs): BigDocument {
  const sentinels: string[] = [];
  let n = 0;
  const sentinel = () => {
    const word = `sentinel${String(++n).padStart(4, '0')}`;
    sentinels.push(word);
    return word;
  };
  let w = 0;
  const filler = (count: number) => Array.from({ length: count }, () => VOCABULARY[w++ % VOCABULARY.length]).join(' ');
  const paragraph = () => `${sentinel()} ${filler(99)}.`;

  const sections = HEADINGS.map((heading) => {
    const parts: string[] = [];
    for (let p = 0; p < 5; p++) parts.push(paragraph());
    parts.push(Array.from({ length: 10 }, () => `- ${sentinel()} ${filler(9)}`).join('\n'));
    // One very long line: only word boundaries are left to split at.
    parts.push(Array.from({ length: 10 }, () => `${sentinel()} ${filler(99)}`).join(' '));
    parts.push(['```', ...Array.from({ length: 100 }, (_, i) => `${i % 10 === 0 ? sentinel() : 'step'}(${filler(3)})`), '```'].join('\n'));
    for (let p = 0; p < 5; p++) parts.push(paragraph());
    return `## ${heading}\n\n${parts.join('\n\n')}`;
  });
  const markdown = [`# Integration design: ${summarizeFlows(inputs)}`, '', 'A deliberately long design, for Slack delivery limits.', '', ...sections, ''].join('\n');
  return { markdown, sentinels };
}
