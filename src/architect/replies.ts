/**
 * Thread replies read with the same readers as requests, in the light of the design they answer: a reply that
 * changes anything (volumes, limits of any kind, a new or reverse flow, a replaced system, retry preferences,
 * stack, latency, outage, peak) becomes new inputs with a line per change; what it asks but cannot be applied is
 * said plainly; a question stays a question; a what-if gets the inputs of its case, so its answer can give that
 * case's numbers.
 */
import { readRequest } from './extract.js';
import { readQuantities } from './extract/quantities.js';
import { findSystem, IntegrationInputsSchema, type FlowInput, type IntegrationInputs, type RateLimitInput, type SystemInput } from './inputs.js';
import { findProvider, inferKind, type SystemKind } from './knowledge/index.js';
import { statedSpec } from './plan/limits.js';
import { durS, fmt } from './prose.js';

export type ReplyIntent = 'change' | 'question' | 'what-if';

export interface ReplyReading {
  intent: ReplyIntent;
  /** The inputs with the reply applied (a what-if: the case it asks about). Unchanged when nothing applies. */
  inputs: IntegrationInputs;
  /** One line per change applied, e.g. "Max attempts: 3". */
  applied: string[];
  /** What the reply asks for that could not be applied, each with why. */
  unapplied: string[];
}

const WHAT_IF = /\bwhat\s+(?:if|happens\s+(?:if|when)|would\s+happen\s+(?:if|when)|about\s+if)\b|\bsuppose\b|\bimagine\b|\bin\s+case\b.*\?/i;
const QUESTION_START = /^(?:why|what|how|when|where|which|who|whom|can|could|does|do|did|should|shall|is|are|was|were|will|would|has|have|explain|tell me)\b/i;
const POLITE_REQUEST = /^(?:can|could|would|will)\s+(?:you|we)\s+(?:please\s+)?(?:change|add|use|switch|make|remove|drop|increase|decrease|reduce|raise|lower|replace|set|move|update|cap|limit)\b/i;
const ASKS_FOR_CHANGE = /\binstead(?:\s+of)?\b|\brather\s+than\b|^(?:can|could|should|shall)\s+we\s+(?:just\s+)?(?:do|have|go\s+with|use|switch|make\s+it|keep\s+it|cap|limit|set|lower|raise|reduce|increase|drop|add)\b/i;
const CHANGE_VERB = /\b(?:change|add|use|switch|make|remove|drop|increase|decrease|reduce|raise|lower|replace|swap|set|move|update|push|send|sync|instead|please)\b/i;

/** Lowercase names a reply may use for the design's systems: their names, the head-less form, their type word. */
function knownNames(inputs: IntegrationInputs): Map<string, { name: string; key: string }> {
  const out = new Map<string, { name: string; key: string }>();
  const put = (alias: string, s: SystemInput) => {
    const a = alias.toLowerCase().trim();
    if (a.length >= 2 && !out.has(a)) out.set(a, { name: s.name, key: s.name.toLowerCase() });
  };
  for (const s of inputs.systems) {
    put(s.name, s);
    const p = findProvider(s.name);
    if (p) for (const alias of [p.name, ...p.aliases]) put(alias, s);
    // "billing" for "billing service", "ledger" for "ledger DB", "acme" for "Acme Rewards" when no other system starts so.
    const words = s.name.split(/\s+/);
    if (words.length >= 2 && /^(?:service|svc|app|api|db|database|system|platform|backend)$/i.test(words.at(-1)!)) put(words.slice(0, -1).join(' '), s);
    if (words.length >= 2 && inputs.systems.filter((o) => o.name.split(/\s+/)[0]!.toLowerCase() === words[0]!.toLowerCase()).length === 1) put(words[0]!, s);
  }
  // "the ERP" for SAP when the design says SAP is the ERP: only when one system is described by that word.
  for (const word of ['erp', 'crm', 'ledger', 'warehouse', 'helpdesk', 'wms', 'oms', 'hris', 'pos']) {
    const described = inputs.systems.filter((s) => new RegExp(`\\b${word}\\b`, 'i').test(`${s.description} ${s.name}`));
    if (described.length === 1) put(word, described[0]!);
  }
  return out;
}

