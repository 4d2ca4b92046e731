/**
 * Every quantity a sentence states, with its role: how much flows (per day, at peak, a peak multiplier), how
 * fast it must arrive, how long an outage must be survived, how long a call takes, how big a record is, how
 * much history to backfill — and limits of every kind (a rate, requests in flight, a daily or monthly quota, a
 * points budget, or a limit nobody knows the size of). The role comes from the words around the number, so a
 * daily API quota is never read as the daily volume, and a login limit is never read as traffic.
 */

import type { RateLimitInput } from '../inputs.js';

export type QuantityRole = 'volume' | 'peak' | 'peak-factor' | 'latency' | 'outage' | 'call-latency' | 'record-size' | 'backfill' | 'limit' | 'interval' | 'count' | 'population' | 'clock' | 'byte-rate' | 'file-size';

export interface Quantity {
  role: QuantityRole;
  /** volume and peak: events per day; byte-rate: bytes per day; durations: seconds; clock: seconds after midnight; peak-factor: ×; record-size: bytes; backfill: records. */
  value: number;
  /** For limits: the typed reading and the person's words. */
  limit?: Omit<RateLimitInput, 'system'>;
  /** Where it is written (the number, its unit and the words that gave it its role). */
  span: [number, number];
  /** The parts of `span` that are not data: object words ("orders" in "40k orders a day") stay readable. */
  consumed: [number, number][];
  /** Where the quantity sits, for attaching a limit to the system it is about. */
  at: number;
  /** "their API", "its limit", "our side": who the words say the quantity belongs to. */
  owner: 'theirs' | 'ours' | null;
  /** A volume said per person or per place ("~15 changes per day each"): multiply by the population stated. */
  each?: boolean;
  /** What is counted ("quote requests", "rows", "file"), when the words say. */
  object?: string;
  /** A limit read only from its unit ("20k calls/day", no word saying it is a limit): the caller may find the calls are the data. */
  byUnits?: boolean;
}

const NUM = String.raw`(\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?!\d)|\d+(?:\.\d+)?)`;
const MULT = String.raw`(?:\s*(k|K|mm|MM|m|M|b|bn|B|thousand|million|mil|billion)\b)?`;

const DAY = 86_400;
const WINDOWS: [RegExp, number][] = [
  [/^(?:ms|millis(?:econds?)?)$/, 0.001],
  [/^(?:s|secs?|seconds?|sec)$/, 1],
  [/^(?:m|mins?|minutes?)$/, 60],
  [/^(?:h|hrs?|hours?|hourly)$/, 3600],
  [/^(?:d|days?|daily|24\s*h(?:ours|rs)?|nightly|nights?)$/, DAY],
  [/^(?:w|wks?|weeks?|weekly)$/, 7 * DAY],
  [/^(?:mo|months?|monthly)$/, 30 * DAY],
  [/^(?:y|yrs?|years?|yearly|annually)$/, 365 * DAY],
];

export function unitSeconds(unit: string): number | undefined {
  const u = unit.toLowerCase().trim();
  return WINDOWS.find(([re]) => re.test(u))?.[1];
}

export function amount(num: string, mult?: string): number {
  const n = Number(num.replace(/[,\u202f\u00a0 ]/g, ''));
  const m = mult ?? '';
  if (/^(?:k|thousand)$/i.test(m)) return n * 1e3;
  if (/^(?:m|mm|million|mil)$/i.test(m)) return n * 1e6;
  if (/^(?:b|bn|billion)$/i.test(m)) return n * 1e9;
  return n;
}

/** Words that make a number a limit on someone's API rather than the traffic. */
const LIMIT_WORDS =
  /\b(?:(?:our|the|my|their)\s+(?:plan|tier|subscription|licen[cs]e|edition)\s+(?:gets|has|includes|comes\s+with|is\s+entitled\s+to)|allocation|entitle(?:d|ment)|allowance|rate[\s-]?limit(?:ed|s|ing)?|limit(?:ed|s)?|quota|allow(?:s|ed|ing)?|lets?\s+us|caps?|capped|throttl\w*|max(?:imum)?|at\s+most|no\s+more\s+than|up\s+to|only\s+(?:take|accept|handle)s?|(?:can|will)\s+(?:only\s+)?(?:take|accept|handle)|budget|ceiling|hard\s+limit|per[\s-](?:user|token|app|account|tenant|org|key|ip)\s+limit)\b/i;
const ORG_ALLOWANCE = /\b(?:our|the|my|their)\s+(?:org|organi[sz]ation|account|tenant|instance|workspace)\s+(?:gets|has|includes|is\s+entitled\s+to)\s*(?:about\s+|around\s+|~\s*)?$/i;
const CONCURRENCY_WORDS = /\b(?:concurrent(?:ly)?|in[\s-]+flight|in\s+parallel|parallel|simultaneous(?:ly)?|at\s+(?:a\s+)?(?:once|the\s+same\s+time)|open\s+connections|connections)\b/i;
const PEAK_WORDS =
  /\b(?:peaks?(?:ing)?|busiest|burst(?:s|y)?|spik(?:es?|y)|black\s+friday|cyber\s+monday|holiday|season(?:al)?|launch(?:es)?|sale\s+days?|month[\s-]end|year[\s-]end|max(?:imum)?\s+(?:load|traffic|volume)|at\s+the\s+top|during\s+(?:the\s+|a\s+|our\s+)?(?:\w+\s+){0,2}(?:update|run|import|imports|sales?|launch|campaign|window|batch|job|hour|rush))\b/i;
