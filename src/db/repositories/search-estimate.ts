/**
 * How many search documents a query is likely to match, from the column statistics PostgreSQL keeps for
 * `design_search.document` (pg_stats: the most common lexemes and the share of documents holding each). The search
 * uses it only to skip seq windows too small to hold a page's worth of matches; a wrong estimate costs time, never
 * results (the windows still cover every design).
 */

export interface LexemeStats {
  /** Share of documents holding each of the most common lexemes. */
  shares: Map<string, number>;
  /** A lexeme missing from `shares` is in fewer documents than this. */
  below: number;
}

/** pg_stats' most_common_elems and most_common_elem_freqs (the latter ends with min, max and null share). */
export function lexemeStats(elems: string[] | null | undefined, freqs: number[] | null | undefined): LexemeStats | undefined {
  if (!elems || !freqs || elems.length === 0 || freqs.length < elems.length) return undefined;
  const shares = new Map<string, number>();
  elems.forEach((e, i) => shares.set(e, freqs[i]!));
  const below = freqs.length >= elems.length + 1 ? freqs[elems.length]! : Math.min(...freqs.slice(0, elems.length));
  return { shares, below };
}

type Node = { kind: 'word'; lexeme: string; prefix?: true } | { kind: 'not'; of: Node } | { kind: 'and' | 'or'; left: Node; right: Node };

/** Parses tsquery text as PostgreSQL prints it (`'a' & ( 'b' | !'c' ) <-> 'd'`); undefined if it cannot. */
export function parseTsquery(text: string): Node | undefined {
  const tokens = text.match(/'(?:[^']|'')*'(?::[*A-D]+)?|<(?:-|\d+)>|[&|!()]/g);
  if (!tokens) return undefined;
  let at = 0;
  const peek = () => tokens[at];
  // Precedence, tightest first: !, <->, &, |.
  const primary = (): Node | undefined => {
    const t = tokens[at++];
    if (t === undefined) return undefined;
    if (t === '!') {
      const of = primary();
      return of && { kind: 'not', of };
    }
    if (t === '(') {
      const inner = or();
      return tokens[at++] === ')' ? inner : undefined;
    }
    if (t.startsWith("'")) {
      const lexeme = t.slice(1, t.lastIndexOf("'")).replace(/''/g, "'");
      return t.endsWith('*') ? { kind: 'word', lexeme, prefix: true } : { kind: 'word', lexeme };
    }
    return undefined;
  };
  const binary = (operand: () => Node | undefined, is: (t: string) => boolean, kind: 'and' | 'or'): (() => Node | undefined) => () => {
    let left = operand();
    while (left && peek() !== undefined && is(peek()!)) {
      at += 1;
      const right = operand();
      left = right && { kind, left, right };
    }
    return left;
  };
  // A phrase holds its words, so for counting it is their conjunction.
  const phrase = binary(primary, (t) => t.startsWith('<'), 'and');
  const and = binary(phrase, (t) => t === '&', 'and');
  const or = binary(and, (t) => t === '|', 'or');
  const tree = or();
  return tree && at === tokens.length ? tree : undefined;
}

/** Estimated share of documents matching, or undefined when a negation, a prefix or an unreadable query leaves it open. */
export function estimatedShare(tsquery: string, stats: LexemeStats): number | undefined {
  const tree = parseTsquery(tsquery);
  const share = (n: Node): number | undefined => {
    // A prefix matches more words than its own lexeme's share says: left open rather than underestimated.
    if (n.kind === 'word') return n.prefix ? undefined : (stats.shares.get(n.lexeme) ?? stats.below);
    if (n.kind === 'not') return undefined;
    const [l, r] = [share(n.left), share(n.right)];
    if (n.kind === 'and') return l === undefined ? r : r === undefined ? l : Math.min(l, r);
    return l === undefined || r === undefined ? undefined : Math.min(1, l + r);
  };
  return tree && share(tree);
}
