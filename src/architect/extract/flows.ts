/**
 * Reads flow directions and data phrases from one sentence, given the systems it mentions.
 * Flows use mention keys; the caller turns keys into the user's system names.
 */
import {
  ACTION_VERBS,
  BIDIRECTIONAL_MARKERS,
  CONJUNCTIONS,
  DETERMINERS,
  EMPTY_DATA,
  FILLER,
  FLOW_VERBS,
  FROM_PREPS,
  JOINERS,
  LOCATION_PREPS,
  NOISE,
  PREPOSITIONS,
  TO_PREPS,
  TRIGGER_WORDS,
  VERB_NOUNS,
  WITH_SOURCE_VERBS,
} from './lexicon.js';
import type { Mention } from './mentions.js';
import { eventPhrase, plural } from './phrases.js';
import { GAP, type Token } from './text.js';

export interface KeyFlow {
  from: string;
  to: string;
  data?: string;
}

/** A flow with one end unknown, completed later when the whole text names exactly one other system. */
export interface HalfFlow {
  from?: string;
  to?: string;
  data?: string;
}

export interface SentenceFlows {
  flows: KeyFlow[];
  half: HalfFlow[];
}

type Range = [number, number];
type Role = 'from' | 'to' | 'in' | 'with' | 'none';

interface Run {
  start: number;
  end: number;
  text: string;
  /** Mention index the run describes, if it sits right after it or right before "from/in/of" + it. */
  owner?: number;
  as: boolean;
}

const inRange = (m: Mention, [a, b]: Range) => m.start >= a && m.start < b;

function mentionIndexAt(mentions: Mention[], k: number): number {
  return mentions.findIndex((m) => k >= m.start && k < m.tailEnd);
}

function prevSignificant(tokens: Token[], k: number, floor: number): number {
  let p = k - 1;
  while (p >= floor && tokens[p]!.kind === 'word' && DETERMINERS.has(tokens[p]!.lower)) p--;
  return p;
}

/** Content phrases in a range, each tied to the system it qualifies where the wording shows it. */
function dataRuns(tokens: Token[], mentions: Mention[], [a, b]: Range): Run[] {
  const runs: Run[] = [];
  let cur: number[] = [];
  let pendingJoiners: number[] = [];
  const flush = () => {
    if (cur.length > 0) {
      const start = cur[0]!;
      const end = cur.at(-1)! + 1;
      const words = cur.map((k) => tokens[k]!);
      if (!words.every((w) => NOISE.has(w.lower) || EMPTY_DATA.has(w.lower) || w.text === ',' || JOINERS.has(w.lower))) {
        const joined = words.map((w) => w.text).join(' ').replace(/\s+,/g, ',');
        // A capital that only marks the sentence start is not part of the data's name ("Events from Stripe").
        const text = start === 0 && /^[A-Z][a-z]/.test(joined) ? joined[0]!.toLowerCase() + joined.slice(1) : joined;
        const before = prevSignificant(tokens, start, a);
        const prevMention = mentionIndexAt(mentions, before);
        let owner = prevMention >= 0 && mentions[prevMention]!.tailEnd === before + 1 ? prevMention : undefined;
        const next = tokens[end];
        if (owner === undefined && next && /^(from|in|on|at|of)$/.test(next.lower)) {
          let n = end + 1;
          while (n < b && tokens[n]!.kind === 'word' && DETERMINERS.has(tokens[n]!.lower)) n++;
          const m = mentionIndexAt(mentions, n);
          if (m >= 0 && mentions[m]!.start === n) owner = m;
        }
        runs.push({ start, end, text, as: tokens[before]?.lower === 'as', ...(owner !== undefined ? { owner } : {}) });
      }
    }
    cur = [];
    pendingJoiners = [];
  };
  for (let k = a; k < b; k++) {
    const t = tokens[k]!;
    if (mentionIndexAt(mentions, k) >= 0) {
      flush();
      continue;
    }
    if (t.kind === 'word' && DETERMINERS.has(t.lower)) continue;
    if ((t.kind === 'word' || t.text === ',') && JOINERS.has(t.lower) && cur.length > 0) {
      pendingJoiners.push(k);
      continue;
    }
    if (VERB_NOUNS.has(t.lower) && cur.length === 0 && !nounReading(tokens, mentions, k, a)) {
      flush();
      continue;
    }
    const stop =
      !(VERB_NOUNS.has(t.lower)) &&
      (t.kind !== 'word' ||
      FILLER.has(t.lower) ||
      FLOW_VERBS.has(t.lower) ||
      ACTION_VERBS.has(t.lower) ||
      PREPOSITIONS.has(t.lower) ||
      TRIGGER_WORDS.has(t.lower) ||
      CONJUNCTIONS.has(t.lower));
    if (stop) {
      flush();
      continue;
    }
    cur.push(...pendingJoiners, k);
    pendingJoiners = [];
  }
  flush();
  return runs.map((r) => (/^(webhooks?|webhook events?)$/i.test(r.text) ? { ...r, text: 'webhook events' } : r));
}