const OUTAGE_WORDS = /\b(?:outages?|down(?:time)?|offline|unavailable|unreachable|maintenance(?:\s+window)?|goes\s+down|is\s+down|be\s+down|survive|ride\s+out|tolerate|blackouts?|dark)\b/i;
const LATENCY_WORDS = /\b(?:within|latency|lag|delay|fresh(?:ness)?|sla|real[\s-]?time|end[\s-]to[\s-]end|show\s+up|appear|visible|land|arrive|reflected|in\s+under|under|less\s+than|no\s+later\s+than|by\s+the\s+time|delayed\s+by|behind)\b/i;
const CALL_WORDS = /\b(?:each\s+call|a\s+call|calls?\s+takes?|calls?\s+take|takes?\b(?:\s+(?:about|around|roughly|~))?|response\s+times?|responds?\s+in|round[\s-]?trip|p(?:50|95|99)|slow(?:ly)?|per\s+(?:call|request|mutation|query|operation|write|lookup|api\s+call))\b/i;
const BACKFILL_WORDS = /\b(?:backfill(?:ing|ed)?|historical|history|existing|back[\s-]?load|initial\s+(?:load|sync|import)|one[\s-]?time\s+(?:load|import|migration)|migrate|archive|last\s+\d+\s+years?)\b/i;
const UNKNOWN_LIMIT =
  /\b(?:rate[\s-]?limits?|limits?|quota|throttling)\b[^.;\n]{0,60}?\b(?:unknown|not\s+(?:known|documented|published|public)|undocumented|unclear|no\s+idea|nobody\s+knows|don'?t\s+know|do\s+not\s+know|tbd|to\s+be\s+confirmed|ask\s+(?:the\s+)?vendor|(?:won'?t|will\s+not|refuses?\s+to|didn'?t|did\s+not)\s+(?:say|tell|share|publish|disclose))|\b(?:unknown|undocumented|unpublished)\s+(?:rate[\s-]?)?(?:limits?|quota)\b|\b(?:don'?t|do\s+not)\s+know\s+(?:the|their|its)\s+(?:rate[\s-]?)?(?:limits?|quota)\b/gi;

/** Text before and after a match, cut at clause boundaries so a cue in another clause does not count. */
function context(text: string, start: number, end: number): { before: string; after: string } {
  const rawBefore = text.slice(Math.max(0, start - 70), start);
  const cut = Math.max(rawBefore.lastIndexOf(';'), rawBefore.lastIndexOf(','), rawBefore.lastIndexOf('. '), rawBefore.search(/\b(?:but|while|whereas|however)\b[^]*$/i));
  const before = cut >= 0 ? rawBefore.slice(cut + 1) : rawBefore;
  const rawAfter = text.slice(end, end + 50);
  const stop = rawAfter.search(/[;,]|[.]\s|\b(?:but|while|whereas|however|and)\b/i);
  return { before, after: stop >= 0 ? rawAfter.slice(0, stop) : rawAfter };
}

function ownerOf(before: string, after: string): Quantity['owner'] {
  const near = `${before.slice(-45)} ${after.slice(0, 15)}`;
  if (/\b(?:their|its|the\s+vendor'?s?|the\s+partner'?s?|they)\b/i.test(near)) return 'theirs';
  if (/\b(?:our|we)\b/i.test(near)) return 'ours';
  return null;
}

/** Masks consumed text with spaces (same length), so later readers skip it and offsets stay valid. */
class Masked {
  text: string;
  readonly ranges: [number, number][] = [];
  constructor(text: string) {
    this.text = text;
  }
  consume(start: number, end: number): void {
    if (end <= start) return;
    this.text = this.text.slice(0, start) + ' '.repeat(end - start) + this.text.slice(end);
    this.ranges.push([start, end]);
  }
}

