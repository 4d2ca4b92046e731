/** Data phrases ("runs") in a token range, tied to the systems they qualify, and clause splitting. */
import {
  ACTION_VERBS,
  CONJUNCTIONS,
  DETERMINERS,
  EMPTY_DATA,
  FILLER,
  FLOW_VERBS,
  JOINERS,
  NOISE,
  OWNERSHIP_WORDS,
  PREPOSITIONS,
  TRIGGER_WORDS,
  VERB_NOUNS,
} from './lexicon.js';
import type { HalfFlow } from './flow-types.js';
import type { Mention } from './mentions.js';
import { GAP, type Token } from './text.js';

export type Range = [number, number];

export interface Run {
  start: number;
  end: number;
  text: string;
  /** Mention index the run describes, if it sits right after it or right before "from/in/of" + it. */
  owner?: number;
  as: boolean;
}

export const inRange = (m: Mention, [a, b]: Range) => m.start >= a && m.start < b;

export function mentionIndexAt(mentions: Mention[], k: number): number {
  return mentions.findIndex((m) => k >= m.start && k < m.tailEnd);
}

export function prevSignificant(tokens: Token[], k: number, floor: number): number {
  let p = k - 1;
  while (p >= floor && tokens[p]!.kind === 'word' && DETERMINERS.has(tokens[p]!.lower)) p--;
  return p;
}

/** Content phrases in a range, each tied to the system it qualifies where the wording shows it. */
const QUALIFIERS = new Set('new updated changed deleted closed paid unpaid failed cancelled canceled completed active archived approved rejected open opened pending refunded shipped all'.split(' '));
const PURPOSES = new Set('finance accounting dashboards dashboard reporting reports analytics bi audit audits auditing compliance ml forecasting marketing sales support ops operations monitoring alerting analysis analysts search email emails flows campaigns automation automations personalization segmentation'.split(' '));
const PEOPLE = new Set('team teams folks squad squads department departments org staff'.split(' '));

export function dataRuns(tokens: Token[], mentions: Mention[], [a, b]: Range): Run[] {
  const runs: Run[] = [];
  let cur: number[] = [];
  let pendingJoiners: number[] = [];
  const flush = () => {
    // "contact sync", "lead sync": the words that name the moving, not the thing moved, fall off the ends.
    // "order updates" keeps its second word: an update is a thing that moves.
    const act = (k: number) => EMPTY_DATA.has(tokens[k]!.lower) && !/^updates?$/.test(tokens[k]!.lower);
    while (cur.length > 1 && act(cur.at(-1)!)) cur.pop();
    while (cur.length > 1 && (act(cur[0]!) || JOINERS.has(tokens[cur[0]!]!.lower))) cur.shift();
    if (cur.length > 0) {
      const start = cur[0]!;
      const end = cur.at(-1)! + 1;
      const words = cur.map((k) => tokens[k]!);
      // "for finance", "for dashboards", "the analytics team": who or what it is for, not what moves.
      // "our benefits provider (ADP)": words that say what the system in brackets after them is.
      if (tokens[end]?.text === '(' && mentionIndexAt(mentions, end + 1) >= 0) {
        cur = [];
        return;
      }
      // "10 concurrency (SuiteCloud Plus)": an aside right after a quantity qualifies it, it is not data.
      if (tokens[start - 1]?.text === '(' && tokens[start - 2]?.text === GAP) {
        cur = [];
        return;
      }
      // "order events for email flows": what follows "for" is the purpose, cut off the run.
      const forAt = words.findIndex((w, k) => k > 0 && w.lower === 'for' && words.slice(k + 1).every((x) => PURPOSES.has(x.lower) || PEOPLE.has(x.lower)));
      if (forAt > 0) {
        cur = cur.slice(0, forAt);
        flush();
        return;
      }
      // "zendesk incremental export api", "the bulk endpoint": a part of a system, named for its limit, not data.
      const part = words.length > 1 && /^(?:api|apis|endpoint|endpoints)$/.test(words.at(-1)!.lower);
      const forWhom = part || (tokens[start - 1]?.lower === 'for' && words.every((w) => PURPOSES.has(w.lower) || PEOPLE.has(w.lower))) || PEOPLE.has(words.at(-1)!.lower);
      if (!forWhom && !words.every((w) => NOISE.has(w.lower) || EMPTY_DATA.has(w.lower) || w.text === ',' || JOINERS.has(w.lower))) {
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
    if (t.kind === 'word' && (DETERMINERS.has(t.lower) || OWNERSHIP_WORDS.has(t.lower))) continue;
    // A Slack channel ("post to #churn") is where a message goes, never the data.
    if (t.kind === 'word' && tokens[k - 1]?.text === '#') {
      flush();
      continue;
    }
    if ((t.kind === 'word' || t.text === ',') && JOINERS.has(t.lower) && cur.length > 0) {
      pendingJoiners.push(k);
      continue;
    }
    if (VERB_NOUNS.has(t.lower) && (cur.length === 0 || cur.every((c) => NOISE.has(tokens[c]!.lower))) && !nounReading(tokens, mentions, k, a)) {
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
  // "new Calendly bookings", "paid Stripe invoices": a qualifier before a system name goes with the noun after it.
  for (let r = runs.length - 2; r >= 0; r--) {
    const q = runs[r]!;
    const next = runs[r + 1]!;
    const m = mentions.find((x) => x.start === q.end && x.tailEnd === next.start);
    if (m && q.text.split(/\s+/).every((w) => QUALIFIERS.has(w.toLowerCase()))) runs.splice(r, 2, { ...next, start: q.start, text: `${q.text} ${next.text}`, owner: mentions.indexOf(m) });
  }
  return runs.map((r) => (/^(webhooks?|webhook events?)$/i.test(r.text) ? { ...r, text: 'webhook events' } : r));
}

/**
 * Is an ambiguous word ("updates", "issues", "exports") a noun here? Inside a phrase or after a determiner
 * it is; at a clause start or before a determiner/system it is the verb; after a system name it is the verb
 * only when an object follows ("Shopify exports orders" vs "GitHub issues").
 */
export function nounReading(tokens: Token[], mentions: Mention[], k: number, a: number): boolean {
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
  // "the nightly job exports conversations": a noun before and a noun after make it the verb.
  if (prev && prev.kind === 'word' && NOISE.has(prev.lower) && next && next.kind === 'word' && !PREPOSITIONS.has(next.lower) && !CONJUNCTIONS.has(next.lower) && !FILLER.has(next.lower)) return false;
  return !nextIsObject;
}

export function joinTexts(runs: Run[]): string | undefined {
  const texts = [...new Set(runs.map((r) => r.text))];
  return texts.length > 0 ? texts.join(', ') : undefined;
}

/** Data for src → dst from the runs: "payments", or "payments → opportunities", or "orders as sales orders". */
export function composeData(runs: Run[], srcGroup: Set<number>, dstGroup: Set<number>, otherOwners: Set<number>): string | undefined {
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

export function withData<T extends HalfFlow>(flow: T, data: string | undefined): T {
  return data ? { ...flow, data } : flow;
}

/** Splits "…, then push X to Y" / "… and send X to Y" into separate clauses. */
export function clauses(tokens: Token[], [a, b]: Range, verbs: ReadonlySet<string>): Range[] {
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