function intentOf(text: string): ReplyIntent {
  if (WHAT_IF.test(text)) return 'what-if';
  if (POLITE_REQUEST.test(text)) return 'change';
  if (/\?\s*$/.test(text) || QUESTION_START.test(text)) return 'question';
  return 'change';
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** How to describe a system the catalog does not know, from what its name says it is. */
const KIND_LABEL: Record<SystemKind, string> = {
  'saas-api': 'third-party API',
  database: 'database',
  'event-stream': 'event stream',
  queue: 'message queue',
  'search-index': 'search index',
  warehouse: 'data warehouse',
  'object-store': 'object storage',
  'file-drop': 'file drop',
  'internal-service': 'internal service',
  'client-app': 'client application',
  'api-gateway': 'API gateway',
};

/** Reads a reply to a design into its intent and the inputs it leads to. */
export function readReply(inputs: IntegrationInputs, reply: string): ReplyReading {
  const text = reply.trim();
  const intent = intentOf(text);
  const applied: string[] = [];
  const unapplied: string[] = [];
  let next: IntegrationInputs = structuredClone(inputs);
  const destination = inputs.flows[0]!.to;
  const { partial, half } = readRequest(text, { known: knownNames(inputs), defaultLimitOwner: { key: destination.toLowerCase(), name: destination } });
  let understood = false;

  // Systems the reply names that the design does not have, described by the catalog or the reply.
  const addSystem = (name: string): SystemInput | null => {
    const existing = findSystem(next.systems, name);
    if (existing) return existing;
    const said = partial.systems?.find((s) => same(s.name, name));
    // What the reply says it is for ("Algolia for the marketing site search"), else what its name says it is.
    const purpose = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(?:for|as)\\s+(?:the\\s+|our\\s+|a\\s+)?([^,.;!?]{3,60})`, 'i').exec(text)?.[1]?.trim();
    const kind = inferKind({ name });
    const description = said?.description ?? findProvider(name)?.description ?? purpose ?? (kind !== 'saas-api' ? KIND_LABEL[kind] : undefined);
    if (!description) {
      unapplied.push(`${name}: I don't know what it is — say it in a reply (e.g. "${name} is our accounting system")`);
      return null;
    }
    const system = { name, description, ...(said?.kind ? { kind: said.kind } : {}) };
    next.systems.push(system);
    applied.push(`Added system: ${name} (${description})`);
    return system;
  };
  const addFlow = (from: string, to: string, data: string | undefined) => {
    if (same(from, to) || next.flows.some((f) => same(f.from, from) && same(f.to, to))) return;
    const like = next.flows.find((f) => same(f.from, from) || same(f.to, to)) ?? next.flows[0]!;
    const flow: FlowInput = { from, to, data: data ?? like.data };
    next.flows.push(flow);
    applied.push(`Added flow: ${from} → ${to} (${flow.data})`);
  };

  // Replace a system: "replace Mailchimp with Klaviyo", "use Klaviyo instead of Mailchimp", "swap X for Y".
  const swap =
    /\b(?:replace|swap)\s+(?:the\s+)?([\w .&-]+?)\s+(?:with|for|by)\s+(?:the\s+)?([\w.&-]+(?:\s+[A-Z][\w.&-]*)?)/i.exec(text) ??
    /\b(?:use|switch\s+to|move\s+to|going\s+with)\s+([\w.&-]+(?:\s+[A-Z][\w.&-]*)?)\s+instead\s+of\s+(?:the\s+)?([\w .&-]+?)\b(?=[.,;!]|$)/i.exec(text) ??
    /\b(?:moving|move|migrating|migrate|switching|switch)\s+(?:off|away\s+from|from)\s+(?:the\s+)?([\w.&-]+)\s+(?:to|onto)\s+([\w.&-]+)/i.exec(text);
  if (swap) {
    const [oldName, newName] = /instead/i.test(swap[0]) ? [swap[2]!, swap[1]!] : [swap[1]!, swap[2]!];
    const old = findSystem(next.systems, oldName.trim()) ?? next.systems.find((s) => findProvider(s.name) && findProvider(s.name) === findProvider(oldName));
    const description = findProvider(newName)?.description ?? partial.systems?.find((s) => same(s.name, newName))?.description;
    if (old && description) {
      const rename = (n: string) => (same(n, old.name) ? newName.trim() : n);
      next.systems = next.systems.map((s) => (s === old ? { name: newName.trim(), description } : s));
      next.flows = next.flows.map((f) => ({ ...f, from: rename(f.from), to: rename(f.to) }));
      next.rateLimits = next.rateLimits?.filter((r) => !same(r.system, old.name));
      applied.push(`Replaced ${old.name} with ${newName.trim()}`);
      understood = true;
    }
  }

  // Remove a system: "drop Zendesk", "we no longer need HubSpot".
  const remove = /\b(?:remove|drop|stop\s+sending\s+to|no\s+longer\s+(?:need|use))\s+(?:the\s+)?([\w.&-]+)/i.exec(text);
  const removed = remove ? findSystem(next.systems, remove[1]!) : undefined;
  if (removed && next.systems.length > 2) {
    next.systems = next.systems.filter((s) => s !== removed);
    next.flows = next.flows.filter((f) => !same(f.from, removed.name) && !same(f.to, removed.name));
    next.rateLimits = next.rateLimits?.filter((r) => !same(r.system, removed.name));
    applied.push(`Removed system: ${removed.name}`);
    understood = true;
  }

  // Flows the reply states, and one-sided ones completed from the design: "also push refunds to Xero".
  for (const f of partial.flows ?? []) {
    const a = addSystem(f.from);
    const b = addSystem(f.to);
    if (a && b) addFlow(a.name, b.name, f.data);
    understood = true;
  }
  for (const h of half) {
    const end = h.to ?? h.from!;
    const system = addSystem(end);
    understood = true;
    if (!system) continue;
    const sources = [...new Set(next.flows.map((f) => f.from))].filter((s) => !same(s, system.name));
    const targets = [...new Set(next.flows.map((f) => f.to))].filter((s) => !same(s, system.name));
    if (h.to) {
      if (sources.length >= 1) addFlow(sources[0]!, system.name, h.data);
    } else if (targets.length >= 1) addFlow(system.name, targets[0]!, h.data);
  }
  // "add the reverse flow", "make it two-way", "sync back": every flow (or the named pair) also the other way.
  if (/\b(?:two[\s-]?way|bi-?directional|both\s+ways|both\s+directions|reverse\s+(?:flow|direction|sync)|sync\s+(?:it\s+|them\s+)?back|the\s+other\s+way)\b/i.test(text)) {
    for (const f of [...next.flows]) {
      if (!next.flows.some((g) => same(g.from, f.to) && same(g.to, f.from))) addFlow(f.to, f.from, `changes to ${f.data}`.slice(0, 600));
    }
    understood = true;
  }
  // A product the reply brings in without saying how ("we're adding Algolia …, send the same entries there"):
  // another destination of the design's main source.
  for (const s of partial.systems ?? []) {
    if (findSystem(next.systems, s.name) || (partial.flows ?? []).some((f) => same(f.from, s.name) || same(f.to, s.name))) continue;
    if (half.some((h) => same(h.to ?? h.from ?? '', s.name))) continue;
    if (/\bas\s+(?:a\s+|an\s+|another\s+|new\s+)*source\b|\bfrom\s+/i.test(text)) continue;
    const system = addSystem(s.name);
    const source = next.flows.find((f) => !same(f.from, s.name))?.from;
    if (system && source) addFlow(source, system.name, undefined);
    understood = true;
  }
  // A new system named as a destination or source without a flow: "add Algolia as a destination".
  const asRole = /\badd\s+(?:the\s+)?([\w.&-]+(?:\s+[A-Z][\w.&-]*)?)\s+as\s+(?:a\s+|an\s+|another\s+|new\s+)*(destination|target|sink|source)\b/i.exec(text);
  if (asRole) {
    const system = addSystem(asRole[1]!.trim());
    if (system) {
      const source = /source/i.test(asRole[2]!);
      const other = source ? next.flows.find((f) => !same(f.to, system.name))?.to : next.flows.find((f) => !same(f.from, system.name))?.from;
      if (other) addFlow(source ? system.name : other, source ? other : system.name, undefined);
    }
    understood = true;
  }

  // A plan or edition named for a system ("the shopify store is on Plus", "we bought SuiteCloud Plus"): its
  // documented limits for that tier apply, so the tier goes into the system's description, which the planner reads.
  for (const s of next.systems) {
    const p = findProvider(s.name);
    const tiers = [...new Set((p?.limits ?? []).map((l) => l.tier).filter((t): t is string => !!t))];
    const named = tiers.find((t) => {
      const words = t.toLowerCase().replace(/[()&]/g, ' ').split(/\s+/).filter((w) => w.length > 3 && !['shopify', 'plan', 'edition', 'tier', 'standard'].includes(w) && !p!.aliases.includes(w));
      return words.length > 0 && words.every((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text)) && !words.every((w) => new RegExp(`\\b${w}\\b`, 'i').test(s.description));
    });
    const about = next.systems.length === 1 || new RegExp(`\\b(?:${[s.name, ...(p?.aliases ?? [])].map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i').test(text);
    if (!named || !about) continue;
    s.description = `${s.description}; ${named} plan`;
    applied.push(`${s.name}: on the ${named} plan (its documented limits for that plan apply)`);
    understood = true;
  }

  // Quantities.
  const changed = <K extends keyof IntegrationInputs>(key: K, value: IntegrationInputs[K], label: string) => {
    if (next[key] === value) return;
    next = { ...next, [key]: value };
    applied.push(label);
    understood = true;
  };
  // A volume said with a new flow ("also send fulfillments back, ~10k/day") is that flow's: every flow is sized at
  // the design's one volume, so only a larger figure raises it.
  const addedFlows = next.flows.length - inputs.flows.length;
  if (partial.volumePerDay && addedFlows > 0 && inputs.volumePerDay !== undefined && partial.volumePerDay <= inputs.volumePerDay) {
    unapplied.push(`${fmt(partial.volumePerDay)}/day for the new flow on its own: every flow is sized at the design's ${fmt(inputs.volumePerDay)}/day, which covers it`);
  } else if (partial.volumePerDay) changed('volumePerDay', partial.volumePerDay, `Volume: ${fmt(partial.volumePerDay)}/day${addedFlows > 0 ? ' (every flow is sized at it)' : ''}`);
  // "volume triples", "traffic doubles", "5x the volume".
  const grows = /\b(?:volume|traffic|load|it|events?|orders?)\s+(doubles|triples|quadruples|(?:goes\s+up|grows|increases)\s+(\d+(?:\.\d+)?)\s*(?:x|×|times|fold))\b|\b(\d+(?:\.\d+)?)\s*(?:x|×)\s+(?:the\s+)?(?:volume|traffic|load)\b/i.exec(text);
  if (grows && !partial.volumePerDay && !/\bpeak/i.test(text)) {
    const factor = /doubles/i.test(grows[1] ?? '') ? 2 : /triples/i.test(grows[1] ?? '') ? 3 : /quadruples/i.test(grows[1] ?? '') ? 4 : Number(grows[2] ?? grows[3]);
    if (factor > 0) changed('volumePerDay', Math.round(inputs.volumePerDay ?? 30_000) * factor, `Volume: ${fmt(Math.round(inputs.volumePerDay ?? 30_000) * factor)}/day (${fmt(factor)}× today)`);
  }
  if (partial.peakFactor && partial.peakFactor > 1) changed('peakFactor', partial.peakFactor, `Peak factor: ${fmt(partial.peakFactor)}×`);
  if (partial.outageSeconds) changed('outageSeconds', partial.outageSeconds, `Outage to ride out: ${durS(partial.outageSeconds)}`);
  if (partial.callLatencyMs) changed('callLatencyMs', partial.callLatencyMs, `Call latency: ${fmt(partial.callLatencyMs)} ms`);
  if (partial.recordBytes) changed('recordBytes', partial.recordBytes, `Record size: ${fmt(partial.recordBytes)} bytes`);
  if (partial.bytesPerDay) changed('bytesPerDay', partial.bytesPerDay, `Data volume: ${fmt(partial.bytesPerDay / 1e9)} GB/day`);
  if (partial.backfillRecords) changed('backfillRecords', partial.backfillRecords, `Backfill: ${fmt(partial.backfillRecords)} records`);
  if (partial.alertChannel) changed('alertChannel', partial.alertChannel, `Alerts: sent to ${partial.alertChannel}`);
  const zeroLatency = /\b(?:0|zero)\s*(?:ms|milliseconds?|s|seconds?)?\s*(?:of\s+)?latency\b|\blatency\s+(?:of\s+)?(?:0|zero)\b|\bno\s+(?:latency|delay)\s+at\s+all\b/i.test(text);
  if (zeroLatency) {
    unapplied.push('zero latency: every call over a network takes time; give the delay you can accept (e.g. "within 5 seconds")');
    understood = true;
  } else if (partial.latencySeconds) changed('latencySeconds', partial.latencySeconds, `Latency: ${durS(partial.latencySeconds)}`);

  // Limits: each on its system, replacing a stated limit of the same kind there.
  for (const limit of partial.rateLimits ?? []) {
    const system = findSystem(next.systems, limit.system);
    if (!system) continue;
    const kept = (next.rateLimits ?? []).filter((r) => !(same(r.system, system.name) && limitKind(r) === limitKind(limit)));
    next = { ...next, rateLimits: [...kept, { ...limit, system: system.name }] };
    applied.push(`${system.name} limit: ${limit.type === 'unknown' ? 'exists, size unknown' : limit.limit}`);
    understood = true;
  }

  // Retry preferences: "max 3 attempts", "3 retries max" (1 try + 3 retries), never "forever".
  if (/\bretr(?:y|ies)\s+(?:forever|indefinitely|endlessly|until\s+it\s+works)|\binfinite(?:ly)?\s+retr|\bnever\s+(?:stop\s+retrying|give\s+up)/i.test(text)) {
    unapplied.push('retrying forever: a message that can never succeed would block its key and hide the fault; after the last attempt it goes to the dead-letter queue, where it can be replayed once fixed');
    understood = true;
  } else {
    const attempts = /\b(\d{1,2})\s*(attempts?|tries|retries|retry)\b(?:\s*max(?:imum)?)?|\bmax(?:imum)?\s+(?:of\s+)?(\d{1,2})\s*(attempts?|tries|retries)\b/i.exec(text);
    if (attempts) {
      const n = Number(attempts[1] ?? attempts[3]);
      const unit = (attempts[2] ?? attempts[4])!.toLowerCase();
      const total = /retr/.test(unit) ? n + 1 : n;
      if (total >= 1) changed('maxAttempts', total, `Max attempts: ${total}${/retr/.test(unit) ? ` (1 try + ${n} retries)` : ''}`);
    }
  }

  // Stack: the cloud and the messaging the reply names.
  if (partial.stack && partial.stack !== inputs.stack) {
    const stack = mergeStack(inputs.stack, partial.stack);
    changed('stack', stack, `Stack: ${stack}`);
  }
  for (const [re, key] of [
    [/\b(?:gdpr|hipaa|pci|soc ?2|residency|must stay in|eu only|sovereign|phi)\b/i, 'compliance'],
    [/\b(?:oauth|api[ -]?keys?|jwt|mtls|client credentials|service account)\b/i, 'auth'],
  ] as const) {
    if (re.test(text)) changed(key, [inputs[key], text].filter(Boolean).join('; ').slice(0, 600), `${key === 'auth' ? 'Authentication' : 'Compliance'}: "${text.slice(0, 80)}"`);
  }

  // Clauses that ask for something none of the above understood: said, never dropped.
  if (intent === 'change') {
    for (const clause of text.split(/[.;!\n]+|,\s*(?:and\s+)?|\s+and\s+(?=(?:use|make|add|switch|change|set|replace|send|push|move|please)\b)/i)) {
      const c = clause.trim();
      if (c.length < 4 || !CHANGE_VERB.test(c)) continue;
      const mentionsSomething = readQuantities(c).length > 0 || (partial.systems ?? []).some((s) => c.toLowerCase().includes(s.name.toLowerCase())) || /\b(?:retr|attempt|two-way|reverse|both ways|instead|replace|swap|remove|drop|stack|gcp|aws|azure|kafka|sqs|pub\/?sub|rabbit|latency|volume|peak|outage|limit|quota|alerts?|page|dlq)\b/i.test(c);
      if (!mentionsSomething) unapplied.push(`"${c}": not something I can apply to this design`);
    }
  }

  const valid = IntegrationInputsSchema.safeParse(next);
  if (!valid.success) {
    unapplied.push(`the change would leave the design invalid (${valid.error.issues[0]?.message ?? 'invalid inputs'})`);
    return { intent, inputs, applied: [], unapplied };
  }
  // "can paypal payments go into salesforce the same way?" asks for a change in a question's words.
  const newSystem = valid.data.systems.length > inputs.systems.length;
  // "can we do 3 retries max instead of 8?", "could we go with Pub/Sub?": a question that asks for a change it names.
  const asksForChange = intent === 'question' && applied.length > 0 && (ASKS_FOR_CHANGE.test(text) || applied.some((a) => / plan \(its documented limits/.test(a)));
  const final = intent === 'change' && !understood && unapplied.length === 0 ? 'question' : intent === 'question' && (newSystem || asksForChange) ? 'change' : intent;
  return { intent: final, inputs: valid.data, applied, unapplied };
}

/** What kind of limit a stated one is, typed or read from its words; a daily window is a quota. */
function limitKind(r: Omit<RateLimitInput, 'system'>): string {
  const spec = statedSpec({ system: '', ...r });
  if (!spec) return r.type ?? 'unknown';
  return spec.type === 'rate' && spec.windowSeconds >= 86_400 ? 'quota' : spec.type;
}

const CLOUDS = /\b(?:aws|amazon web services|gcp|google cloud|azure)\b/i;

/** The stack with the reply's cloud and components in place of the design's. */
function mergeStack(before: string | undefined, said: string): string {
  if (!before) return said;
  const saidParts = said.split(/,\s*/).filter(Boolean);
  const cloud = saidParts.find((s) => CLOUDS.test(s));
  // "Node.js services on AWS" + "GCP" → "Node.js services on GCP"; other components are added once.
  let stack = cloud && CLOUDS.test(before) ? before.replace(new RegExp(CLOUDS.source, 'gi'), cloud) : before;
  for (const part of saidParts) if (part !== cloud || !CLOUDS.test(stack)) if (!stack.toLowerCase().includes(part.toLowerCase())) stack = `${stack}, ${part}`;
  return stack.slice(0, 400);
}