const WINDOW = String.raw`(seconds?|secs?|sec|s|minutes?|mins?|min|m|hours?|hrs?|hr|h|days?|d|24\s*h(?:ours|rs)?|nights?|weeks?|wk|w|months?|mo|years?|yr)`;
/** "25k calls per day", "200/s", "10 req/min", "5,000 requests an hour per user", "2 per second", "40k orders daily". */
const RATE = new RegExp(
  String.raw`(?<![\w.])(?:~\s*|≈\s*|about\s+|around\s+|roughly\s+|approx(?:imately|\.)?\s+|up\s+to\s+)?${NUM}${MULT}\s*((?:[A-Za-z][\w-]*(?:\/[A-Za-z][\w-]{2,})?(?:\s+|(?=\/))){0,3}?)(?:per\s+(?!(?:second|sec|minute|min|hour|hr|day|week|month|year|night)s?\b)[a-z]+\s+)?(?:(?:per\s*|each\s*|every\s*|\/\s*|\ba\s+|\ban\s+)(?:(\d+)\s*-?\s*)?${WINDOW}\b|(daily|hourly|nightly|weekly|monthly)\b|(rps|tps|qps|eps|rpm|rph)\b)`,
  'gid',
);
/** "10 concurrent requests", "5 requests at a time", "a concurrency limit of 4". */
const CONCURRENT = new RegExp(
  String.raw`(?<![\w.])${NUM}\s*(?:concurrent|concurrency|parallel|simultaneous|in[\s-]flight)\s*(?:api\s+)?(?:requests?|calls?|connections?|jobs?|queries|sessions?|workers?)?|(?<![\w.])${NUM}\s*(?:api\s+)?(?:requests?|calls?|connections?|queries|sessions?)\s+(?:at\s+(?:a\s+time|once|the\s+same\s+time)|in\s+parallel|concurrently|in[\s-]flight|simultaneously)|\bconcurrency\s+(?:limit\s+)?(?:of|is|at|:|=)?\s*(?:max\s+)?${NUM}`,
  'gi',
);
/** A points budget: "1,000-point bucket that restores 50 points a second", "cost limit 1000, restore rate 50/s". */
const POINTS = new RegExp(
  String.raw`${NUM}\s*-?\s*(?:cost\s+)?points?\b[^.;\n]{0,50}?\b(?:restor\w*|refill\w*|leak\w*|regenerat\w*)\s*(?:at\s+|rate\s+(?:of\s+)?)?${NUM}\s*(?:points?\s*)?(?:\/|per|a|each)\s*(?:s|sec|second)\b`,
  'gi',
);
const RU = new RegExp(String.raw`(?<![\w.])${NUM}${MULT}\s*(?:RU\/s|RUs?\s*(?:\/|per)\s*(?:s|sec|second)|request\s+units?\s+(?:\/|per|a)\s*(?:s|sec|second))`, 'gi');
const PERIOD_WORDS: Record<string, number> = { daily: DAY, hourly: 3600, monthly: 30 * DAY };
const QUOTA_NAMED = new RegExp(
  String.raw`\b(daily|hourly|monthly)\s+(?:api\s+)?(?:call\s+|request\s+)?(?:quota|limit|allowance|allocation|budget)\s*(?:\(|of\s+|is\s+|:\s*|=\s*)(?:~\s*|about\s+|around\s+|roughly\s+)?${NUM}${MULT}\s*(?:api\s+)?(?:calls?|requests?|reqs?)?\)?`,
  'gi',
);
/** "we can only use 20% of …", "our share is 30%": a part of a limit that is ours. */
const SHARE = /(?<![\w.])(\d{1,2}(?:\.\d+)?)\s*(?:%|percent\b)/gi;
const SHARE_CUE = /\b(?:use|get|have|take|consume|allowed|allocated|budget(?:ed)?|share|reserved?|only|at\s+most|up\s+to|max(?:imum)?|no\s+more\s+than)\b/i;
/** "shared with other tools": a limit others draw from too. */
const SHARED_AFTER = /^\s*(?:\)\s*)?(?:,\s*)?(?:which\s+is\s+|is\s+|are\s+)?(shared\s+(?:with|across|between|by)\s+(?:\w+\s+){0,3}?(?:tools?|integrations?|apps?|teams?|systems?|services?|jobs?|scripts?|users?|everyone|others))\b/i;

/** A number right after these names a document type ("EDI 850", "X12 856"), not an amount. */
const DOC_TYPE_BEFORE = /\b(?:EDI|X12|ANSI\s+X12|EDIFACT|TS)\s*$/i;

const FIXED_SIZE =
  /\b(?:warehouse|cluster|instance|compute|plan|tier)\s+is\s+(?:an?\s+|only\s+|just\s+)?(X-?Small|XS|X-?Large|XL|Small|Medium|Large)\b(?:[^.;]{0,50}?\b(?:won'?t|will\s+not|can'?t|cannot|not\s+allowed|no\s+budget)\b[^.;]{0,30})?/gi;

/** People and places counted: a volume said "each" is multiplied by them. */
const POPULATION = /^(?:employees|users|people|customers|agents|members|seats|stores|locations|sites|shops|drivers|devices|sellers|merchants)$/;

/** Things counted that are not records moving: people, places, accounts, slots, errors. */
const COUNTED_NOT_TRAFFIC =
  /^(?:employees|users|people|customers|engineers|agents|staff|members|seats|stores|locations|sites|shops|accounts|tenants|companies|mailboxes|channels|workers|instances|replicas|nodes|shards|partitions|slots|connections|years|months|weeks|days|hours|minutes|seconds|ms|times|retries|attempts|percent|errors|failures|requests|calls|points|tables|columns|fields|teams|regions|countries|apps|services|systems|webinars|registrants|places|destinations|sources|targets|sinks)$/;
const SCOPE_AFTER = /^\s*(?:per|for\s+each|each)\s+(user|app|application|account|tenant|org(?:anization)?|token|api\s+key|key|ip|store|shop|seller|company|realm|mailbox|channel|base|workspace|project|installation|consumer|client|device|partner|table|endpoint)\b/i;

