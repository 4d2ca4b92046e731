/**
 * Splitting mrkdwn to Slack's per-block limit. Chunks break at paragraph boundaries first, then at line
 * boundaries, then between words; a code fence is never left open: an oversized block is cut into several
 * fenced blocks, each closed and reopened with a bare fence.
 */

export interface SplitOptions {
  /** Maximum characters in one chunk (Slack section text allows 3,000). */
  maxSectionChars?: number;
}

const FENCE = '```';

/** A unit that may start a chunk; `sep` is the whitespace that preceded it in the source. */
interface Piece {
  sep: string;
  text: string;
}

interface Segment {
  kind: 'text' | 'code';
  /** Newlines before this segment in the source (1 = same paragraph run, 2+ = after a blank line). */
  sep: string;
  lines: string[];
  /** For code: whether the source closed the fence (an unclosed one gets no closer on its last piece). */
  closed: boolean;
}

const fenceCount = (line: string) => line.split(FENCE).length - 1;

function toSegments(mrkdwn: string): Segment[] {
  const lines = mrkdwn.replace(/\r\n?/g, '\n').split('\n');
  const segments: Segment[] = [];
  let current: Segment | null = null;
  let blanks = 0;
  for (const line of lines) {
    if (current?.kind === 'code') {
      current.lines.push(line);
      if (fenceCount(line) % 2 === 1) {
        current.closed = true;
        current = null;
      }
      continue;
    }
    if (line.trim() === '') {
      blanks++;
      current = null;
      continue;
    }
    const sep = segments.length === 0 ? '' : '\n'.repeat(blanks + 1);
    blanks = 0;
    if (fenceCount(line) % 2 === 1) {
      current = { kind: 'code', sep, lines: [line], closed: false };
      segments.push(current);
    } else if (current === null) {
      current = { kind: 'text', sep, lines: [line], closed: true };
      segments.push(current);
    } else {
      current.lines.push(line);
    }
  }
  return segments;
}

/** Cuts a string with no usable whitespace into parts ≤ max, never inside a surrogate pair or an entity. */
function hardSplit(word: string, max: number): string[] {
  const parts: string[] = [];
  let rest = word;
  while (rest.length > max) {
    let cut = max;
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1]!)) cut--;
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp > 0 && cut - amp < 6 && /^&(?:amp|lt|gt);/.test(rest.slice(amp)) && rest.indexOf(';', amp) >= cut) cut = amp;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
}

/** Splits one over-long line between words; `<url|label with spaces>` links count as one word. */
function splitLine(line: string, max: number, firstSep: string): Piece[] {
  const tokens = line.match(/(?:<[^<>\n]*>|[^\s<]+|<)+|\s+/g) ?? [];
  const pieces: Piece[] = [];
  let current = '';
  let currentSep = firstSep;
  let pendingSep = '';
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      pendingSep += token;
      continue;
    }
    const words = token.length > max ? hardSplit(token, max) : [token];
    words.forEach((word, k) => {
      const sep = k === 0 ? pendingSep : '';
      if (current === '') {
        // Leading indentation travels with the separator; it is dropped if the piece starts a chunk.
        currentSep = firstSep + sep;
        current = word;
      } else if (current.length + sep.length + word.length <= max) {
        current += sep + word;
      } else {
        pieces.push({ sep: currentSep, text: current });
        currentSep = sep;
        current = word;
      }
    });
    pendingSep = '';
  }
  if (current !== '') pieces.push({ sep: currentSep, text: current });
  return pieces;
}

function textPieces(segment: Segment, max: number): Piece[] {
  const whole = segment.lines.join('\n');
  if (whole.length <= max) return [{ sep: segment.sep, text: whole }];
  return segment.lines.flatMap((line, i) => {
    const sep = i === 0 ? segment.sep : '\n';
    return line.length <= max ? [{ sep, text: line }] : splitLine(line, max, sep);
  });
}

/** An oversized code block becomes several fenced blocks, each within the limit. */
function codePieces(segment: Segment, max: number): Piece[] {
  const whole = segment.lines.join('\n');
  if (whole.length <= max) return [{ sep: segment.sep, text: whole }];
  const overhead = FENCE.length * 2 + 2;
  if (max <= overhead) throw new RangeError(`maxSectionChars ${max} is too small for a code block`);
  // Lines too long for any block are cut into several lines (code has no words to respect).
  const cut = (line: string) => (line.length + overhead <= max ? [line] : hardSplit(line, max - overhead));
  const [openParts, ...rest] = segment.lines.map(cut);
  const closeParts = segment.closed ? rest.pop() : undefined;
  const [open, ...openRest] = openParts!;
  const close = closeParts?.at(-1);
  const body = [...openRest, ...rest.flat(), ...(closeParts?.slice(0, -1) ?? [])];
  const pieces: Piece[] = [];
  let current: string[] = [open!];
  let size = open!.length;
  for (const line of body) {
    if (size + 1 + line.length + 1 + FENCE.length > max) {
      pieces.push({ sep: pieces.length === 0 ? segment.sep : '\n', text: [...current, FENCE].join('\n') });
      current = [FENCE];
      size = FENCE.length;
    }
    current.push(line);
    size += 1 + line.length;
  }
  if (close !== undefined) {
    if (size + 1 + close.length > max) {
      pieces.push({ sep: pieces.length === 0 ? segment.sep : '\n', text: [...current, FENCE].join('\n') });
      current = [FENCE];
    }
    current.push(close);
  }
  pieces.push({ sep: pieces.length === 0 ? segment.sep : '\n', text: current.join('\n') });
  return pieces;
}

/** Splits mrkdwn into chunks of at most `maxSectionChars`, at the most natural boundary available. */
export function splitForSlack(mrkdwn: string, { maxSectionChars = 3000 }: SplitOptions = {}): string[] {
  const max = maxSectionChars;
  if (!Number.isInteger(max) || max < 1) throw new RangeError('maxSectionChars must be a positive integer');
  const pieces = toSegments(mrkdwn).flatMap((s) => (s.kind === 'code' ? codePieces(s, max) : textPieces(s, max)));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current !== '' && current.length + piece.sep.length + piece.text.length <= max) {
      current += piece.sep + piece.text;
    } else {
      if (current !== '') chunks.push(current);
      current = piece.text;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
