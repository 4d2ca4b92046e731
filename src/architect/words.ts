/**
 * Markdown line scanning shared by the document parser and the word counter: which lines sit inside fenced
 * code blocks, and how many prose words a document has.
 */

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

export interface MarkdownLine {
  text: string;
  /** True for the fence lines themselves and everything between them. */
  inFence: boolean;
}

/**
 * Tags every line with whether it belongs to a fenced code block (``` or ~~~, CommonMark rules: the closing
 * fence uses the same character and is at least as long). An unclosed fence runs to the end of the text.
 */
export function scanLines(markdown: string): MarkdownLine[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: MarkdownLine[] = [];
  let fence: string | null = null;
  for (const text of lines) {
    if (fence === null) {
      const open = FENCE_OPEN.exec(text);
      if (open) fence = open[1]!;
      out.push({ text, inFence: fence !== null });
      continue;
    }
    out.push({ text, inFence: true });
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
    if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) fence = null;
  }
  return out;
}

/** The text with fenced code blocks removed (fence lines included). */
export function stripFencedCode(markdown: string): string {
  return scanLines(markdown)
    .filter((l) => !l.inFence)
    .map((l) => l.text)
    .join('\n');
}

/** The Sources list (links to the documented facts used) is reference material, not part of the length. */
export function withoutSources(markdown: string): string {
  return markdown.replace(/^##\s+Sources[ \t]*\n[\s\S]*?(?=^#{1,2}\s|(?![\s\S]))/m, '');
}

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Counts the prose words of a markdown document, the measure behind the seed's "500–900 words".
 *
 * The rule: code is not prose, so fenced code blocks (``` and ~~~) are dropped entirely; an inline code span
 * counts as one word, since it usually names a thing inside a sentence. Table separator rows (|---|:--:|)
 * and HTML comments are dropped; table cells count like any other text. Links count their visible text,
 * not the URL. What remains is split on whitespace and table pipes, and a token counts as a word when it
 * contains at least one letter or digit — so markdown punctuation (#, -, *, >, |, →, ×) never counts, while
 * "5-minute", "e.g." and "2^n" each count once.
 */
export function countWords(markdown: string): number {
  const prose = stripFencedCode(withoutSources(markdown))
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .split('\n')
    .filter((line) => !TABLE_SEPARATOR.test(line))
    .join('\n')
    // An inline code span is one word, whatever it contains.
    .replace(/(`+)[^`\n]+?\1/g, ' code ')
    // Images and links: keep the visible text, drop the target.
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
  let count = 0;
  for (const token of prose.split(/[\s|]+/)) {
    if (HAS_WORD_CHAR.test(token)) count += 1;
  }
  return count;
}