/**
 * Is an ambiguous word ("updates", "issues", "exports") a noun here? Inside a phrase or after a determiner
 * it is; at a clause start or before a determiner/system it is the verb; after a system name it is the verb
 * only when an object follows ("Shopify exports orders" vs "GitHub issues").
 */
function nounReading(tokens: Token[], mentions: Mention[], k: number, a: number): boolean {
  let p = k - 1;
  while (p >= a && tokens[p]!.text === GAP) p--;
  const prev = p >= a ? tokens[p] : undefined;
  const next = tokens[k + 1];
  if (prev && prev.kind === 'word' && DETERMINERS.has(prev.lower)) return true;
  const nextIsObject = !!next && next.kind === 'word' && (DETERMINERS.has(next.lower) || mentionIndexAt(mentions, k + 1) >= 0);
  if (prev && /^(to|should|must|will|would|can|could|shall|may|might|please)$/.test(prev.lower)) return false;
  // At a clause start an imperative is a verb ("Sync contacts…"), a plural is a noun ("Events from Stripe…").
  if (!prev || prev.kind !== 'word' || /^(and|then|also|that|which)$/.test(prev.lower)) {
    return /[^s]s$/.test(tokens[k]!.lower) && !nextIsObject;
  }
  if (mentionIndexAt(mentions, p) >= 0) {
    return !(next && next.kind === 'word' && !PREPOSITIONS.has(next.lower) && !CONJUNCTIONS.has(next.lower) && !FILLER.has(next.lower));
  }
  return !nextIsObject;
}

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

function joinTexts(runs: Run[]): string | undefined {
  const texts = [...new Set(runs.map((r) => r.text))];
  return texts.length > 0 ? texts.join(', ') : undefined;
}

