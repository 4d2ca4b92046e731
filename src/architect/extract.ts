/**
 * Free text → partial integration inputs. The heuristic extractor here is the offline fallback; an
 * LLM-backed extractor implements the same `Extractor` type. Output always passes PartialInputsSchema.
 */
import { readFacts, type SentenceFacts } from './extract/facts.js';
import type { Quantity } from './extract/quantities.js';
import { parseSentenceFlows, type HalfFlow, type KeyFlow } from './extract/flows.js';
import { findMentions, type KnownNames, type Mention } from './extract/mentions.js';
import { CONJUNCTIONS, DETERMINERS, FLOW_VERBS, TRIGGER_WORDS } from './extract/lexicon.js';
import { blank, GAP, normalize, splitSentences, tokenize, type Token } from './extract/text.js';
import { PartialInputsSchema, type PartialInputs, type RateLimitInput } from './inputs.js';
import { catalog, findProvider, inferKind } from './knowledge/index.js';
import { durS } from './prose.js';
import { sentenceRoles, type SentenceRoles } from './extract/roles.js';
import { dataRuns, joinTexts } from './extract/runs.js';

export type Extractor = (text: string, options?: { signal?: AbortSignal }) => Promise<PartialInputs>;

export function createHeuristicExtractor(): Extractor {
  return async (text, options) => {
    options?.signal?.throwIfAborted();
    return extractHeuristic(text);
  };
}

interface SystemEntry {
  key: string;
  name: string;
  description?: string;
  userDescription?: string;
}

export function extractHeuristic(text: string): PartialInputs {
  return readRequest(text).partial;
}

/** What the reader knows before it reads: the systems of a design a reply is about, whose limit an unowned number is. */
export interface ReadingContext {
  known?: KnownNames;
  /** The system a limit belongs to when the words do not say. */
  defaultLimitOwner?: { key: string; name: string };
}

export interface RequestReading {
  partial: PartialInputs;
  /** Flows with one end named ("also push refunds to Xero"), by system name, for a caller that knows the other end. */
  half: { from?: string; to?: string; data?: string }[];
}

