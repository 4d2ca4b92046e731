/**
 * Reads flow directions and data phrases from one sentence, given the systems it mentions:
 * two-way wording, arrows, trigger sentences, then prepositions ("from X", "into Y").
 */
import { BIDIRECTIONAL_MARKERS, CONJUNCTIONS, FLOW_VERBS, FROM_PREPS, LOCATION_PREPS, TO_PREPS, WITH_SOURCE_VERBS } from './lexicon.js';
import type { Mention } from './mentions.js';
import type { HalfFlow, KeyFlow, SentenceFlows } from './flow-types.js';
import { clauses, composeData, dataRuns, inRange, joinTexts, prevSignificant, withData, type Range } from './runs.js';
import type { Token } from './text.js';
import { triggered } from './triggers.js';

export type { HalfFlow, KeyFlow, SentenceFlows } from './flow-types.js';

type Role = 'from' | 'to' | 'in' | 'with' | 'none';

function roleOf(tokens: Token[], mentions: Mention[], mi: number, [a]: Range): { role: Role; joinedTo?: number } {
  const m = mentions[mi]!;
  const p = prevSignificant(tokens, m.start, a);
  const prev = tokens[p];
  if (!prev || p < a) return { role: 'none' };
  if (FROM_PREPS.has(prev.lower) || (prev.lower === 'of' && tokens[p - 1]?.lower === 'out')) return { role: 'from' };
  if (TO_PREPS.has(prev.lower)) return { role: 'to' };
  if (LOCATION_PREPS.has(prev.lower)) return { role: 'in' };
  if (prev.lower === 'with') return { role: 'with' };
  if (CONJUNCTIONS.has(prev.lower) || prev.text === ',') {
    const before = prevSignificant(tokens, p, a);
    const joined = mentions.findIndex((o) => o.tailEnd - 1 === before);
    if (joined >= 0 && joined !== mi) return { role: 'none', joinedTo: joined };
  }
  return { role: 'none' };
}

function verbBefore(tokens: Token[], k: number, a: number): string | undefined {
  for (let p = k - 1; p >= a; p--) if (FLOW_VERBS.has(tokens[p]!.lower)) return tokens[p]!.lower;
  return undefined;
}

function bidirectional(tokens: Token[], mentions: Mention[], ms: number[], range: Range): KeyFlow[] | undefined {
  const [a, b] = range;
  const words = tokens.slice(a, b).map((t) => t.lower);
  const both = tokens.slice(a, b).findIndex((t) => t.kind === 'both-arrow');
  const between = words.indexOf('between');
  const marked =
    both >= 0 ||
    words.some((w) => BIDIRECTIONAL_MARKERS.has(w)) ||
    /\bboth (ways|directions)\b|\bin sync\b|\bback and forth\b/.test(words.join(' ')) ||
    // "sync between A and B" is two-way; "changes between A and B" says no direction at all.
    (between >= 0 && ms.filter((i) => mentions[i]!.start > a + between).length >= 2 && words.some((w) => /^(?:sync|synced|syncing|synchroni[sz]e\w*|mirror\w*|replicat\w*)$/.test(w)));
  if (!marked) return undefined;
  let pair: number[];
  if (both >= 0) {
    const at = a + both;
    pair = [ms.filter((i) => mentions[i]!.start < at).at(-1), ms.find((i) => mentions[i]!.start > at)].filter((x): x is number => x !== undefined);
  } else if (between >= 0) pair = ms.filter((i) => mentions[i]!.start > a + between).slice(0, 2);
  else pair = ms.slice(0, 2);
  const [x, y] = pair;
  if (x === undefined || y === undefined || mentions[x]!.key === mentions[y]!.key) return undefined;
  const runs = dataRuns(tokens, mentions, range);
  const ownX = joinTexts(runs.filter((r) => r.owner === x));
  const ownY = joinTexts(runs.filter((r) => r.owner === y));
  const shared = joinTexts(runs.filter((r) => r.owner !== x && r.owner !== y));
  const kx = mentions[x]!.key;
  const ky = mentions[y]!.key;
  if (ownX && ownY) return [{ from: kx, to: ky, data: `${ownX} → ${ownY}` }, { from: ky, to: kx, data: `${ownY} → ${ownX}` }];
  const data = joinTexts(runs);
  return [withData({ from: kx, to: ky }, shared ?? data), withData({ from: ky, to: kx }, shared ?? data)];
}