/** Data for src → dst from the runs: "payments", or "payments → opportunities", or "orders as sales orders". */
function composeData(runs: Run[], srcGroup: Set<number>, dstGroup: Set<number>, otherOwners: Set<number>): string | undefined {
  const asRuns = runs.filter((r) => r.as);
  const srcSide = runs.filter((r) => !r.as && (r.owner === undefined ? true : srcGroup.has(r.owner)) && !(r.owner !== undefined && otherOwners.has(r.owner)));
  const dstSide = runs.filter((r) => !r.as && r.owner !== undefined && dstGroup.has(r.owner) && !srcGroup.has(r.owner));
  const src = joinTexts(srcSide.filter((r) => !dstSide.includes(r)));
  const dst = joinTexts(dstSide);
  const as = joinTexts(asRuns);
  if (src && as) return `${src} as ${as}`;
  if (src && dst) return `${src} → ${dst}`;
  return src ?? dst ?? as;
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
    (between >= 0 && ms.filter((i) => mentions[i]!.start > a + between).length >= 2);
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

function withData<T extends HalfFlow>(flow: T, data: string | undefined): T {
  return data ? { ...flow, data } : flow;
}

function arrows(tokens: Token[], mentions: Mention[], ms: number[], range: Range): KeyFlow[] | undefined {
  const [a, b] = range;
  const idx: number[] = [];
  for (let k = a; k < b; k++) if (tokens[k]!.kind === 'arrow' || tokens[k]!.kind === 'back-arrow') idx.push(k);
  if (idx.length === 0) return undefined;
  const data = joinTexts(dataRuns(tokens, mentions, range));
  const flows: KeyFlow[] = [];
  idx.forEach((at, n) => {
    const lo = n > 0 ? idx[n - 1]! : a;
    const hi = idx[n + 1] ?? b;
    const left = ms.filter((i) => mentions[i]!.start >= lo && mentions[i]!.start < at).at(-1);
    const right = ms.find((i) => mentions[i]!.start > at && mentions[i]!.start < hi);
    if (left === undefined || right === undefined) return;
    const [src, dst] = tokens[at]!.kind === 'arrow' ? [left, right] : [right, left];
    if (mentions[src]!.key !== mentions[dst]!.key) flows.push(withData({ from: mentions[src]!.key, to: mentions[dst]!.key }, data));
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

/** Splits "…, then push X to Y" / "… and send X to Y" into separate clauses. */
function clauses(tokens: Token[], [a, b]: Range, verbs: ReadonlySet<string>): Range[] {
  const cuts: number[] = [];
  for (let k = a + 1; k < b - 1; k++) {
    const t = tokens[k]!;
    if (!(t.text === ',' || /^(and|then|also|but)$/.test(t.lower))) continue;
    let n = k + 1;
    while (n < b && /^(and|then|also|,)$/.test(tokens[n]!.lower)) n++;
    if (n < b && verbs.has(tokens[n]!.lower) && k > a + 1) {
      cuts.push(k);
      k = n;
    }
  }
  const out: Range[] = [];
  let start = a;
  for (const c of cuts) {
    out.push([start, c]);
    start = c + 1;
  }
  out.push([start, b]);
  return out;
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

/** Finds "when/whenever/once/after/if X, Y" or "Y when X"; returns the event and action ranges. */
function trigger(tokens: Token[]): { event: Range; action: Range } | undefined {
  const n = tokens.length;
  const lower = tokens.map((t) => t.lower);
  let t = -1;
  let len = 1;
  for (let k = 0; k < n; k++) {
    if (TRIGGER_WORDS.has(lower[k]!) || (lower[k] === 'if' && k <= 1)) t = k;
    else if ((lower[k] === 'each' || lower[k] === 'every') && lower[k + 1] === 'time') [t, len] = [k, 2];
    else if (lower[k] === 'as' && lower[k + 1] === 'soon' && lower[k + 2] === 'as') [t, len] = [k, 3];
    else if (k === 0 && /^(on|for|upon)$/.test(lower[k]!) && /^(each|every|any|a|new)$/.test(lower[k + 1] ?? '')) t = k;
    if (t >= 0) break;
  }
  if (t < 0) return undefined;
  if (t <= 1) {
    const from = t + len;
    let sep = tokens.findIndex((x, k) => k > from && (x.text === ',' || x.lower === 'then'));
    if (sep < 0) sep = tokens.findIndex((x, k) => k > from + 1 && ACTION_VERBS.has(x.lower)) - 1;
    if (sep < from) return undefined;
    let actionStart = sep + 1;
    while (actionStart < n && /^(then|,)$/.test(lower[actionStart]!)) actionStart++;
    return { event: [from, sep + (tokens[sep]?.text === ',' || lower[sep] === 'then' ? 0 : 1)], action: [actionStart, n] };
  }
  const head = tokens.slice(0, t);
  if (!head.some((x) => ACTION_VERBS.has(x.lower) || FLOW_VERBS.has(x.lower))) return undefined;
  return { event: [t + len, n], action: [0, t] };
}

function eventWords(tokens: Token[], mentions: Mention[], [a, b]: Range): string[] {
  const words: string[] = [];
  for (let k = a; k < b; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || mentionIndexAt(mentions, k) >= 0 || DETERMINERS.has(t.lower) || NOISE.has(t.lower)) continue;
    const next = mentions.find((m) => m.start > k && prevSignificant(tokens, m.start, a) === k);
    if (next && PREPOSITIONS.has(t.lower)) continue;
    if (/^(then|we|you|someone)$/.test(t.lower)) continue;
    words.push(t.text);
  }
  return words;
}

const UPDATE_VERBS = new Set(['update', 'upsert', 'mark', 'set', 'sync', 'close']);
const ACTION_NOUNS: Record<string, string> = { notify: 'notifications', alert: 'alerts', page: 'pages', post: 'messages', send: 'messages' };

function actionPhrase(tokens: Token[], mentions: Mention[], range: Range): string | undefined {
  const [a, b] = range;
  const verbAt = tokens.findIndex((t, k) => k >= a && k < b && (ACTION_VERBS.has(t.lower) || FLOW_VERBS.has(t.lower)));
  const verb = verbAt >= 0 ? tokens[verbAt]!.lower : undefined;
  const obj = dataRuns(tokens, mentions, [verbAt >= 0 ? verbAt + 1 : a, b])[0]?.text;
  if (!obj) return verb ? ACTION_NOUNS[verb] : undefined;
  return verb && UPDATE_VERBS.has(verb) ? `${obj} updates` : plural(obj);
}

function triggered(tokens: Token[], mentions: Mention[]): SentenceFlows | undefined {
  const parts = trigger(tokens);
  if (!parts) return undefined;
  const inEvent = mentions.filter((m) => inRange(m, parts.event));
  const event = eventPhrase(eventWords(tokens, mentions, parts.event));
  const src = inEvent[0];
  if (!src) return undefined;
  const flows: KeyFlow[] = [];
  const half: HalfFlow[] = [];
  for (const action of clauses(tokens, parts.action, ACTION_VERBS)) {
    const dst = mentions.find((m) => inRange(m, action) && m.key !== src.key);
    const what = actionPhrase(tokens, mentions, action);
    const data = event && what ? `${event} → ${what}` : (event ?? what);
    if (dst) flows.push(withData({ from: src.key, to: dst.key }, data));
    else half.push(withData({ from: src.key }, data));
  }
  return { flows, half };
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