/** The words just before a limit's number that say it is one: consumed with it. */
const LIMIT_LEAD =
  /(?:\b(?:(?:a|an|the|its|their|our)\s+)?(?:api\s+)?(?:rate[\s-]?)?(?:limits?|quota|cap)(?:\s+(?:us|them))?(?:\s+(?:is|are|of|at|to|=|:))?|\b(?:only\s+)?(?:allows?|permits?|lets\s+us\s+(?:make|do|send))(?:\s+(?:us|only|up\s+to|about|roughly|around))*|\bcap(?:s|ped)?\s+(?:us\s+)?(?:at|to)|\bthrottl\w*\s+(?:us\s+)?(?:at|to)|\bmax(?:imum)?(?:\s+of)?|\bup\s+to|\bno\s+more\s+than|\bat\s+most)\s*[:=]?\s*$/i;

const OBJECT_STOP = /^(?:retries|attempts|concurrent|parallel|seconds?|minutes?|hours?|days?|weeks?|months?|x|×)$/i;

const DURATION = new RegExp(String.raw`(?<![\w.])(?:~\s*|about\s+|around\s+|roughly\s+)?${NUM}\s*-?\s*(ms|milliseconds?|millis|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\b`, 'gid');
const WORD_DURATION = /\b(?:an?|one|the)\s+(second|minute|hour|day|week)\b/gi;
const FACTOR = new RegExp(String.raw`(?<![\w.])${NUM}\s*(?:x|×|times)(?![\w])`, 'gi');
const SIZE = new RegExp(String.raw`(?<![\w.])(?:~\s*|about\s+|around\s+)?${NUM}\s*(bytes?|b|kb|kib|mb|mib|gb|gib)\b(?!\s*(?:\/|per)\s*(?:s|sec|second))`, 'gi');
const COUNT = new RegExp(String.raw`(?<![\w.$€£])(?<![A-Z][\w.+-]*\s)(?:~\s*|about\s+|around\s+|roughly\s+|over\s+)?${NUM}${MULT}(?![\w%])`, 'gd');

function bytesOf(n: number, unit: string): number {
  const u = unit.toLowerCase();
  if (u === 'b' || u.startsWith('byte')) return n;
  if (u === 'kib') return n * 1024;
  if (u === 'kb' || u === 'k') return n * 1000;
  if (u === 'mib') return n * 1024 ** 2;
  if (u === 'mb') return n * 1e6;
  if (u === 'gib') return n * 1024 ** 3;
  if (u === 'tib') return n * 1024 ** 4;
  if (u === 'tb') return n * 1e12;
  if (u === 'pb') return n * 1e15;
  return n * 1e9;
}

function limitOf(text: string, value: number, windowSeconds: number, concurrent: boolean): Omit<RateLimitInput, 'system'> {
  const words = text.replace(/\s+/g, ' ').trim();
  if (concurrent) return { limit: words, type: 'concurrency', max: Math.max(1, Math.round(value)) };
  if (/\bpoints?\b|\bcost\b|\bcredits?\b/i.test(words)) return { limit: words, type: 'points', bucket: value, restorePerSecond: value / windowSeconds };
  if (windowSeconds >= DAY) return { limit: words, type: 'quota', amount: value, periodSeconds: windowSeconds };
  return { limit: words, type: 'rate', requests: value, windowSeconds };
}

/** A time of day: "6am", "9 p.m.", "06:30", "17:00 UTC". */
const CLOCK = /(?<![\w.:])(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?![\w])(?:\s*(?:UTC|GMT|CET|CEST|[ECMP][SD]?T)\b)?|(?<![\w.:])(\d{1,2}):(\d{2})(?!\d)(?:\s*(?:UTC|GMT|CET|CEST|[ECMP][SD]?T))?/gi;

function clockSeconds(match: RegExpMatchArray): number | undefined {
  const h = Number(match[1] ?? match[4]);
  const min = Number(match[2] ?? match[5] ?? 0);
  if (h > 23 || min > 59) return undefined;
  const half = match[3]?.toLowerCase().replace(/\./g, '');
  if (half && (h < 1 || h > 12)) return undefined;
  const hour = half === 'pm' ? (h % 12) + 12 : half === 'am' ? h % 12 : h;
  return hour * 3600 + min * 60;
}

/**
 * Times of day are not counts ("at 6am each day"). A delivery time and a deadline ("files land at 6am and must be
 * reconciled by 9am") give the time the data has to arrive in.
 */
function readClockTimes(m: Masked, out: Omit<Quantity, 'consumed'>[]): void {
  const times = [...m.text.matchAll(CLOCK)].flatMap((c) => {
    const seconds = clockSeconds(c);
    return seconds === undefined ? [] : [{ index: c.index, end: c.index + c[0].length, seconds, deadline: /\b(?:by|before|until|no\s+later\s+than|latest)\s*$/i.test(m.text.slice(Math.max(0, c.index - 20), c.index)) }];
  });
  for (const t of times) {
    out.push({ role: 'clock', value: t.seconds, span: [t.index, t.end], at: t.index, owner: null });
    m.consume(t.index, t.end);
  }
  const deadline = times.find((t) => t.deadline);
  const start = times.find((t) => !t.deadline && t.index < (deadline?.index ?? 0));
  if (!deadline || !start) return;
  const seconds = (deadline.seconds - start.seconds + DAY) % DAY;
  if (seconds > 0) out.push({ role: 'latency', value: seconds, span: [deadline.index, deadline.end], at: deadline.index, owner: null });
}