/** Reads a request (or a reply, given what it is about) into partial inputs. */
export function readRequest(text: string, context: ReadingContext = {}): RequestReading {
  const systems = new Map<string, SystemEntry>();
  const flows: KeyFlow[] = [];
  const half: HalfFlow[] = [];
  const facts: SentenceFacts[] = [];
  const placed: PlacedMention[] = [];
  const limits: { quantity: Quantity; system: string | null; sentence: number }[] = [];
  const read: ReadSentence[] = [];
  const chains: [string, string][] = [];
  const cadence: { keys: string[]; seconds: number }[] = [];
  const possessive = possessives(text);
  /** Mentions that name another mention's system: its technology ("ledger DB — Postgres"), or what it is. */
  const merges = new Map<string, string>();
  /** Systems whose name the text makes more precise ("account service" → "account service DB"). */
  const renames = new Map<string, Rename>();
  let lastKey: string | null = null;
  const names = new Map(context.known ?? []);
  // Someone who writes everything lower case names products lower case too ("when someone is deactivated in okta").
  // Acronyms ("MR", "QA") and quoted names ('Ready for QA') are capitalised by everyone: they do not count.
  const words = text.replace(/(['"`‘“])[^'"`’”]*\1/g, ' ').match(/(?<=[\s,;:(])[A-Za-z][\w-]*/g)?.filter((w) => !/^[A-Z0-9]{2,}s?$/.test(w)) ?? [];
  const lowercaseWriter = words.length >= 8 && words.filter((w) => /^[A-Z]/.test(w)).length <= words.length * 0.03;

  // Products named plainly anywhere ("Intercom", "api.intercom.io") are recognised lower case everywhere.
  const seen = new Set<string>();
  const sentences = splitSentences(normalize(text)).map((sentence) => ({ sentence, f: readFacts(sentence) }));
  for (const { sentence, f } of sentences) {
    for (const m of findMentions(tokenize(blank(sentence, f.spans)), { lowercaseWriter, raw: sentence })) if (m.api) seen.add(m.api.id);
  }

  sentences.forEach(({ sentence, f }, n) => {
    facts.push(f);
    const tokens = tokenize(blank(sentence, f.spans));
    // A sentence that routes the integration's alerts ("alert #ops in Slack when the DLQ fills") names where
    // alerts go, not a system the data flows to.
    const mentions = findMentions(tokens, { names, lowercaseWriter, raw: sentence, seen }).filter((m) => !(f.alertChannel && ALERTING.test(m.name)));
    rememberIdentifiers(tokens, mentions, names);
    // A name found once is known in later sentences, wherever it stands ("FooCRM allows 120 requests per minute").
    for (const m of mentions) if (!m.api && !names.has(m.name.toLowerCase()) && /[A-Z]/.test(m.name)) names.set(m.name.toLowerCase(), { name: m.name, key: m.key });
    const here = mentions.map((m) => ({ key: m.key, start: tokens[m.start]!.start, end: tokens[m.tailEnd - 1]!.end, sentence: n, ours: isOurs(tokens, m) }));
    placed.push(...here);
    for (const q of f.quantities) if (q.role === 'limit') limits.push({ quantity: q, system: ownerSystem(q, here, sentence), sentence: n });
    // "the 3PL's SFTP drop, they put a CSV there every 15 min": how often that source delivers, kept with it.
    for (const q of f.quantities) {
      if (q.role === 'interval' && mentions.length >= 1 && mentions.length <= 2 && DELIVERS.test(sentence)) cadence.push({ keys: mentions.map((m) => m.key), seconds: q.value });
    }
    for (const m of mentions) addSystem(systems, m);
    sameSystems(tokens, mentions, merges, lastKey, renames);
    if (mentions.length > 0) lastKey = mentions.at(-1)!.key;
    // "… -> billing service when stage = Closed Won": a trailing condition naming no system filters what moves.
    const cond = trailingCondition(tokens, mentions, sentence);
    const parsed = parseSentenceFlows(cond ? tokens.slice(0, cond.at) : tokens, mentions);
    if (cond) for (const fl of parsed.flows) if (fl.data) fl.data = `${fl.data} (${cond.text})`;
    flows.push(...parsed.flows);
    half.push(...parsed.half);
    const keyed = new Set(mentions.filter((m) => possessive.has(m.name.toLowerCase()) || possessive.has(m.key)).map((m) => m.key));
    const roles = sentenceRoles(tokens, mentions, keyed);
    // "the Mailchimp audience should mirror our Salesforce contacts": what follows the receiving system names where
    // the data lands, not the data, unless nothing else is said.
    const runs = dataRuns(tokens, mentions, [0, cond?.at ?? tokens.length]);
    // The condition is said once, after all the data it filters.
    const withCond = (t: string | undefined) => (t && cond ? `${t} (${cond.text})` : t);
    const moved = runs.filter((r) => r.owner === undefined || roles.cues[r.owner]?.role !== 'dst');
    const clause = clauseIds(tokens);
    const clauseData = new Map<number, string>();
    for (const c of new Set(clause)) {
      const text = joinTexts(moved.filter((r) => clause[r.start] === c));
      if (text) clauseData.set(c, withCond(text)!);
    }
    const marker = tokens.findIndex((t, k) => /^(?:two-way|2-way|bidirectional|bi-directional)$/.test(t.lower) || (t.lower === 'both' && /^(?:ways|directions)$/.test(tokens[k + 1]?.lower ?? '')) || (t.lower === 'in' && tokens[k + 1]?.lower === 'sync'));
    const twoWayClause = marker >= 0 ? clause[marker]! : -1;
    // "… and resolve them back when closed": a verb sent back names what returns.
    const backAt = tokens.findIndex((t, k) => t.lower === 'back' && k >= 2 && !mentions.some((m) => m.start > k && clause[m.start] === clause[k]));
    const backVerb = backAt >= 0 ? tokens.slice(Math.max(0, backAt - 3), backAt).map((t) => t.lower).find((w) => BACK_NOUNS[w]) : undefined;
    const twoWayData =
      marker >= 0 && mentions.filter((m) => clause[m.start] === twoWayClause).length <= 1
        ? clauseData.get(twoWayClause)
        : backVerb && mentions.length >= 2
          ? BACK_NOUNS[backVerb]
          : undefined;
    // "into a Google Sheet and then into HubSpot": the second place is fed from the first.
    for (let k = 0; k < tokens.length; k++) {
      if (tokens[k]!.lower !== 'then') continue;
      let n = k + 1;
      while (n < tokens.length && (/^(?:into|to|onto|on|in)$/.test(tokens[n]!.lower) || DETERMINERS.has(tokens[n]!.lower))) n++;
      const b = mentions.find((m) => m.start === n);
      const before = (m: Mention) => {
        let p = m.start - 1;
        while (p > 0 && DETERMINERS.has(tokens[p]!.lower)) p--;
        return tokens[p]?.lower ?? '';
      };
      const a = [...mentions].reverse().find((m) => m.tailEnd <= k && /^(?:into|to|onto|in)$/.test(before(m)));
      if (a && b && n > k + 1 && a.key !== b.key) chains.push([a.key, b.key]);
    }
    read.push({
      ...(twoWayData ? { twoWayData } : {}),
      keys: mentions.map((m) => m.key),
      clauses: mentions.map((m) => clause[m.start]!),
      clauseData,
      roles,
      listItem: /^\s*(?:[-•*▪◦]|\d+[.)])\s/.test(sentence),
      // An arrow inside a system's aside ("endpoint (API Gateway → Lambda)") describes it, it draws no flow.
      arrows: tokens.some((t, k) => /arrow/.test(t.kind) && !mentions.some((m) => k >= m.end && k < m.tailEnd)) && parsed.flows.length > 0,
      flows: parsed.flows,
      data: withCond(joinTexts(moved.length > 0 ? moved : runs)),
    });
  });

  const resolve = mergeSystems(systems, merges, flows, limits);
  for (const [key, rename] of renames) {
    const s = systems.get(resolve(key));
    if (!s) continue;
    s.name = rename.name;
    if (rename.description) s.userDescription = rename.description;
  }
  for (const s of read) s.keys = s.keys.map(resolve);
  const byRole = roleFlows(read, systems, flows);
  const keys = [...systems.keys()];
  // A one-sided flow ("push invoices to Xero") is completed only when exactly one other system exists and the
  // roles found no direction of their own.
  // A half that says what moves ("When a ticket is tagged bug, create a Linear issue") is completed even when the
  // roles found a direction: it is the more precise reading.
  for (const h of byRole.length > 0 ? half.filter((x) => x.data && /→/.test(x.data)) : half) {
    if (keys.length !== 2) break;
    const known = h.from ? resolve(h.from) : h.to ? resolve(h.to) : undefined;
    const other = keys.find((k) => k !== known);
    if (!known || !other) continue;
    const flow = h.from ? { from: known, to: other } : { from: other, to: known };
    if (!flows.some((f) => f.from === flow.from && f.to === flow.to)) flows.push(h.data ? { ...flow, data: h.data } : flow);
  }
  const twoWay = /\b(?:two[\s-]?way|2[\s-]?way|bi-?directional(?:ly)?|both\s+(?:ways|directions)|back\s+and\s+forth|in\s+sync|round[\s-]?trip)\b|<-+>|↔|⇄|\bback\s+(?:onto|into|to|in|on|out)\b(?!\s+(?:\d|the\s+(?:start|beginning)))|\bcome\s+back\b|\bwrite\s+(?:\w+\s+){0,3}back\b/i.test(text);
  flows.splice(0, flows.length, ...reconcile(flows, byRole, read, twoWay));
  for (const [a, b] of chains.map(([x, y]) => [resolve(x), resolve(y)])) {
    for (const f of flows) if (f.to === b && f.from !== a && flows.some((g) => g.from === f.from && g.to === a)) f.from = a!;
  }
  flows.splice(0, flows.length, ...flows.filter((f, i) => flows.findIndex((g) => g.from === f.from && g.to === f.to) === i));
  // "… create a Linear issue and keep status in sync both ways": the way back carries what that clause names.
  const back = read.find((s) => s.twoWayData)?.twoWayData;
  const only = flows.length === 1 ? flows[0]! : undefined;
  if (back && only && keys.length === 2 && !flows.some((f) => f.from === only.to && f.to === only.from)) flows.push({ from: only.to, to: only.from, data: back });

  // A flow whose sentence names no data moves what the volume counts ("~400k quote requests/day"), or what the
  // topic is named for ("orders.v1").
  const counted = facts.flatMap((f) => f.quantities).find((q) => (q.role === 'volume' || q.role === 'count' || q.role === 'peak') && q.object && !/^(?:requests?|calls?|msgs?|messages?|events?|rows?|records?)$/i.test(q.object.trim()))?.object?.trim();
  // Last, a generic count ("~4M rows") names the records, with the file format they come in ("CSV rows").
  const generic = facts.flatMap((f) => f.quantities).find((q) => (q.role === 'count' || q.role === 'volume') && q.object && /^(?:rows?|records?|lines?|entries)$/i.test(q.object.trim()))?.object?.trim();
  const format = /\b(CSV|TSV|JSON|XML|Parquet|Excel|XLSX)\b/i.exec(text)?.[1];
  for (const f of flows) {
    if (f.data) continue;
    const topic = [...names].find(([id, v]) => v.key === f.from && /[._-]/.test(id))?.[0]?.split(/[._-]/)[0];
    const data = counted ?? (topic && topic.length > 2 ? topic : undefined) ?? (generic ? `${format ? `${format.toUpperCase() === 'EXCEL' ? 'Excel' : format.toUpperCase()} ` : ''}${generic}` : undefined);
    if (data) f.data = data;
  }
  for (const f of flows) if (f.data) f.data = tidyData(f.data);
  // "~20k calls/day" when the calls are what moves (Twilio call logs): the traffic, not an API limit.
  const moving = flows.map((f) => f.data ?? '').join(' ').toLowerCase();
  for (let i = limits.length - 1; i >= 0; i--) {
    const q = limits[i]!.quantity;
    const noun = q.byUnits ? q.object?.toLowerCase().replace(/^api\s+/, '').replace(/s$/, '') : undefined;
    if (!noun || !new RegExp(`\\b${noun}s?\\b`).test(moving) || !q.limit || q.limit.type !== 'quota') continue;
    limits.splice(i, 1);
    facts.find((f) => f.quantities.includes(q))?.quantities.splice(0, 0, { ...q, role: 'volume', value: (q.limit.amount! * 86_400) / q.limit.periodSeconds! });
  }
  // A source that delivers on its own schedule says so in its description, where the planner reads it.
  for (const { keys: said, seconds } of cadence) {
    // Said of one system, however many names it had in the sentence ("the 3PL's SFTP drop").
    const one = [...new Set(said.map(resolve))];
    if (one.length !== 1) continue;
    const s = systems.get(one[0]!);
    if (!s || flows.every((f) => f.from !== s.key)) continue;
    const own = s.userDescription ?? s.description;
    const every = `delivers every ${durS(seconds)}`;
    s.userDescription = own ? `${own}; ${every}` : every;
  }
  // "want it in our data lake on S3 as parquet partitioned by hour": how the destination stores it goes with it.
  const layout = facts.find((f) => f.layout)?.layout;
  const stores = [...systems.values()].filter((s) => flows.some((f) => f.to === s.key) && ['object-store', 'warehouse', 'file-drop'].includes(kindOf(s)));
  if (layout && stores.length === 1) {
    const own = stores[0]!.userDescription ?? stores[0]!.description;
    stores[0]!.userDescription = own ? `${own}; ${layout}` : layout;
  }
  // "loaded into Redis without the API ever seeing a half-loaded set": the destination is swapped whole.
  if (facts.some((f) => f.atomic)) {
    for (const d of [...systems.values()].filter((s) => flows.some((f) => f.to === s.key))) {
      const own = d.userDescription ?? d.description;
      d.userDescription = own ? `${own}; readers must never see a half-loaded set` : 'readers must never see a half-loaded set';
    }
  }
  // A bulk endpoint said without its system goes with the destination we do not know from the catalog.
  const bulk = facts.find((f) => f.bulk)?.bulk;
  const unknownDsts = [...systems.values()].filter((s) => flows.some((f) => f.to === s.key) && !findProvider(s.name));
  if (bulk && unknownDsts.length === 1) {
    const d = unknownDsts[0]!;
    // A type description that only repeats the name ("pricing service") says nothing the bulk note needs.
    const own = d.userDescription ?? (d.description && d.description.toLowerCase() !== d.name.toLowerCase() ? d.description : undefined);
    unknownDsts[0]!.userDescription = own ? `${own}; ${bulk}` : bulk;
  }
  // "we get a read-only user", "no LogMiner": how the database may be read goes with the database.
  const access = [...new Set(facts.flatMap((f) => f.access))];
  const databases = [...systems.values()].filter((s) => kindOf(s) === 'database');
  if (access.length > 0 && databases.length === 1) {
    const db = databases[0]!;
    const own = db.userDescription ?? db.description;
    db.userDescription = own ? `${own}; ${access.join(', ')}` : access.join(', ');
  }
  const nameOf = (key: string) => systems.get(key)?.name ?? key;
  const partial: PartialInputs = {
    systems: [...systems.values()].map((s) => {
      const description = s.userDescription ?? s.description;
      return description ? { name: s.name, description } : { name: s.name };
    }),
    flows: mergeFlows(flows).map((f) => ({ ...f, from: nameOf(f.from), to: nameOf(f.to) })),
  };
  Object.assign(partial, optionalFacts(facts, [...systems.values()], partial.flows!.map((f) => f.data ?? '')));
  const today = readToday(text);
  if (today) partial.today = today;
  const stated = statedLimits(limits, systems, flows, context.defaultLimitOwner);
  if (stated.length > 0) partial.rateLimits = stated;
  // A limit on a product that takes part in no flow ("Zuora allows 5 calls per second") is not about this design.
  const inFlows = new Set(partial.flows!.flatMap((f) => [f.from, f.to]));
  if (partial.rateLimits && inFlows.size > 0) {
    partial.rateLimits = partial.rateLimits.filter((r) => inFlows.has(r.system));
    if (partial.rateLimits.length === 0) delete partial.rateLimits;
  }
  const halves = flows.length === 0 || keys.length !== 2 ? half.map((h) => ({ ...(h.from ? { from: nameOf(resolve(h.from)) } : {}), ...(h.to ? { to: nameOf(resolve(h.to)) } : {}), ...(h.data ? { data: h.data } : {}) })) : [];
  return { partial: sanitize(partial, new Set([...(context.known?.values() ?? [])].map((k) => k.name.toLowerCase()))), half: halves };
}

/**
 * A condition after the flow that names no system ("… when stage = Closed Won", "… once the invoice is paid"):
 * kept with the data as said, never read as data of its own.
 */
function trailingCondition(tokens: Token[], mentions: Mention[], sentence: string): { at: number; text: string } | undefined {
  const at = tokens.findIndex((t, k) => k > 2 && (TRIGGER_WORDS.has(t.lower) || t.lower === 'if') && mentions.some((m) => m.end <= k));
  if (at < 0 || mentions.some((m) => m.start > at)) return undefined;
  // The condition ends at the clause's end or where a quantity was read ("…closed won, ~300/day").
  let last = at;
  while (last + 1 < tokens.length && !/^[,;]$/.test(tokens[last + 1]!.text) && tokens[last + 1]!.text !== GAP) last++;
  const text = sentence.slice(tokens[at]!.start, tokens[last]!.end).replace(/[\s.;:!?]+$/, '').replace(/\s*(?:==?|:=)\s*/g, ' is ').replace(/\s+/g, ' ');
  const words = text.split(' ').length;
  return words >= 3 && words <= 10 ? { at, text } : undefined;
}

/** "orders.v1 (kafka)": the topic's name stands for that system in later lines ("orders.v1 -> ES"). */
function rememberIdentifiers(tokens: Token[], mentions: Mention[], names: Map<string, { name: string; key: string }>): void {
  for (const m of mentions) {
    const open = tokens[m.start - 1];
    const id = tokens[m.start - 2];
    if (open?.text === '(' && id && /^[a-z][\w-]*[._-][\w.-]+$/i.test(id.text) && !names.has(id.lower)) names.set(id.lower, { name: m.name, key: m.key });
  }
}

/** Words that report something going wrong today. */
const SYMPTOM =
  /\b(?:429s?|50[0-9]s?|time[ds]?\s?outs?|timed out|etimedout|econnreset|errors?|exceptions?|fails?|failed|failing|failures?|dies|died|crash\w*|broke\w*|missing|missed|lost|losing|never\s+(?:show|arriv|appear|disappear)\w*|skip(?:s|ped|ping)?|go(?:es)?\s+missing|twice|duplicat\w*|doubled?|backwards|out\s+of\s+order|stale|drifts?|drifting|lags?|lagging|behind|stall\w*|stuck|dropp\w*|overflow\w*|half[\s-](?:written|uploaded)|partial|silently|nobody\s+(?:notices|noticed|knows)|no\s+one\s+notice\w*|before\s+anyone\s+noticed|rejected|quota\s+exceeded|disk|zeroed|wrong\s+for|slow)\b/i;
/** Words that describe how things work today rather than what is wanted. */
const TODAY =
  /\b(?:today|currently|current\s+setup|right\s+now|at\s+the\s+moment|existing|(?:we|they|it)\s+(?:have|has)\s+an?|has\s+an?\s+(?:\w+\s+)?(?:zap|cron|script|job|lambda|worker|dag)|replace\s+(?:it|this|that)|our\s+(?:cron|script|job|zap|lambda|worker|dag|airflow|nightly|sync\s+job)|there'?s\s+an?\s+(?:cron|script|job)|it'?s\s+a\s+cron|lately|since\s+(?:last|we)|after\s+deploys|last\s+week|twice\s+now|keeps?\s+(?:hitting|getting|failing)|zaps?\s+(?:copies|pushes|sends|creates|moves|syncs|posts|adds)|randomly|(?:is|are|keeps?\s+being)\s+(?:broken|failing|flaky|unreliable)|moving\s+off|migrat\w+\s+(?:off|away\s+from)|redesign|re-?architect|rebuild)\b/i;

/**
 * An existing integration and what goes wrong with it, when the request describes one: the setup as said, and
 * each reported symptom (a sentence or list item with trouble in it; a pasted error's first line).
 */
function readToday(text: string): { setup: string; symptoms: string[] } | undefined {
  const errors = [...text.matchAll(/```[^\n]*\n([^\n]+)/g)].map((m) => `error: ${m[1]!.trim()}`);
  const sentences = splitSentences(text.replace(/```[\s\S]*?```/g, ' ')).map((s) => s.replace(/^\s*(?:[-•*▪◦]|\d+[.)])\s*/, '').trim());
  const symptoms = [...errors, ...sentences.filter((s) => SYMPTOM.test(s))].map((s) => (s.length > 280 ? `${s.slice(0, 277)}…` : s));
  // Trouble reported about how things run now: a cue that it runs today, or several symptoms described.
  if (symptoms.length === 0 || (!TODAY.test(text) && symptoms.length < 2)) return undefined;
  const setup = sentences.filter((s) => TODAY.test(s) || /\b(?:cron|script|zap|job|dag|worker|lambda|export)\b/i.test(s)).slice(0, 2).join(' ') || sentences[0]!;
  return { setup: setup.slice(0, 600), symptoms: [...new Set(symptoms)].slice(0, 10) };
}

interface ReadSentence {
  keys: string[];
  roles: SentenceRoles;
  listItem: boolean;
  /** Arrows drew this sentence's flows: they are exact, roles add nothing. */
  arrows: boolean;
  flows: KeyFlow[];
  data: string | undefined;
  /** The clause each mention stands in, and the data each clause names. */
  clauses: number[];
  clauseData: ReadonlyMap<number, string>;
  /** What a two-way clause naming at most one system keeps in sync ("and keep status in sync both ways"). */
  twoWayData?: string;
}

/**
 * Clause numbers per token: a new clause starts after ";", at ", and/then/but", and at a trigger ("… into jira
 * when an agent escalates them, and jira status changes back into …" has three).
 */
function clauseIds(tokens: Token[]): number[] {
  const ids: number[] = [];
  let c = 0;
  tokens.forEach((t, k) => {
    const prev = tokens[k - 1];
    const trigger = TRIGGER_WORDS.has(t.lower) && k > 0 && !(t.lower === 'once' && /^(?:exactly|only|just|least|most)$/.test(prev?.lower ?? ''));
    // "create a Linear issue and keep status in sync": "and" before a verb of moving starts another clause.
    const andVerb = prev?.lower === 'and' && FLOW_VERBS.has(t.lower) && tokens[k + 1]?.kind === 'word' && !CONJUNCTIONS.has(tokens[k + 1]!.lower);
    if (k > 0 && (prev!.text === ';' || (prev!.text === ',' && /^(?:and|then|but|while|so|plus)$/.test(t.lower)) || trigger || andVerb)) c++;
    ids.push(c);
  });
  return ids;
}

/** What moves from a to b as this sentence says it: their shared clause's data, else the sentence's. */
function dataFor(s: ReadSentence, a: string, b: string, latest = false): string | undefined {
  const of = (key: string) => s.keys.flatMap((k, i) => (k === key ? [s.clauses[i]!] : []));
  const inB = of(b);
  const shared = of(a).filter((c) => inB.includes(c) && s.clauseData.has(c));
  // What comes back is said after what goes out ("… into jira, and jira status changes back into zendesk").
  const common = latest ? shared.at(-1) : shared[0];
  return common !== undefined ? s.clauseData.get(common) : s.data;
}

/** Names written with a possessive in the raw text ("Stripe's plan name"): the data is theirs, so they send. */
function possessives(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(?:([A-Z][\w.]*)\s)?([A-Za-z][\w.]*)['’]s\b/g)) {
    out.add(m[2]!.toLowerCase());
    if (m[1]) out.add(`${m[1]} ${m[2]}`.toLowerCase());
  }
  return out;
}

/** A source's own delivery: "they put a CSV there every 15 min", "the bank drops a file every hour". */
const DELIVERS = /\b(?:puts?|drops?|delivers?|sends?|uploads?|exports?|pushes?|lands?|arrives?|posts?|publishes?|generates?)\b/i;

/** A more precise name (and what it is) the text gives a system. */
interface Rename {
  name: string;
  description?: string;
}

/** Products that receive alerts. */
const ALERTING = /^(?:slack|pagerduty|opsgenie|microsoft teams|teams)$/i;

/** What comes back when a verb is sent back ("resolve them back", "post the status back"). */
const BACK_NOUNS: Record<string, string> = {
  resolve: 'resolutions',
  resolves: 'resolutions',
  close: 'closures',
  closes: 'closures',
  update: 'status updates',
  updates: 'status updates',
  sync: 'status changes',
  report: 'status reports',
  mark: 'status changes',
  acknowledge: 'acknowledgements',
  ack: 'acknowledgements',
};

/** Kinds that hold data between a sender and a receiver: a flow into one continues out of it. */
const BUFFER_KINDS = new Set(['queue', 'event-stream', 'object-store', 'file-drop', 'api-gateway']);
/** Kinds that keep what they receive: "those scores" in a later sentence are read from there. */
const STORE_KINDS = new Set([...BUFFER_KINDS, 'warehouse', 'database']);

/**
 * Flows from the roles the wording gives each mention: within a sentence every sender to every receiver; a
 * list's items take the role its opening line gives them; a receiver with no sender in its sentence gets the
 * queue or drop the data was last put on, else the request's main source; a sender with none gets the main
 * destination; "… back onto …" returns to where the data came from.
 */
function roleFlows(sentences: ReadSentence[], systems: Map<string, SystemEntry>, grammar: KeyFlow[]): KeyFlow[] {
  const out: KeyFlow[] = [];
  const add = (from: string, to: string, data?: string) => {
    if (from !== to && !out.some((f) => f.from === from && f.to === to)) out.push(data ? { from, to, data } : { from, to });
  };
  const role = (s: ReadSentence, i: number) => s.roles.cues[i]?.role ?? null;
  // A list's items take the role its opening line announces; the opening line's own system takes the other one.
  let listRole: 'src' | 'dst' | null = null;
  let listOwner: string | null = null;
  // "needs stock movements from three sources:": what the opening line says moves, the items describe where from.
  let listData: string | undefined;
  const roles: { key: string; role: 'src' | 'dst'; sentence: number; strength: number }[] = [];
  sentences.forEach((s, n) => {
    if (!s.listItem) {
      listRole = s.roles.listRole;
      listOwner = listRole ? (s.keys.find((_, i) => role(s, i) !== listRole) ?? null) : null;
      listData = listRole ? s.data : undefined;
    }
    s.keys.forEach((key, i) => {
      const cue = s.roles.cues[i];
      const r = s.listItem && listRole ? listRole : (cue?.role ?? null);
      if (r) roles.push({ key, role: r, sentence: n, strength: s.listItem && listRole ? 2 : cue!.strength });
    });
    if (s.listItem && listRole && listOwner) {
      for (const key of s.keys) {
        if (listRole === 'dst') add(listOwner, key, listData ?? dataFor(s, listOwner, key));
        else add(key, listOwner, listData ?? dataFor(s, key, listOwner));
      }
    }
  });
  // A system the wording gives no role, when the others only send or only receive, is the other side.
  const keyed = new Set(roles.map((r) => r.key));
  const unroled = [...new Set(sentences.flatMap((s) => s.keys))].filter((k) => !keyed.has(k));
  const hasSrc = roles.some((r) => r.role === 'src');
  const hasDst = roles.some((r) => r.role === 'dst');
  if (unroled.length === 1 && hasSrc !== hasDst) {
    const n = sentences.findIndex((s) => s.keys.includes(unroled[0]!));
    roles.push({ key: unroled[0]!, role: hasSrc ? 'dst' : 'src', sentence: n, strength: 1 });
  }
  const mainSrc = roles.find((r) => r.role === 'src' && r.strength === 2)?.key ?? roles.find((r) => r.role === 'src')?.key;
  const mainDst = roles.find((r) => r.role === 'dst' && r.strength === 2)?.key ?? roles.find((r) => r.role === 'dst')?.key;
  let lastBuffer: string | null = null;
  sentences.forEach((s, n) => {
    const here = roles.filter((r) => r.sentence === n);
    const bufferHere = here.find((r) => r.role === 'dst' && STORE_KINDS.has(kindOf(systems.get(r.key))))?.key ?? null;
    if (s.listItem && listRole) {
      lastBuffer = bufferHere ?? lastBuffer;
      return;
    }
    const srcs = here.filter((r) => r.role === 'src').map((r) => r.key);
    const dsts = here.filter((r) => r.role === 'dst').map((r) => r.key);
    // "publishes … to RabbitMQ, and the orders app consumes them": a receiver after a queue reads from the queue.
    // Arrows drew this sentence's chain; roles only add what they left out ("the app posts scans to API Gateway → …").
    const reaches = (a: string, b: string) => {
      const seen = new Set([a]);
      const todo = [a];
      while (todo.length > 0) {
        const at = todo.pop()!;
        for (const f of s.flows) {
          if (f.from === at && !seen.has(f.to)) {
            seen.add(f.to);
            todo.push(f.to);
          }
        }
      }
      return seen.has(b);
    };
    const linked = (a: string, b: string) => reaches(a, b) || reaches(b, a);
    dsts.forEach((b, k) => {
      const buffer = dsts.slice(0, k).reverse().find((x) => BUFFER_KINDS.has(kindOf(systems.get(x))));
      if (buffer && !s.arrows) add(buffer, b, dataFor(s, buffer, b));
      else for (const a of srcs) if (!s.arrows || !linked(a, b)) add(a, b, dataFor(s, a, b));
    });
    if (s.arrows) {
      lastBuffer = bufferHere ?? lastBuffer;
      return;
    }
    if (srcs.length === 0) {
      for (const d of dsts) {
        if (out.some((f) => f.to === d || f.from === d) || grammar.some((f) => f.to === d)) continue;
        // The queue, stream or drop the data was last put on feeds the next receiver; else the main source, if
        // the text has named it by now (a source named only later is not where this data came from).
        const hop = [...out].reverse().find((f) => f.to !== d && BUFFER_KINDS.has(kindOf(systems.get(f.to))))?.to ?? (lastBuffer !== d ? lastBuffer : null);
        const namedBy = (k: string | undefined) => k !== undefined && sentences.slice(0, n + 1).some((x) => x.keys.includes(k));
        const from = hop ?? (namedBy(mainSrc) ? mainSrc : undefined);
        if (from && from !== d) add(from, d, dataFor(s, from, d));
      }
    }
    lastBuffer = bufferHere ?? lastBuffer;
    if (dsts.length === 0 && mainDst) for (const a of srcs) if (!out.some((f) => f.from === a)) add(a, mainDst, dataFor(s, a, mainDst));
    if (s.roles.back && mainSrc) for (const d of dsts) add(d, mainSrc, dataFor(s, d, mainSrc, true));
    // "… attach the signed PDF back to the Opportunity": the result returns to where the data came from.
    if (s.roles.back && dsts.length === 0 && mainSrc && mainDst && mainSrc !== mainDst) add(mainDst, mainSrc, dataFor(s, mainDst, mainSrc, true));
  });
  // A flow made from a sentence that names no data takes it from where its destination (or source) is named.
  for (const f of out) {
    if (f.data) continue;
    const data = sentences.find((s) => s.data && s.keys.includes(f.to))?.data ?? sentences.find((s) => s.data && s.keys.includes(f.from))?.data;
    if (data) f.data = data;
  }
  return out;
}

function kindOf(s: SystemEntry | undefined): string {
  const description = s?.userDescription ?? s?.description;
  return s ? inferKind({ name: s.name, ...(description ? { description } : {}) }, findProvider(s.name)) : '';
}

/**
 * The grammar's flows and the roles' flows together: a grammar flow whose ends contradict what the wording says
 * of them (a sender the text only ever writes to) goes, and the roles fill in what the grammar missed.
 */
function reconcile(grammar: KeyFlow[], byRole: KeyFlow[], sentences: ReadSentence[], twoWay: boolean): KeyFlow[] {
  const strong = new Map<string, Set<'src' | 'dst'>>();
  for (const s of sentences) {
    s.keys.forEach((key, i) => {
      const cue = s.roles.cues[i];
      if (cue?.strength === 2) strong.set(key, new Set([...(strong.get(key) ?? []), cue.role]));
    });
  }
  const only = (key: string, role: 'src' | 'dst') => strong.get(key)?.size === 1 && strong.get(key)!.has(role);
  // Without two-way wording, a pair flows one way: the roles' direction wins over the grammar's reverse.
  const reversedByRoles = (f: KeyFlow) => byRole.some((r) => r.from === f.to && r.to === f.from) && !byRole.some((r) => r.from === f.from && r.to === f.to);
  const paired = (f: KeyFlow) => twoWay && grammar.some((g) => g.from === f.to && g.to === f.from);
  // "A publishes to the queue, B consumes it": A → queue → B, not A → B as well.
  const throughHop = (f: KeyFlow) => byRole.some((a) => a.from === f.from && byRole.some((b) => b.from === a.to && b.to === f.to));
  // An arrow says the direction outright ("zendesk tickets => snowflake"): no role read elsewhere overrides it.
  const drawn = new Set(sentences.filter((s) => s.arrows).flatMap((s) => s.flows));
  const kept = grammar.filter((f) => drawn.has(f) || paired(f) || (!only(f.from, 'dst') && !only(f.to, 'src') && !(reversedByRoles(f) && !twoWay) && !throughHop(f)));
  const out = [...kept];
  for (const f of byRole) {
    const same = out.find((o) => o.from === f.from && o.to === f.to);
    if (!same) out.push(f);
    else if (!same.data && f.data) same.data = f.data;
  }
  return out;
}

interface PlacedMention {
  key: string;
  /** Character offsets in its sentence. */
  start: number;
  end: number;
  sentence: number;
  /** "our billing service": ours, so "their API" is not about it. */
  ours: boolean;
}

function isOurs(tokens: Token[], m: Mention): boolean {
  return /^(?:our|my|internal|in-house)$/i.test(tokens[m.start - 1]?.lower ?? '') || /\b(?:our|internal|in-house)\b/i.test(m.description ?? '');
}

/**
 * Whose limit a number is: the system named just before it in its sentence ("HubSpot only allows …"), else the
 * one right after it ("a limit of 100/min on Acme"); "their API" is the last system named that is not ours.
 * Null when nothing says (the destination of the first flow is assumed later).
 */
/** Whose limit "their API" means, decided once the flows are known: the other party's, not ours. */
const THEIRS = '\u0000theirs';

function ownerSystem(q: Quantity, here: PlacedMention[], sentence: string): string | null {
  // A limit inside a system's aside is that system's ("permissions service (REST, rate limit 50 rps)").
  const within = here.find((m) => m.start < q.at && q.span[1] <= m.end);
  if (within) return within.key;
  const before = here.filter((m) => m.end <= q.at).at(-1);
  const after = here.find((m) => m.start >= q.span[1] && m.start - q.span[1] <= 30);
  // An API method named before the number ("getOrders is throttled at 1/min") belongs to the product that has it.
  const method = /\b([a-z]+[A-Z][A-Za-z]+)\b[^.]{0,40}$/.exec(sentence.slice(0, q.at))?.[1];
  if (method) {
    const owner = [...catalog()].find((p) => JSON.stringify(p.limits).includes(method) || JSON.stringify(p.reads).includes(method));
    if (owner) return owner.name.toLowerCase();
  }
  if (q.owner === 'theirs') {
    if (before && !before.ours && q.at - before.end <= 30) return before.key;
    return THEIRS;
  }
  if (before && q.at - before.end <= 60) return before.key;
  if (after) return after.key;
  if (before) return before.key;
  return null;
}

function statedLimits(found: { quantity: Quantity; system: string | null }[], systems: Map<string, SystemEntry>, flows: KeyFlow[], fallback?: { key: string; name: string }): RateLimitInput[] {
  const out: RateLimitInput[] = [];
  for (const { quantity, system } of found) {
    // Nothing names whose limit it is: the destination's, where integrations meet limits; "their API" is the
    // destination that is not ours and that the catalog does not know best (the partner's, the vendor's).
    const theirs = system === THEIRS ? ([...flows].reverse().find((f) => !findProvider(systems.get(f.to)?.name ?? '')) ?? flows.at(-1))?.to : undefined;
    // Unattributed, a limit on calls is the API's: the vendor's end of the flows, else the destination.
    const vendor = flows.flatMap((f) => [f.to, f.from]).find((k) => kindOf(systems.get(k)) === 'saas-api' && !!findProvider(systems.get(k)?.name ?? ''));
    const key = (system === THEIRS ? theirs : system) ?? (vendor && /\bapi\b|\bcalls?\b|\brequests?\b/i.test(quantity.limit?.limit ?? '') ? vendor : flows[0]?.to) ?? fallback?.key ?? null;
    const entry = key ? (systems.get(key) ?? (fallback?.key === key ? { key, name: fallback.name } : undefined)) : undefined;
    if (!entry || !quantity.limit) continue;
    const limit = { system: entry.name, ...quantity.limit };
    if (!out.some((o) => o.system === limit.system && o.limit === limit.limit)) out.push(limit);
  }
  return out;
}

/** Kinds that are a system's technology when named beside it ("orders app (Rails + Postgres)", "data lake on S3"). */
const TECH_KINDS = new Set(['database', 'object-store', 'warehouse', 'queue', 'event-stream', 'file-drop']);

function isTech(m: Mention): boolean {
  return !!m.api && TECH_KINDS.has(m.api.kind);
}

/**
 * Mentions of one system under two names in a sentence: "our CRM is Salesforce" (the type word names the
 * product), "the ledger DB — Postgres" and "our data lake on S3" (the product is the system's technology),
 * "its Postgres" (the database of the system just named).
 */
function sameSystems(tokens: Token[], mentions: Mention[], merges: Map<string, string>, lastKey: string | null, renames: Map<string, Rename>): void {
  mentions.forEach((m, i) => {
    const prev = mentions[i - 1];
    const between = prev ? tokens.slice(prev.tailEnd, m.start).map((t) => t.lower).filter((w) => !DETERMINERS.has(w)) : [];
    const generic = (x: Mention) => !x.api;
    if (prev && generic(prev) && m.api && !isTech(m) && between.length === 1 && /^(?:is|=|:)$/.test(between[0]!)) merges.set(prev.key, m.key);
    // "our MySQL orders db", "the account service's MySQL DB": a technology right next to the system it runs.
    else if (prev && between.length === 0 && isTech(prev) && generic(m)) merges.set(prev.key, m.key);
    else if (prev && between.length === 0 && generic(prev) && isTech(m)) {
      merges.set(m.key, prev.key);
      // "the account service's MySQL db": the system meant is the service's database.
      if (m.api!.kind === 'database' && /^(?:db|database)$/.test(tokens[m.end - 1]?.lower ?? '') && !/\b(?:db|database)$/i.test(prev.name)) renames.set(prev.key, { name: `${prev.name} DB` });
    }
    else if (prev && generic(prev) && isTech(m) && between.length <= 2 && between.length >= 1 && /^(?:is|=|:|on|in|at|uses|using|over|via)$/.test(between[0]!)) merges.set(m.key, prev.key);
    // "an SFTP for our benefits provider (ADP)": the drop is that company's, named so.
    else if (prev && prev.api?.kind === 'file-drop' && prev.api.generic && between[0] === 'for' && between.length <= 4 && m.api?.kind !== 'file-drop') {
      merges.set(m.key, prev.key);
      const who = between.slice(1).filter((w) => !DETERMINERS.has(w) && /^[\w-]+$/.test(w)).join(' ');
      renames.set(prev.key, { name: `${tokens.slice(m.start, m.end).map((t) => t.text).join(' ')} ${prev.api.name}`, description: `${who ? `${who}'s ` : ''}file drop (${prev.api.name})` });
    }
    // "our bank drops a statement file on SFTP": a party's delivery onto a bare file transport is that party's drop.
    else if (prev && generic(prev) && m.api?.kind === 'file-drop' && m.api.generic && between.length >= 2 && between.length <= 6 && DELIVERS.test(between[0]!) && /^(?:on|onto|to|into|via|over)$/.test(between.at(-1)!)) merges.set(m.key, prev.key);
    const before = tokens[m.start - 1]?.lower ?? '';
    if (isTech(m) && /^(?:its|their)$/.test(before)) {
      const owner = prev?.key ?? lastKey;
      if (owner && owner !== m.key) merges.set(m.key, owner);
    }
  });
}

/** Folds merged mentions into the system they name: flows, limits and descriptions follow. */
function mergeSystems(
  systems: Map<string, SystemEntry>,
  merges: Map<string, string>,
  flows: KeyFlow[],
  limits: { system: string | null }[],
): (key: string) => string {
  const resolve = (k: string): string => {
    let key = k;
    for (let n = 0; n < 5 && merges.has(key); n++) key = merges.get(key)!;
    return key;
  };
  // A product named in a described system's aside ("orders app (Rails + Postgres)") is that system's technology.
  for (const [key, s] of systems) {
    for (const [other, t] of systems) {
      if (other === key || merges.has(other) || !s.userDescription || !findProvider(t.name)) continue;
      const p = findProvider(t.name)!;
      if (!findProvider(s.name) && TECH_KINDS.has(p.kind) && new RegExp(`\\b${p.name.split(/\s+/).pop()!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b|\\b${t.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(s.userDescription)) {
        merges.set(other, key);
      }
    }
  }
  // One system said two ways: "POS" and "POS API", "ledger" and "ledger DB"; "the bucket" and S3.
  for (const [key, s] of systems) {
    for (const [other, t] of systems) {
      if (other === key || merges.has(other) || merges.has(key)) continue;
      const a = s.name.toLowerCase();
      const b = t.name.toLowerCase();
      if (b.startsWith(`${a} `) && /^(?:api|service|svc|app|server|db|database|system|platform|instance|cluster)$/.test(b.slice(a.length + 1))) merges.set(other, key);
      const storage: Record<string, string> = { bucket: 'object-store', queue: 'queue', topic: 'event-stream', stream: 'event-stream', index: 'search-index' };
      const head = storage[b];
      if (head && !findProvider(t.name) && findProvider(s.name)?.kind === head) merges.set(other, key);
    }
  }
  for (const [from, to] of merges) {
    const target = systems.get(resolve(to));
    const gone = systems.get(from);
    if (!target || !gone || resolve(from) === from) continue;
    // The type word describes the product ("our CRM is Salesforce"); a technology describes the system.
    if (!target.userDescription) target.userDescription = findProvider(target.name) ? (gone.userDescription ?? gone.description ?? gone.name) : gone.name;
    systems.delete(from);
  }
  for (const f of flows) {
    f.from = resolve(f.from);
    f.to = resolve(f.to);
  }
  for (let k = flows.length - 1; k >= 0; k--) if (flows[k]!.from === flows[k]!.to) flows.splice(k, 1);
  for (const l of limits) if (l.system) l.system = resolve(l.system);
  return resolve;
}

function addSystem(systems: Map<string, SystemEntry>, m: Mention): void {
  const existing = systems.get(m.key);
  const description = m.api?.description ?? m.typeDescription;
  if (!existing) {
    systems.set(m.key, {
      key: m.key,
      name: m.name,
      ...(description ? { description } : {}),
      ...(m.description ? { userDescription: m.description } : {}),
    });
  } else {
    if (m.description && !existing.userDescription) existing.userDescription = m.description;
    // Written once as an alias ("Google Workspace"), once by its name ("Google Calendar"): the name is clearer.
    if (m.api && m.name === m.api.name) existing.name = m.name;
  }
}

function mergeFlows(flows: KeyFlow[]): KeyFlow[] {
  const out: KeyFlow[] = [];
  for (const f of flows) {
    const same = out.find((o) => o.from === f.from && o.to === f.to);
    if (!same) out.push({ ...f });
    else if (f.data && !same.data) same.data = f.data;
    else if (f.data && same.data && !same.data.toLowerCase().includes(f.data.toLowerCase())) same.data = `${same.data}; ${f.data}`;
  }
  return out;
}

function optionalFacts(facts: SentenceFacts[], systems: SystemEntry[], moved: string[]): Partial<PartialInputs> {
  const out: Partial<PartialInputs> = {};
  const all = facts.flatMap((f) => f.quantities);
  const of = (role: Quantity['role']) => all.filter((q) => q.role === role).map((q) => q.value);
  // Several figures usually restate one volume (per day and per second); the largest average is the safe pick.
  // "~15 changes per day each" for "~2,000 employees": the volume is per person.
  const population = of('population');
  // "~1 file/night, ~300k rows": a volume of containers is read in the records they hold.
  const CONTAINER = /^(?:files?|batch(?:es)?|exports?|runs?|dumps?|jobs?|snapshots?|uploads?|drops?)$/i;
  const rows = of('count');
  // "~2k registrants per webinar … about 3 webinars a day": a rate of containers times what each holds.
  const text = facts.map((f) => f.text).join(' ');
  const perOne = (object: string | undefined): number | undefined => {
    const one = object?.trim().toLowerCase().replace(/s$/, '');
    if (!one || one.length < 3) return undefined;
    const m = new RegExp(String.raw`(\d[\d,.]*)\s*(k|K|m|M)?\s+[a-z-]+\s+(?:per|each|every|a|an)\s+${one}\b`).exec(text);
    if (!m) return undefined;
    const n = Number(m[1]!.replace(/,/g, '')) * (/k/i.test(m[2] ?? '') ? 1e3 : /m/i.test(m[2] ?? '') ? 1e6 : 1);
    return Number.isFinite(n) && n > 1 ? n : undefined;
  };
  const times = (q: Quantity) => {
    const held = perOne(q.object);
    if (held) return q.value * held;
    const v = q.each && population.length > 0 ? q.value * Math.max(...population) : q.value;
    return q.object && CONTAINER.test(q.object.trim()) && rows.length > 0 ? v * Math.max(...rows) : v;
  };
  const average = all.filter((q) => q.role === 'volume').map(times);
  const peak = all.filter((q) => q.role === 'peak').map(times);
  const factor = of('peak-factor');
  if (average.length > 0) out.volumePerDay = Math.max(1, Math.round(Math.max(...average)));
  else if (peak.length > 0) out.volumePerDay = Math.max(1, Math.round(Math.max(...peak)));
  else {
    // Records per run ("~120k rows", "(~12M rows) every 6h"): a volume against the schedule the text gives.
    // People or places that are themselves the data ("sync employees … every night. 12,000 employees") count too.
    const stem = (w: string) => w.toLowerCase().replace(/s$/, '');
    const movedPeople = all.filter((q) => q.role === 'population' && q.object && moved.some((d) => d.toLowerCase().split(/[^a-z]+/).some((w) => w && stem(w) === stem(q.object!))));
    const counts = [...of('count'), ...movedPeople.map((q) => q.value)];
    const every = of('interval');
    const daily = /\b(?:nightly|every\s+(?:night|day)|once\s+a\s+day|daily|per\s+night|a\s+night|\/night|at\s+\d{1,2}\s*(?:am|pm)|\d{1,2}am\b|cron|end[\s-]of[\s-]day|days?\s+(?:are|is|has|have|sees?|see))\b/i.test(text);
    const period = every.length > 0 ? Math.min(...every) : daily ? 86_400 : null;
    if (counts.length > 0 && period) out.volumePerDay = Math.max(1, Math.round((Math.max(...counts) * 86_400) / period));
  }
  if (factor.length > 0) out.peakFactor = Math.max(...factor);
  else if (average.length > 0 && peak.length > 0 && Math.max(...peak) > Math.max(...average)) out.peakFactor = Math.round((Math.max(...peak) / Math.max(...average)) * 10) / 10;
  // Only a peak was given: the design is sized on it as if sustained (the document says so).
  else if (average.length === 0 && peak.length > 0) out.peakFactor = 1;
  const latencies = [...of('latency'), ...of('interval'), ...facts.flatMap((f) => f.latencies)];
  // A schedule longer than a week ("every 2 weeks") still needs each run to land within the week it is due.
  if (latencies.length > 0) out.latencySeconds = Math.min(Math.min(...latencies), 7 * 86_400);
  const outage = of('outage');
  if (outage.length > 0) out.outageSeconds = Math.max(...outage);
  const call = of('call-latency');
  if (call.length > 0) out.callLatencyMs = Math.round(Math.max(...call) * 1000);
  // "about 200 GB/day": a volume said in bytes; in records only when a record size is known too.
  const byteRate = of('byte-rate');
  if (byteRate.length > 0) out.bytesPerDay = Math.max(...byteRate);
  const size = of('record-size');
  if (size.length > 0) out.recordBytes = Math.round(Math.max(...size));
  if (out.bytesPerDay && out.recordBytes && out.volumePerDay === undefined) out.volumePerDay = Math.max(1, Math.round(out.bytesPerDay / out.recordBytes));
  const backfill = of('backfill');
  if (backfill.length > 0) out.backfillRecords = Math.round(Math.max(...backfill));
  const stack = [...new Set(facts.flatMap((f) => f.stack))];
  if (stack.length > 0) out.stack = stack.join(', ');
  const auth = [...new Set(facts.flatMap((f) => f.auth.map((a) => authText(a, systems))))];
  if (auth.length > 0) out.auth = auth.join('; ');
  const alertChannel = facts.find((f) => f.alertChannel)?.alertChannel;
  if (alertChannel) out.alertChannel = alertChannel;
  const compliance = [...new Set(facts.flatMap((f) => f.compliance))];
  if (compliance.length > 0) out.compliance = compliance.join('; ');
  return out;
}

/** What a report says goes wrong is not what moves ("lead sync is broken: duplicates everywhere"). */
const TROUBLE = /^(?:duplicates?|dupes?|errors?|failures?|sides?|issues?|problems?|bugs?|retries|timeouts?|outages?|gaps?|mismatche?s?|the\s+same)$/i;

/**
 * A flow's data as a list: trouble words dropped, "lead" and "leads" said once (the plural), and "events" dropped
 * beside "telemetry events" (the longer name says it).
 */
export function tidyData(data: string): string {
  // "usage events, events → metered billing": each side of a mapping is tidied on its own.
  if (/→/.test(data)) return data.split(/\s*→\s*/).map((side) => tidyData(side)).join(' → ');
  if (/\bas\b/.test(data)) return data;
  const items = data.split(/\s*,\s*/).filter((x) => x && !TROUBLE.test(x));
  const stem = (x: string) => x.toLowerCase().replace(/(?:es|s)$/, '');
  const tail = (x: string) => stem(x.split(/\s+/).at(-1) ?? x);
  const said = (x: string, i: number, y: string, j: number) =>
    j !== i && (stem(y) === stem(x) ? y.length > x.length || (y.length === x.length && j < i) : !/\s/.test(x) && /\s/.test(y) && tail(y) === stem(x));
  const kept = items.filter((x, i) => !items.some((y, j) => said(x, i, y, j)));
  return kept.length > 0 ? kept.join(', ') : data;
}

function mentionedIn(text: string, s: SystemEntry): boolean {
  const lower = ` ${text.toLowerCase().replace(/[^a-z0-9.]+/g, ' ')} `;
  const api = findProvider(s.name);
  const names = [s.name, ...(api ? [api.name, ...api.aliases] : [])].map((n) => n.toLowerCase());
  return names.some((n) => lower.includes(` ${n} `));
}

function authText(a: { label: string; clause: string }, systems: SystemEntry[]): string {
  const named = systems.filter((s) => mentionedIn(a.clause, s));
  return named.length === 1 ? `${a.label} for ${named[0]!.name}` : a.label;
}


/** Keeps only the parts that validate, so one odd phrase never voids the whole extraction. */
export function sanitize(partial: PartialInputs, known: ReadonlySet<string> = new Set()): PartialInputs {
  const shape = PartialInputsSchema.shape;
  const out: Record<string, unknown> = {};
  const systemSchema = shape.systems.unwrap().element;
  const flowSchema = shape.flows.unwrap().element;
  const systems = (partial.systems ?? [])
    .flatMap((s) => {
      const r = systemSchema.safeParse(s);
      return r.success ? [r.data] : [];
    })
    .filter((s, i, all) => all.findIndex((o) => o.name.toLowerCase() === s.name.toLowerCase()) === i)
    .slice(0, 12);
  const listed = (name: string) => systems.some((s) => s.name.toLowerCase() === name.toLowerCase());
  const flows = (partial.flows ?? [])
    .flatMap((f) => {
      const r = flowSchema.safeParse(f);
      return r.success ? [r.data] : [];
    })
    .filter((f) => listed(f.from) && listed(f.to) && f.from.toLowerCase() !== f.to.toLowerCase())
    .slice(0, 24);
  if (systems.length > 0) out.systems = systems;
  if (flows.length > 0) out.flows = flows;
  for (const key of ['volumePerDay', 'latencySeconds', 'stack', 'auth', 'compliance', 'peakFactor', 'outageSeconds', 'callLatencyMs', 'recordBytes', 'bytesPerDay', 'backfillRecords', 'alertChannel', 'today'] as const) {
    if (partial[key] === undefined) continue;
    const r = shape[key].safeParse(partial[key]);
    if (r.success) out[key] = r.data;
  }
  if (partial.rateLimits) {
    const r = shape.rateLimits.safeParse(partial.rateLimits.filter((l) => listed(l.system) || known.has(l.system.toLowerCase())).slice(0, 24));
    if (r.success && r.data && r.data.length > 0) out.rateLimits = r.data;
  }
  const final = PartialInputsSchema.safeParse(out);
  return final.success ? final.data : {};
}
