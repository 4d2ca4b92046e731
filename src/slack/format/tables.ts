/**
 * Slack mrkdwn has no tables. GFM tables in the markdown are rewritten as fenced monospace blocks with aligned
 * columns before the markdown is converted, so they stay readable in a message.
 */

type Align = 'left' | 'right' | 'center';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DELIMITER_CELL = /^:?-+:?$/;

/** Splits a table row on unescaped pipes, dropping the outer empty cells of `| a | b |`. */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && line[i + 1] === '|') {
      current += '|';
      i++;
    } else if (ch === '|') {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) cells.shift();
  if (trimmed.endsWith('|') && !trimmed.endsWith('\\|')) cells.pop();
  return cells.map((c) => c.trim());
}

function parseDelimiter(line: string): Align[] | null {
  if (!line.includes('|') && !line.includes('-')) return null;
  const cells = splitRow(line);
  if (cells.length === 0 || !cells.every((c) => DELIMITER_CELL.test(c))) return null;
  if (!line.includes('|') && cells.length < 2) return null;
  return cells.map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : 'left'));
}

/** Inline markdown is meaningless inside a code block: keep the words, drop the markers. */
function plainCell(cell: string): string {
  return cell
    .replace(/!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_m, text: string, url: string) => (text ? `${text} (${url})` : url))
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/<br\s*\/?>/gi, ' ');
}

const width = (s: string) => [...s].length;

function pad(cell: string, size: number, align: Align): string {
  const gap = size - width(cell);
  if (align === 'right') return ' '.repeat(gap) + cell;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + cell + ' '.repeat(Math.ceil(gap / 2));
  return cell + ' '.repeat(gap);
}

function renderTable(header: string[], aligns: Align[], rows: string[][]): string[] {
  // GFM: the header fixes the column count; extra cells are dropped, missing ones are empty.
  const columns = header.length;
  const all = [header, ...rows].map((r) => Array.from({ length: columns }, (_, i) => plainCell(r[i] ?? '')));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(1, ...all.map((r) => width(r[i]!))));
  const line = (r: string[]) =>
    r.map((c, i) => pad(c, widths[i]!, aligns[i] ?? 'left')).join(' | ').trimEnd();
  const [head, ...body] = all;
  return ['```', line(head!), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line), '```'];
}

/** Rewrites every top-level GFM table (outside code fences) as an aligned fenced block. */
export function tablesToCodeBlocks(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      out.push(line);
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      out.push(line);
      continue;
    }
    const next = lines[i + 1];
    const aligns = line.includes('|') && next !== undefined ? parseDelimiter(next) : null;
    const header = aligns ? splitRow(line) : null;
    if (!aligns || !header || header.length !== aligns.length) {
      out.push(line);
      continue;
    }
    const rows: string[][] = [];
    let j = i + 2;
    while (j < lines.length && lines[j]!.trim() !== '' && lines[j]!.includes('|')) {
      rows.push(splitRow(lines[j]!));
      j++;
    }
    // A fenced block must stand as its own paragraph.
    if (out.length > 0 && out.at(-1)!.trim() !== '') out.push('');
    out.push(...renderTable(header, aligns, rows));
    if (j < lines.length && lines[j]!.trim() !== '') out.push('');
    i = j - 1;
  }
  return out.join('\n');
}
