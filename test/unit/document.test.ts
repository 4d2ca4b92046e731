import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  countWords,
  normalizeHeading,
  parseDocument,
  renderDocument,
  sectionIdForHeading,
  sectionsById,
  sectionText,
} from '../../src/architect/document.js';
import type { ParsedDocument } from '../../src/architect/types.js';

const good = readFileSync(new URL('../fixtures/designs/good.md', import.meta.url), 'utf8');

describe('sectionIdForHeading', () => {
  const table: Array<[string, string]> = [
    ['1. Requirements Analysis', 'requirements'],
    ['Requirements and constraints', 'requirements'],
    ['Context & Assumptions', 'requirements'],
    ['2. Integration Pattern Selection', 'pattern'],
    ['Step 2: Select integration pattern and technology', 'pattern'],
    ['Architecture Overview', 'pattern'],
    ['Recommended Approach: Webhooks + Queue', 'pattern'],
    ['Authentication & Authorization', 'authentication'],
    ['3) Security and Credential Management', 'authentication'],
    ['Token storage, rotation and refresh', 'authentication'],
    ['Resilience: Error Handling and Retry Strategy', 'resilience'],
    ['Error handling & retry', 'resilience'],
    ['Idempotency Design', 'resilience'],
    ['Rate Limiting and Backpressure', 'resilience'],
    ['Monitoring, Observability & Alerting', 'observability'],
    ['**5. Observability**', 'observability'],
    ['Logging, Metrics and Tracing', 'observability'],
    ['Failure Modes and Mitigations', 'failure-modes'],
    ['6. Failure Scenarios', 'failure-modes'],
    ['Risks & Mitigations', 'failure-modes'],
    ['Implementation Checklist (by priority)', 'checklist'],
    ['Implementation Plan', 'checklist'],
    ['IV. Rollout and Next Steps', 'checklist'],
    ['Pseudocode', 'other'],
    ['Summary', 'other'],
  ];
  it.each(table)('maps "%s" to %s', (heading, id) => {
    expect(sectionIdForHeading(heading)).toBe(id);
  });

  it('normalises numbering, emphasis and symbols away', () => {
    expect(normalizeHeading('**2.1 Integration Pattern** ##')).toBe('integration pattern');
    expect(normalizeHeading('Step 4: Auth & Tokens')).toBe('auth and tokens');
  });
});

describe('parseDocument', () => {
  it('reads the title, preamble and each section of a design', () => {
    const doc = parseDocument(good);
    expect(doc.title).toBe('Stripe → Salesforce payment sync');
    expect(doc.preamble).toMatch(/^Successful payments and refunds/);
    expect(doc.sections.map((s) => s.id)).toEqual([
      'requirements',
      'pattern',
      'authentication',
      'resilience',
      'observability',
      'failure-modes',
      'checklist',
    ]);
    expect(doc.sections[1]!.heading).toBe('2. Integration Pattern Selection');
    expect(doc.sections[1]!.markdown).toMatch(/^We choose \*\*event-driven webhooks/);
  });

  it('ignores headings inside fenced code blocks, for both fence styles', () => {
    const md = [
      '# T',
      '',
      '## Retry strategy',
      '',
      '```md',
      '## not a heading',
      '```',
      '',
      '~~~~',
      '## nor this',
      '```',
      '## still code: a ``` line does not close a ~~~~ fence',
      '~~~~',
      '',
      '## Monitoring',
      'Body.',
    ].join('\n');
    const doc = parseDocument(md);
    expect(doc.sections.map((s) => s.heading)).toEqual(['Retry strategy', 'Monitoring']);
    expect(doc.sections[0]!.markdown).toContain('## not a heading');
    expect(doc.sections[0]!.markdown).toContain('## still code');
  });

  it('keeps ### subsections inside their section and tolerates a missing title', () => {
    const doc = parseDocument('Intro line.\n\n## Error handling\n\n### Retries\nText\n\n### Idempotency\nMore\n');
    expect(doc.title).toBe('');
    expect(doc.preamble).toBe('Intro line.');
    expect(doc.sections).toHaveLength(1);
    expect(doc.sections[0]!.markdown).toBe('### Retries\nText\n\n### Idempotency\nMore');
  });

  it('accepts closing hashes and CRLF line endings', () => {
    const doc = parseDocument('# Title #\r\n\r\n## Authentication ##\r\nOAuth.\r\n');
    expect(doc.title).toBe('Title');
    expect(doc.sections[0]).toEqual({ id: 'authentication', heading: 'Authentication', markdown: 'OAuth.' });
  });
});

describe('renderDocument', () => {
  it('round-trips a canonical document byte for byte', () => {
    expect(renderDocument(parseDocument(good))).toBe(good);
  });

  it('is the inverse of parseDocument for a constructed document', () => {
    const doc: ParsedDocument = {
      title: 'A → B',
      preamble: 'Assumed: 30,000 events a day.',
      sections: [
        { id: 'pattern', heading: 'Integration pattern', markdown: 'Webhooks into a queue.\n\n```\n## code\n```' },
        { id: 'other', heading: 'Appendix', markdown: '' },
        { id: 'checklist', heading: 'Implementation checklist', markdown: '1. One\n2. Two' },
      ],
    };
    expect(parseDocument(renderDocument(doc))).toEqual(doc);
  });
});

describe('sectionsById / sectionText', () => {
  it('groups every section under its id, several per id when a topic is split', () => {
    const doc = parseDocument('# T\n\n## Retry strategy\nA\n\n## Idempotency\nB\n\n## Notes\nC\n');
    const grouped = sectionsById(doc);
    expect(grouped.resilience.map((s) => s.heading)).toEqual(['Retry strategy', 'Idempotency']);
    expect(grouped.other.map((s) => s.heading)).toEqual(['Notes']);
    expect(grouped.authentication).toEqual([]);
    expect(sectionText(doc, 'resilience')).toBe('A\n\nB');
    expect(sectionText(doc, 'checklist')).toBe('');
  });
});

describe('countWords', () => {
  it('counts tokens with a letter or digit and skips markdown punctuation', () => {
    expect(countWords('# Title\n\n- **Bold** item — with 5-minute e.g. 2^n → x')).toBe(8);
  });

  it('excludes fenced code blocks of both styles, including an unclosed one', () => {
    const prose = 'One two three.';
    expect(countWords(`${prose}\n\n\`\`\`ts\nconst a = 1;\nconst b = 2;\n\`\`\`\n`)).toBe(3);
    expect(countWords(`${prose}\n\n~~~\nfour five six\n~~~\n`)).toBe(3);
    expect(countWords(`${prose}\n\n\`\`\`\nnever closed code words\n`)).toBe(3);
  });

  it('counts table cells but not separator rows', () => {
    const table = '| Failure | Mitigation |\n|---|:---:|\n| API down | Retry later |';
    expect(countWords(table)).toBe(6);
  });

  it('counts an inline code span as one word and a link by its text', () => {
    expect(countWords('Use `min(cap, base × 2^n)` with [the AWS guide](https://aws.amazon.com/builders-library/x)')).toBe(6);
  });

  it('drops HTML comments', () => {
    expect(countWords('Visible words <!-- hidden note here --> only')).toBe(3);
  });
});
