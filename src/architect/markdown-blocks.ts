import { scanLines } from './words.js';

/** Small structural readers over markdown text (fenced code excluded), used by the quality checks. */

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+\S/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$/;

function proseLines(markdown: string): string[] {
  return scanLines(markdown)
    .filter((l) => !l.inFence)
    .map((l) => l.text);
}

/** Bulleted or numbered list items, at any depth. */
export function listItems(markdown: string): string[] {
  return proseLines(markdown)
    .filter((line) => LIST_ITEM.test(line))
    .map((line) => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim());
}

export interface Table {
  header: string[];
  rows: string[][];
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** GitHub-style pipe tables: a header row, a separator row, then body rows. */
export function tables(markdown: string): Table[] {
  const lines = proseLines(markdown);
  const found: Table[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!TABLE_SEPARATOR.test(lines[i]!) || !lines[i - 1]!.includes('|')) continue;
    const rows: string[][] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]!.includes('|') && lines[j]!.trim() !== '') {
      rows.push(cells(lines[j]!));
      j += 1;
    }
    found.push({ header: cells(lines[i - 1]!), rows });
    i = j;
  }
  return found;
}

/** `###`-and-deeper headings. */
export function subheadings(markdown: string): string[] {
  return proseLines(markdown)
    .map((line) => /^ {0,3}#{3,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1])
    .filter((h): h is string => h !== undefined && h !== '');
}

const HEADING = /^ {0,3}#{1,6}\s/;
const indent = (line: string) => /^\s*/.exec(line)![0].length;

/**
 * The block that belongs to each matching line: for a heading or a lead-in ending in ":" (or a bold line
 * on its own), the paragraph or list that follows; for a list item, the item with its continuation and
 * sub-items; for a paragraph line, the rest of that paragraph. At most `span` lines after each match.
 * Gives checks the text that belongs to a mention ("Circuit breaker" and its bullets), not its neighbours.
 */
export function contextAround(markdown: string, pattern: RegExp, span = 8): string {
  const lines = markdown.split('\n');
  const picked = new Set<number>();
  lines.forEach((line, i) => {
    if (!pattern.test(line)) return;
    picked.add(i);
    const lead = HEADING.test(line) || /:\s*$/.test(line) || /^\s*(\*\*|__)[^*_]+(\*\*|__)[.:]?\s*$/.test(line);
    const itemIndent = LIST_ITEM.test(line) ? indent(line) : null;
    let collected = false;
    for (let j = i + 1; j < Math.min(lines.length, i + 1 + span); j++) {
      const next = lines[j]!;
      if (HEADING.test(next)) break;
      if (next.trim() === '') {
        if (lead && !collected) continue;
        break;
      }
      if (!lead && itemIndent !== null && LIST_ITEM.test(next) && indent(next) <= itemIndent) break;
      picked.add(j);
      collected = true;
    }
  });
  return [...picked]
    .sort((a, b) => a - b)
    .map((i) => lines[i]!)
    .join('\n');
}

/** Sentences (and list items / lines), for checks that must read a mention in its own context. */
export function sentences(markdown: string): string[] {
  return markdown
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z*`(])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The document's prose in units a reader takes as one statement: a list item with its continuation lines, a
 * table row, or a paragraph (blank-line separated). Fenced code is left out.
 */
export function units(markdown: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) out.push(current.join(' ').trim());
    current = [];
  };
  for (const line of proseLines(markdown)) {
    if (!line.trim() || /^#{1,6}\s/.test(line)) {
      flush();
      continue;
    }
    if (LIST_ITEM.test(line) || /^\s*\|/.test(line)) {
      flush();
      current.push(line);
      if (/^\s*\|/.test(line)) flush();
      continue;
    }
    current.push(line);
  }
  flush();
  return out.filter((u) => !TABLE_SEPARATOR.test(u));
}