function arrows(tokens: Token[], mentions: Mention[], ms: number[], range: Range): KeyFlow[] | undefined {
  const [a, b] = range;
  const idx: number[] = [];
  for (let k = a; k < b; k++) if (tokens[k]!.kind === 'arrow' || tokens[k]!.kind === 'back-arrow') idx.push(k);
  if (idx.length === 0) return undefined;
  const runs = dataRuns(tokens, mentions, range);
  const data = joinTexts(runs);
  const flows: KeyFlow[] = [];
  idx.forEach((at) => {
    // A tool between two arrows ("→ Debezium →", "→ Lambda →") is not a system: the chain skips it.
    const left = ms.filter((i) => mentions[i]!.start >= a && mentions[i]!.start < at).at(-1);
    const right = ms.find((i) => mentions[i]!.start > at && mentions[i]!.start < b);
    if (left === undefined || right === undefined) return;
    const [src, dst] = tokens[at]!.kind === 'arrow' ? [left, right] : [right, left];
    // "hubspot deals -> quickbooks invoices": each side names its own record, so the data says what becomes what.
    const own = (i: number) => joinTexts(runs.filter((r) => r.owner === i));
    const mapped = idx.length === 1 && own(src) && own(dst) && runs.every((r) => r.owner === src || r.owner === dst) ? `${own(src)} → ${own(dst)}` : undefined;
    if (mentions[src]!.key !== mentions[dst]!.key) flows.push(withData({ from: mentions[src]!.key, to: mentions[dst]!.key }, mapped ?? data));
  });
  return flows.length > 0 ? flows : undefined;
}

function directional(tokens: Token[], mentions: Mention[], ms: number[], range: Range): SentenceFlows {
  const roles = new Map<number, Role>();
  const joined = new Map<number, number>();
  for (const i of ms) {
    const r = roleOf(tokens, mentions, i, range);
    roles.set(i, r.role);
    if (r.joinedTo !== undefined) joined.set(i, r.joinedTo);
  }
  // Chained names inherit the role of the name they are joined to ("from Shopify and Magento").
  for (const i of ms) {
    let j = joined.get(i);
    while (j !== undefined && roles.get(j) === 'none' && joined.has(j)) j = joined.get(j);
    if (j !== undefined) roles.set(i, roles.get(j) ?? 'none');
  }
  for (const i of ms) {
    if (roles.get(i) !== 'with') continue;
    const verb = verbBefore(tokens, mentions[i]!.start, range[0]);
    roles.set(i, verb && WITH_SOURCE_VERBS.has(verb) ? 'from' : 'none');
  }
  const by = (r: Role) => ms.filter((i) => roles.get(i) === r);
  let srcs = by('from');
  let dsts = by('to');
  const located = by('in');
  if (dsts.length === 0 && located.length > 0) dsts = located;
  else if (srcs.length === 0 && located.length > 0) srcs = located;
  const unmarked = by('none').filter((i) => !srcs.includes(i) && !dsts.includes(i));
  const hasWith = ms.some((i) => roleOf(tokens, mentions, i, range).role === 'with');
  if (srcs.length === 0 && dsts.length > 0) srcs = unmarked;
  else if (dsts.length === 0 && srcs.length > 0 && !hasWith) dsts = unmarked;

  const runs = dataRuns(tokens, mentions, range);
  const groupOf = (i: number) => new Set([i, ...ms.filter((j) => joined.get(j) === i || joined.get(i) === j)]);
  const flows: KeyFlow[] = [];
  for (const s of srcs) {
    for (const d of dsts) {
      if (mentions[s]!.key === mentions[d]!.key) continue;
      const others = new Set(srcs.filter((o) => !groupOf(s).has(o)));
      flows.push(withData({ from: mentions[s]!.key, to: mentions[d]!.key }, composeData(runs, groupOf(s), groupOf(d), others)));
    }
  }
  const half: HalfFlow[] = [];
  if (flows.length === 0) {
    const data = joinTexts(runs);
    if (srcs.length > 0 && dsts.length === 0) for (const s of srcs) half.push(withData({ from: mentions[s]!.key }, data));
    if (dsts.length > 0 && srcs.length === 0) for (const d of dsts) half.push(withData({ to: mentions[d]!.key }, data));
  }
  return { flows, half };
}

function parseClause(tokens: Token[], mentions: Mention[], range: Range): SentenceFlows {
  const ms = mentions.map((_, i) => i).filter((i) => inRange(mentions[i]!, range));
  if (ms.length === 0) return { flows: [], half: [] };
  const two = bidirectional(tokens, mentions, ms, range);
  if (two) return { flows: two, half: [] };
  const chain = arrows(tokens, mentions, ms, range);
  if (chain) return { flows: chain, half: [] };
  return directional(tokens, mentions, ms, range);
}

export function parseSentenceFlows(tokens: Token[], mentions: Mention[]): SentenceFlows {
  if (mentions.length === 0) return { flows: [], half: [] };
  const fromTrigger = triggered(tokens, mentions);
  if (fromTrigger && fromTrigger.flows.length > 0) return fromTrigger;
  const out: SentenceFlows = { flows: [], half: [] };
  for (const range of clauses(tokens, [0, tokens.length], FLOW_VERBS)) {
    const r = parseClause(tokens, mentions, range);
    out.flows.push(...r.flows);
    out.half.push(...r.half);
  }
  // "pull orders from Shopify and push them to NetSuite": a source-only clause meets a target-only clause.
  const sources = out.half.filter((h) => h.from && !h.to);
  const targets = out.half.filter((h) => h.to && !h.from);
  if (sources.length > 0 && targets.length > 0) {
    for (const s of sources) for (const t of targets) if (s.from !== t.to) out.flows.push(withData({ from: s.from!, to: t.to! }, s.data ?? t.data));
    out.half = [];
  }
  if (out.flows.length === 0 && fromTrigger) return fromTrigger;
  return out;
}
