/** Text plumbing for the heuristic extractor: normalising, sentence splitting, tokenising, blanking. */

export type TokenKind = 'word' | 'arrow' | 'back-arrow' | 'both-arrow' | 'punct';

export interface Token {
  text: string;
  lower: string;
  kind: TokenKind;
  start: number;
  end: number;
}

/** Arrows to single characters, possessives dropped, typographic quotes and dashes flattened. */
export function normalize(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/<-+>|<=+>|[↔⇄⟷⇔]/g, ' ↔ ')
    .replace(/-+>|=+>|[→⟶⇒➜➡]/g, ' → ')
    .replace(/<-+|[←⟵⇐]/g, ' ← ')
    // A dash between words sets off an aside ("the ledger DB — Postgres"): read it like a colon.
    .replace(/\s[—–]\s|\s-\s/g, ' : ')
    .replace(/\b([A-Za-z0-9]+)'s\b/g, '$1')
    .replace(/[ \t]+/g, ' ');
}

/** Splits on sentence ends, semicolons and line breaks, leaving "Node.js" and "e.g." alone. */
export function splitSentences(text: string): string[] {
  // A ";" inside parentheses belongs to an aside ("FooCRM (the CRM our team uses; it has a REST API)").
  const guarded = text.replace(/\([^()\n]*\)/g, (m) => m.replace(/;/g, ','));
  return guarded
    // A full stop ends a sentence before any word, lower case too ("… (stream clicks). want it in …"), and
    // before a number however it is written ("… into NetSuite. ~40k orders/day").
    .split(/\n+|(?<=[!?;])\s+|(?<=[^.\s]{2}[.])\s+(?=[A-Za-z"'(\d~≈<>$€£+#*‘“-])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const TOKEN_RE = /\.NET\b|C#|[\p{L}\p{N}](?:[\p{L}\p{N}_./&+#'-]*[\p{L}\p{N}+#])?|[→←↔]|[,:;()!?&~<≤¦+#]/gu;

export function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (const m of sentence.matchAll(TOKEN_RE)) {
    const text = m[0];
    const kind: TokenKind =
      text === '→' ? 'arrow' : text === '←' ? 'back-arrow' : text === '↔' ? 'both-arrow' : /^[,:;()!?~<≤¦+#]$/.test(text) ? 'punct' : 'word';
    tokens.push({ text, lower: text.toLowerCase(), kind, start: m.index, end: m.index + text.length });
  }
  return tokens;
}

/** The separator `blank` leaves where facts were cut out; it breaks phrases but is otherwise transparent. */
export const GAP = '¦';

/**
 * Replaces the given spans with GAP (padded with spaces to the same length), so phrases break there and every
 * other character keeps its offset: tokens can be placed next to the quantities that were cut out.
 */
export function blank(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  let out = '';
  let at = 0;
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    out += text.slice(at, from) + GAP.padEnd(e - from, ' ');
    at = e;
  }
  return out + text.slice(at);
}

export function isCapitalised(token: Token): boolean {
  return token.kind === 'word' && /^[\p{Lu}\p{N}.]/u.test(token.text) && /\p{L}/u.test(token.text);
}