/** Reads every quantity in a sentence. */
export function readQuantities(sentence: string): Quantity[] {
  const out: Omit<Quantity, 'consumed'>[] = [];
  const m = new Masked(sentence);
  readClockTimes(m, out);

  // A limit nobody knows the size of: "rate limit unknown", "they won't tell us the quota".
  for (const match of m.text.matchAll(UNKNOWN_LIMIT)) {
    const { before, after } = context(sentence, match.index, match.index + match[0].length);
    out.push({
      role: 'limit',
      value: 0,
      limit: { limit: match[0].replace(/\s+/g, ' ').trim(), type: 'unknown' },
      span: [match.index, match.index + match[0].length],
      at: match.index,
      owner: ownerOf(before, after),
    });
    m.consume(match.index, match.index + match[0].length);
  }

  // A quota named before its number: "daily API quota (100k calls)", "monthly limit of 2M requests".
  for (const match of m.text.matchAll(QUOTA_NAMED)) {
    const window = PERIOD_WORDS[match[1]!.toLowerCase()];
    if (!window) continue;
    const value = amount(match[2]!, match[3]);
    const { before, after } = context(sentence, match.index, match.index + match[0].length);
    out.push({ role: 'limit', value, limit: limitOf(match[0].replace(/\s*\(\s*/, ' of ').replace(/\)/g, ''), value, window, false), span: [match.index, match.index + match[0].length], at: match.index, owner: ownerOf(before, after) });
    m.consume(match.index, match.index + match[0].length);
  }

  // A fixed compute size ("our Snowflake warehouse is X-Small and finance won't approve bigger"): a capacity limit
  // with no request figure, to be measured rather than assumed.
  for (const match of m.text.matchAll(FIXED_SIZE)) {
    const { before, after } = context(sentence, match.index, match.index + match[0].length);
    const fixed = /\b(?:won'?t|will\s+not|can'?t|cannot|not\s+allowed|no\s+budget)\b/i.test(match[0]);
    out.push({
      role: 'limit',
      value: 0,
      limit: { limit: `${match[1]} ${match[0].match(/\b(warehouse|cluster|instance|compute|plan|tier)\b/i)?.[1]?.toLowerCase() ?? 'size'}${fixed ? ' (no larger size approved)' : ''}`, type: 'unknown' },
      span: [match.index, match.index + match[0].length],
      at: match.index,
      owner: ownerOf(before, after),
    });
    m.consume(match.index, match.index + match[0].length);
  }

  // Points budgets, then requests in flight: neither has a window of its own.
  for (const match of m.text.matchAll(POINTS)) {
    const bucket = Number(match[1]!.replace(/,/g, ''));
    const restore = Number(match[2]!.replace(/,/g, ''));
    const { before, after } = context(sentence, match.index, match.index + match[0].length);
    out.push({
      role: 'limit',
      value: bucket,
      limit: { limit: match[0].replace(/\s+/g, ' ').trim(), type: 'points', bucket, restorePerSecond: restore },
      span: [match.index, match.index + match[0].length],
      at: match.index,
      owner: ownerOf(before, after),
    });
    m.consume(match.index, match.index + match[0].length);
  }
  for (const match of m.text.matchAll(CONCURRENT)) {
    const n = Number((match[1] ?? match[2] ?? match[3])!.replace(/,/g, ''));
    if (!Number.isFinite(n) || n < 1) continue;
    const { before, after } = context(sentence, match.index, match.index + match[0].length);
    const scope = SCOPE_AFTER.exec(after)?.[1];
    out.push({
      role: 'limit',
      value: n,
      limit: { limit: match[0].replace(/\s+/g, ' ').trim(), type: 'concurrency', max: Math.round(n), ...(scope ? { scope: `per ${scope.toLowerCase()}` } : {}) },
      span: [match.index, match.index + match[0].length],
      at: match.index,
      owner: ownerOf(before, after),
    });
    m.consume(match.index, match.index + match[0].length);
  }

  // Request units a second (Cosmos DB RU/s): a budget of cost points, refilled every second.
  for (const match of m.text.matchAll(RU)) {
    const n = amount(match[1]!, match[2]);
    const { before, after } = context(sentence, match.index, match.index + match[0].length);
    const cost = /costs?\s+(?:about\s+|around\s+|~\s*)?(\d+(?:\.\d+)?)\s*(?:RUs?|request units?|points?|credits?)/i.exec(sentence)?.[1];
    out.push({
      role: 'limit',
      value: n,
      limit: { limit: match[0].replace(/\s+/g, ' ').trim(), type: 'points', bucket: n, restorePerSecond: n, ...(cost ? { costPerCall: Number(cost) } : {}) },
      span: [match.index, match.index + match[0].length],
      at: match.index,
      owner: ownerOf(before, after),
    });
    m.consume(match.index, match.index + match[0].length);
  }

  // Sizes before rates: "4 KB per record" is a size, "5 MB/s" is neither (skipped by the pattern).
  for (const match of m.text.matchAll(SIZE)) {
    const { before, after } = context(m.text, match.index, match.index + match[0].length);
    if (/\b(?:payload|record|event|message|row|document|object|each|per|average|avg|body|file)s?\b/i.test(`${before.slice(-30)} ${after.slice(0, 25)}`) || /^b|^kb|^kib|^mb|^mib/i.test(match[2]!)) {
      const bytes = bytesOf(Number(match[1]!.replace(/,/g, '')), match[2]!);
      // "photos up to 10MB": the size of files that travel beside the records, not of a record.
      if (/\b(?:photos?|images?|pictures?|videos?|attachments?|pdfs?|scans?|recordings?|audio|media)\b/i.test(`${before.slice(-30)} ${after.slice(0, 15)}`)) {
        out.push({ role: 'file-size', value: bytes, span: [match.index, match.index + match[0].length], at: match.index, owner: null });
        m.consume(match.index, match.index + match[0].length);
        continue;
      }
      if (/\b(?:file|batch|export|dump)s?\b/i.test(`${before.slice(-20)} ${after.slice(0, 15)}`) && !/\b(?:record|row|event|message)\b/i.test(`${before} ${after}`)) continue;
      out.push({ role: 'record-size', value: bytes, span: [match.index, match.index + match[0].length], at: match.index, owner: null });
      m.consume(match.index, match.index + match[0].length);
    }
  }

  // Rates: traffic, peaks or limits.
  for (const match of m.text.matchAll(RATE)) {
    const objects = match[3]!.trim();
    if (objects.split(/\s+/).some((w) => OBJECT_STOP.test(w))) continue;
    // "EDI 850 files every hour": 850 names the document type (a purchase order), it counts nothing.
    if (DOC_TYPE_BEFORE.test(m.text.slice(0, match.index))) continue;
    // "200 GB/day" is bytes, not records: no event volume can be read from it.
    if (/^(?:[kmgtp]i?b|bytes?)$/i.test(objects)) {
      const per = unitSeconds(match[5] ?? match[6] ?? 'd') ?? DAY;
      out.push({ role: 'byte-rate', value: (bytesOf(amount(match[1]!, match[2]), objects) * DAY) / per, span: [match.index, match.index + match[0].length], at: match.index, owner: null });
      m.consume(match.index, match.index + match[0].length);
      continue;
    }
    const every = match[4] ? Number(match[4]) : 1;
    const unit = match[5] ?? match[6] ?? match[7] ?? 'd';
    let window = /^(?:rps|tps|qps|eps)$/i.test(unit) ? 1 : /^rpm$/i.test(unit) ? 60 : /^rph$/i.test(unit) ? 3600 : unitSeconds(unit);
    if (!window) continue;
    window *= every;
    // "every 5 minutes" with no count before it is a schedule, not a rate.
    const value = amount(match[1]!, match[2]);
    const start = match.index;
    const end = start + match[0].length;
    const { before, after } = context(m.text, start, end);
    const cue = `${before} ${match[0]} ${after}`;
    const owner = ownerOf(before, after);
    // Requests and calls are what an API counts: a limit, unless we are the ones making them ("we make 5k calls a day").
    const apiUnits = /^(?:api\s+)?(?:requests?|calls?|reqs?|hits|queries|operations|ops|points|credits|times)$/i.test(objects) || /^(?:rps|qps|rpm|rph)$/i.test(unit);
    const ourTraffic =
      /\b(?:we|we'll|we'd|we're)\s+(?:\w+\s+){0,2}(?:make|send|do|need|fire|issue|generate|expect|get|receive|handle|process|see)\b/i.test(before) ||
      /\b(?:steady|steadily|average|averages|avg|typical(?:ly)?|normal(?:ly)?|traffic|volume|load|runs?\s+(?:\S+\s+)?(?:at|on))\b/i.test(before);
    // "our org gets 50k event deliveries per day": what an org or account is given of the vendor's units is an allowance.
    const allowance = ORG_ALLOWANCE.test(before.slice(-45)) && /\b(?:deliver|call|request|api|event|message|email|credit|unit|point|quer|operation)/i.test(objects);
    const worded = allowance || LIMIT_WORDS.test(before.slice(-45)) || /^\s*(?:\(?(?:rate\s+)?limit|quota|cap|max(?:imum)?|ceiling|allowed|throttle)/i.test(after);
    const limitCue = worded || (apiUnits && !ourTraffic);
    const concurrent = CONCURRENCY_WORDS.test(cue);
    const upTo = /\bup\s+to\s*$/i.test(before) || /^\s*up\s+to\b/i.test(match[0]);
    const peak = PEAK_WORDS.test(`${before.slice(-50)} ${after.slice(0, 25)}`) || (upTo && !/\b(?:allow|limit|quota|cap)/i.test(cue));
    if (limitCue && !(peak && !/\b(?:limit|quota|allow|cap|throttl)/i.test(cue))) {
      const scope = SCOPE_AFTER.exec(after)?.[1];
      const limit = limitOf(`${match[0]}`, value, window, concurrent);
      out.push({ role: 'limit', value, limit: scope ? { ...limit, scope: `per ${scope.toLowerCase()}` } : limit, span: [start, end], at: start, owner, ...(worded ? {} : { byUnits: true, object: objects }) });
    } else if (concurrent) {
      continue;
    } else {
      const each = /^\s*(?:each|apiece|per\s+(?:person|user|employee|head|agent|store|location|device|seller|customer|driver|site|account))\b/i.test(after);
      out.push({ role: peak ? 'peak' : 'volume', value: (value * DAY) / window, span: [start, end], at: start, owner, ...(each ? { each } : {}), ...(objects ? { object: objects } : {}) });
    }
    // Keep the object words ("orders") for the data phrase; consume the number and the window, and for a limit
    // the words that made it one ("only allows", "limits us to").
    const [os, oe] = match.indices?.[3] ?? [start, start];
    const lead = out.at(-1)?.role === 'limit' && out.at(-1)?.span[0] === start ? LIMIT_LEAD.exec(m.text.slice(0, start))?.[0].length ?? 0 : 0;
    if (lead) out.at(-1)!.span[0] = start - lead;
    // "has a 10 req/min limit": the word that names it a limit goes with it.
    const tail = out.at(-1)?.role === 'limit' && out.at(-1)?.span[1] === end ? /^\s*(?:rate[\s-]?)?(?:limit|cap|quota|ceiling)\b/i.exec(m.text.slice(end))?.[0].length ?? 0 : 0;
    if (tail) {
      out.at(-1)!.span[1] = end + tail;
      m.consume(end, end + tail);
    }
    if (objects && !apiUnits) {
      m.consume(start - lead, os);
      m.consume(oe, end);
    } else m.consume(start - lead, end);
  }

  // Multipliers: "10x on Black Friday", "peaks at 5 times the average".
  for (const match of m.text.matchAll(FACTOR)) {
    const { before, after } = context(m.text, match.index, match.index + match[0].length);
    const cue = `${before.slice(-50)} ${after.slice(0, 40)}`;
    // "10x on Black Friday", "the 1st of the month is roughly 10x", "~5x that during imports": a multiple of the
    // traffic; "3x faster" or "3 retries" are not.
    if (/\b(?:retr(?:y|ies)|attempts?|faster|slower|cheaper|bigger|smaller|larger|more\s+expensive|speed|improvement|replicas?|instances?|workers?|nodes?)\b/i.test(cue)) continue;
    // "bursts to 10x on drops", "peaks at 5x during sales": the words around it say when, they are not data.
    const lead = /\b(?:bursts?|burst(?:ing|y)|spikes?|spiking|peaks?|peaking|jumps?|goes|go|up)\s+(?:up\s+)?(?:to|at|of|by)?\s*(?:~\s*|about\s+|around\s+|roughly\s+)?$/i.exec(m.text.slice(0, match.index));
    const end = match.index + match[0].length;
    const when = /^\s+(?:on|during|at|around|in|for)\s+(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:drops?|sales?|launch(?:es)?|days?|weekends?|holidays?|campaigns?|releases?|events?|season|peak|black\s+friday|cyber\s+monday|month[\s-]end)\b/i.exec(m.text.slice(end));
    const start = lead ? match.index - lead[0].length : match.index;
    const stop = when ? end + when[0].length : end;
    out.push({ role: 'peak-factor', value: Number(match[1]!.replace(/,/g, '')), span: [start, stop], at: match.index, owner: null });
    m.consume(start, stop);
  }

  // Durations: latency, outage, call latency, or a schedule.
  const durations = [...m.text.matchAll(DURATION)].map((d) => ({ index: d.index, text: d[0], seconds: Number(d[1]!.replace(/,/g, '')) * (unitSeconds(d[2]!) ?? NaN) }));
  for (const d of m.text.matchAll(WORD_DURATION)) durations.push({ index: d.index, text: d[0], seconds: unitSeconds(d[1]!) ?? NaN });
  for (const d of durations.sort((a, b) => a.index - b.index)) {
    if (!Number.isFinite(d.seconds) || d.seconds <= 0) continue;
    const start = d.index;
    const end = start + d.text.length;
    const { before, after } = context(m.text, start, end);
    const near = `${before.slice(-45)} ${after.slice(0, 30)}`;
    let role: QuantityRole | null = null;
    if (/\bevery\s*$/i.test(before)) role = 'interval';
    else if (OUTAGE_WORDS.test(near)) role = 'outage';
    else if (CALL_WORDS.test(near) && d.seconds < 120 && !/\b(?:sometimes|occasionally|under\s+load|worst|spikes?|up\s+to)\b/i.test(near)) role = 'call-latency';
    else if (/\btime[\s-]?outs?\b/i.test(near)) continue;
    else if (LATENCY_WORDS.test(near) || /\b(?:under|within)\s*$|[<≤]\s*$/i.test(before) || /^\s*(?:is|would\s+be|should\s+be)?\s*(?:fine|ok|okay|acceptable|enough|good)\b/i.test(after) || /\bla?te?n?c?y\b|\blatncy\b|\blatecy\b/i.test(before)) role = 'latency';
    if (!role) continue;
    // Consume the cue words that gave the role ("within", "down for"), so they do not become data.
    const lead = /(?:\b(?:within|in\s+under|under|in\s+less\s+than|less\s+than|no\s+later\s+than|every|for|of|is|takes?|about|around|roughly)\s*)+$/i.exec(before);
    const from = lead ? start - lead[0].length : start;
    out.push({ role, value: d.seconds, span: [from, end], at: start, owner: ownerOf(before, after) });
    m.consume(from, end);
  }

  // Plain counts: a backfill ("3M historical orders"), or records per run ("~120k rows", read against the
  // schedule by the caller); people, places and accounts counted are not traffic.
  for (const match of m.text.matchAll(COUNT)) {
    const { before, after } = context(m.text, match.index, match.index + match[0].length);
    const value = amount(match[1]!, match[2]);
    // History is often said a clause away ("the history backfilled, ~180M rows"): look past commas for it.
    if (BACKFILL_WORDS.test(`${before.slice(-40)} ${after.slice(0, 40)}`) || BACKFILL_WORDS.test(m.text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40))) {
      if (value < 100) continue;
      out.push({ role: 'backfill', value, span: [match.index, match.index + match[0].length], at: match.index, owner: null });
      m.consume(match.index, match.index + match[0].length);
      continue;
    }
    const noun = /^\s*(?:[\w-]+\s+){0,2}?([a-z][\w-]*s)\b/i.exec(after)?.[1]?.toLowerCase() ?? '';
    // A year ("going back to 2019") is not a count, nor an EDI document type ("EDI 850").
    if (!match[2] && /^(?:19|20)\d\d$/.test(match[1]!)) continue;
    if (DOC_TYPE_BEFORE.test(m.text.slice(0, match.index))) continue;
    if (POPULATION.test(noun) && value >= 2) {
      // The people counted are not data that moves: the noun goes with the number.
      const end = match.index + match[0].length + (after.toLowerCase().indexOf(noun) + noun.length);
      out.push({ role: 'population', value, span: [match.index, end], at: match.index, owner: null, object: noun });
      m.consume(match.index, end);
      continue;
    }
    if (value < 2 || !noun || COUNTED_NOT_TRAFFIC.test(noun) || /^\s*(?:x|×|%|times)/i.test(after)) continue;
    out.push({ role: 'count', value, span: [match.index, match.index + match[0].length], at: match.index, owner: null, object: noun });
    m.consume(match.index, match.index + match[0].length);
  }
  readShares(m, out);
  // Each quantity owns the consumed ranges inside its span.
  return out.map((q) => ({ ...q, consumed: m.ranges.filter(([s, e]) => s >= q.span[0] && e <= q.span[1]) })).sort((a, b) => a.at - b.at);
}

/**
 * A share of a limit ("we can only use 20% of the org's daily API quota") makes the limit ours at that size; a
 * limit "shared with other tools" says so in its scope.
 */
function readShares(m: Masked, out: Omit<Quantity, 'consumed'>[]): void {
  const limits = out.filter((q) => q.role === 'limit' && q.limit && q.limit.type !== 'unknown');
  if (limits.length === 0) return;
  for (const match of m.text.matchAll(SHARE)) {
    const { before, after } = context(m.text, match.index, match.index + match[0].length);
    if (!SHARE_CUE.test(before.slice(-40)) && !/^\s*of\b/i.test(after)) continue;
    const pct = Number(match[1]);
    if (!(pct > 0 && pct < 100)) continue;
    const q = limits.reduce((a, b) => (Math.abs(b.at - match.index) < Math.abs(a.at - match.index) ? b : a));
    const l = q.limit!;
    const f = pct / 100;
    const scaled =
      l.type === 'quota' ? { ...l, amount: Math.max(1, Math.round(l.amount! * f)) } :
      l.type === 'rate' ? { ...l, requests: Math.max(1, l.requests! * f) } :
      l.type === 'concurrency' ? { ...l, max: Math.max(1, Math.floor(l.max! * f)) } : l;
    q.limit = { ...scaled, limit: `our share: ${pct}% of ${l.limit}`, scope: 'our share' };
    q.span = [Math.min(q.span[0], match.index), Math.max(q.span[1], match.index + match[0].length)];
    m.consume(match.index, match.index + match[0].length);
  }
  for (const q of limits) {
    const shared = SHARED_AFTER.exec(m.text.slice(q.span[1]));
    if (!shared || q.limit!.scope) continue;
    q.limit = { ...q.limit!, scope: shared[1]!.replace(/\s+/g, ' ').toLowerCase() };
    const start = q.span[1] + shared.index + shared[0].indexOf(shared[1]!);
    m.consume(start, start + shared[1]!.length);
    q.span = [q.span[0], start + shared[1]!.length];
  }
}
