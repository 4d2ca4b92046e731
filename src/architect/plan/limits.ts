import { limitCapacity, parseLimit, type LimitSpec } from '../calculators/limits.js';
import type { RateLimitInput } from '../inputs.js';
import type { Limit, Provider } from '../knowledge/schema.js';
import type { EffectiveLimit, SystemPlan } from './types.js';

/**
 * Which limits bind an integration's calls to a system: what the person stated (their numbers win over the
 * catalog's for the same kind of limit), plus the vendor's documented limits that count every call the
 * integration makes — account, app, tenant or installation wide, for the API it uses — at the most
 * conservative plan tier unless the person named their tier.
 */

const BINDING_SCOPES = new Set(['account', 'app', 'tenant', 'installation', 'project', 'user', 'connection', 'endpoint']);
/** appliesTo phrases that name a narrow feature rather than the API an integration uses for its reads and writes. */
const NARROW = /\b(?:legacy|bulk|search|meter|files? api|reports?|export|test|sandbox|unauthenticated|burst|per channel|webhooks? (?:per|subscriptions)|event hooks?|log ?streams?)\b/i;

export interface LimitUse {
  reads: boolean;
  writes: boolean;
  /** Names people used for the system, tier hints included ("Shopify Plus"). */
  text: string;
  /** How the person described the system, for matching a limit's appliesTo ("Outlook mailboxes"). */
  context: string;
  /** The integration reads the system with an export or incremental endpoint (batch or poll). */
  exporting: boolean;
  /** Writes go through the system's batch or bulk endpoint. */
  bulk: boolean;
  /** The vendor's methods and endpoints the integration calls, as the catalog names them ("getOrders with …"). */
  methods: string;
  /** What moves to or from the system, for matching a named API method ("chat.postMessage" ↔ "messages"). */
  data: string;
  callLatencySeconds: number;
}

/** A stated limit as a typed spec: the typed fields when an extractor filled them, else the words parsed. */
export function statedSpec(r: RateLimitInput): LimitSpec | null {
  switch (r.type) {
    case 'rate':
      if (r.requests && r.windowSeconds) return { type: 'rate', requests: r.requests, windowSeconds: r.windowSeconds };
      break;
    case 'concurrency':
      if (r.max) return { type: 'concurrency', max: r.max };
      break;
    case 'quota':
      if (r.amount && r.periodSeconds) return { type: 'quota', amount: r.amount, periodSeconds: r.periodSeconds };
      break;
    case 'points':
      if (r.bucket && r.restorePerSecond) return { type: 'points', bucket: r.bucket, restorePerSecond: r.restorePerSecond, costPerCall: r.costPerCall ?? null };
      break;
    case 'unknown':
      return { type: 'unknown' };
  }
  return parseLimit(r.limit);
}

/** A documented limit as a typed spec: cost-point allowances per second are buckets, long windows are quotas. */
export function documentedSpec(l: Limit, provider: Provider): LimitSpec {
  switch (l.type) {
    case 'rate':
      return l.windowSeconds >= 86_400 ? { type: 'quota', amount: l.requests, periodSeconds: l.windowSeconds } : { type: 'rate', requests: l.requests, windowSeconds: l.windowSeconds };
    case 'concurrency':
      return { type: 'concurrency', max: l.max };
    case 'points':
      // A bucket counted in requests is a token bucket: one per call.
      return { type: 'points', bucket: l.bucket, restorePerSecond: l.restorePerSecond, costPerCall: l.typicalCost ?? (/\b(?:requests?|calls?)\b/i.test(l.unit) ? 1 : null) };
    case 'quota': {
      const perCall = /\b(?:requests?|calls?|api calls?|operations?|credits?)\b/i.test(l.unit);
      // A budget of execution time per window ("1,200 s per 5 minutes") allows that many calls in flight on average.
      if (/\b(?:seconds?|time)\b/i.test(l.unit)) return { type: 'concurrency', max: Math.max(1, Math.floor(l.amount / l.periodSeconds)) };
      if (!perCall && l.periodSeconds < 3600) {
        // An allowance of cost points per second is a bucket refilling at that rate.
        const cost = provider.limits.find((x): x is Extract<Limit, { type: 'points' }> => x.type === 'points')?.typicalCost ?? null;
        return perCall
          ? { type: 'rate', requests: l.amount, windowSeconds: l.periodSeconds }
          : { type: 'points', bucket: l.amount, restorePerSecond: l.amount / l.periodSeconds, costPerCall: cost };
      }
      return l.periodSeconds >= 86_400 ? { type: 'quota', amount: l.amount, periodSeconds: l.periodSeconds } : { type: 'rate', requests: l.amount, windowSeconds: l.periodSeconds };
    }
  }
}

/** Tiers nobody runs production on, or exceptions to the usual one (a few newer Regions); used only when named. */
const NON_PRODUCTION_TIER = /\b(?:developer|free|trial|sandbox|test|starter)\b|\b(?:newer|listed|some|other) regions?\b/i;

function appliesToUse(l: Limit, provider: Provider, use: LimitUse): boolean {
  if (l.environment === 'sandbox') return false;
  // A named API method binds when it is what the flow does ("chat.postMessage" for messages we post).
  const apiMethod = /\b[a-z]+\.([a-z]+[A-Z][A-Za-z]*)\b/.exec(l.appliesTo ?? '');
  if (apiMethod) {
    const words = apiMethod[1]!.replace(/([A-Z])/g, ' $1').toLowerCase().split(/\s+/).filter((w) => w.length > 3);
    return use.writes && words.some((w) => new RegExp(`\\b${w}s?\\b`, 'i').test(use.data));
  }
  // A limit on long calls ("requests running 20 seconds or longer") binds only calls that long.
  const long = /\b(\d+) seconds? or longer\b/i.exec(l.appliesTo ?? '');
  if (long) return use.callLatencySeconds >= Number(long[1]);
  // A bare operation name ("getOrders", "createFeed") binds when it is one of the methods we call.
  if (l.appliesTo && /^[a-z]+[A-Z][A-Za-z]*$/.test(l.appliesTo.trim())) return new RegExp(`\\b${l.appliesTo.trim()}\\b`).test(use.methods);
  if (l.scope === 'object') return funnelsThrough(l.appliesTo ?? '', use);
  if (!BINDING_SCOPES.has(l.scope)) return false;
  if (l.tier && NON_PRODUCTION_TIER.test(l.tier) && !tierNamed(l.tier, use.text)) return false;
  if (l.appliesTo === null) return true;
  const a = l.appliesTo;
  // A per-endpoint limit binds each endpoint we call (we write through one or two), unless it names another one.
  if (l.scope === 'endpoint' && /\b(?:each|every|per)\b[^.]*\bendpoint|\bGET\b|\bPOST\b|\bPUT\b/i.test(a) && !/\//.test(a)) {
    return /\b(?:POST|PUT|PATCH)\b/.test(a) ? use.writes : /\bGET\b/.test(a) ? use.reads : true;
  }
  // A single endpoint ("POST /api/v2/users/create_or_update") binds only the calls to it.
  if (/(?:^|\s)\/[a-z0-9]|\b(?:GET|POST|PUT|PATCH|DELETE)\s+\//.test(a)) return false;
  if (/\blegacy\b/i.test(a)) return false;
  if (/\b(?:incremental|export)/i.test(a)) return use.exporting;
  // A limit on one direction of traffic ("data-out reads and queries", "mutations only").
  if (/\bdata-out\b|\breads? and quer|\bGET requests\b|\breads? only\b/i.test(a)) return use.reads;
  if (/\bdata-in\b|\bwrites? only\b|\bmutations only\b/i.test(a)) return use.writes;
  // A batch or bulk endpoint's own limit binds only the flows that write through it.
  if (/\b(?:batch|bulk)\b/i.test(a) && !/\b(?:rest|soap|graphql|all|every)\b/i.test(a)) return use.bulk;
  if (/\bTier \d\b/i.test(a)) return false;
  // Every call, or the API style we use ("REST, SOAP and Bulk API calls", "GraphQL Admin API").
  if (/\b(?:all|every|any)\b|\bauthenticated\b|\bapi (?:calls?|requests?|credits?)\b|^per (?:org|account|tenant|user|project)\b/i.test(a)) return true;
  // The account's or user's whole allowance ("concurrent requests of one user", "combined execution time").
  if (/^(?:concurrent |combined |simultaneous )?(?:requests|calls|execution time)\b|\b(?:requests|calls) of (?:one|a|each|the) (?:user|app|account|org|tenant)/i.test(a)) return true;
  // The provider's first protocol is the one an integration uses (Shopify: GraphQL; GitHub: REST).
  if (/\bgraphql\b/i.test(a)) return provider.protocols[0] === 'graphql';
  if (/\brest\b/i.test(a)) return provider.protocols[0] !== 'graphql';
  if (NARROW.test(a)) return false;
  // Limits that belong to the way we authenticate ("private-app calls" when we use a private app token).
  const method = provider.auth?.methods.find((m) => m.kind === provider.auth?.recommended);
  if (method) {
    const words = a.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 3 && !['calls', 'call', 'requests', 'request', 'apps'].includes(w));
    if (words.length > 0 && words.every((w) => `${method.kind} ${method.detail}`.toLowerCase().replace(/[^a-z0-9]+/g, ' ').includes(w.replace(/-/g, ' ')))) return true;
  }
  // Words of the API or product the integration uses ("Support API", "Outlook mail"); an operation on some
  // object ("List Tickets beyond page 500") is narrower than that.
  if (/\b(?:list|beyond|page|pagination|incremental|upload|download|attachments?|create|delete)\b/i.test(a)) return false;
  const context = `${provider.name} ${provider.covers} ${use.context}`.toLowerCase();
  const significant = a.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 3 && !['calls', 'requests', 'each', 'mailbox', 'contacts', 'calendar', 'with', 'from'].includes(w));
  if (significant.length > 0 && significant.some((w) => context.includes(w))) return true;
  if (/\bwrites?|mutations?|create|update\b/i.test(a)) return use.writes;
  if (/\breads?|queries|get\b/i.test(a)) return use.reads;
  return false;
}

/**
 * A per-object limit binds when every call goes through that one object — the single long code we send from,
 * the warehouse we load into — which the person's description names. Limits on one record ("writes to one
 * issue") never bind a flow that spreads over many records.
 */
/** The object a per-object limit counts: "outbound messages from one US long code" → "US long code". */
function objectOf(appliesTo: string): string {
  return appliesTo.replace(/\([^)]*\)/g, '').split(/\b(?:one|a|per|each|single)\b/i).pop()!.replace(/[,.;].*$/, '').trim();
}

function funnelsThrough(appliesTo: string, use: LimitUse): boolean {
  if (/\b(?:updates?|writes?|changes?) (?:to|of) (?:one|a|each)\b|\bpage blob\b/i.test(appliesTo)) return false;
  const object = objectOf(appliesTo);
  const words = object.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2 && !['the', 'and', 'api', 'rest'].includes(w));
  const context = `${use.context} ${use.data}`.toLowerCase();
  if (words.length === 0 || /\b(?:pool|several|multiple|many)\b/.test(context)) return false;
  return words.every((w) => new RegExp(`\\b${w}s?\\b`).test(context));
}

/** Points a call costs when nobody says: mutations cost more than reads (a stated assumption in the design). */
export function assumedCost(use: Pick<LimitUse, 'writes'>): number {
  return use.writes ? 10 : 1;
}

function comparable(spec: LimitSpec, use: LimitUse): number {
  return limitCapacity(spec, { callLatencySeconds: use.callLatencySeconds, assumedCostPerCall: assumedCost(use) }).sustainedPerSecond ?? Infinity;
}

/** The limits that bind this system's calls, stated first. */
export function effectiveLimits(system: SystemPlan, stated: RateLimitInput[], use: LimitUse): EffectiveLimit[] {
  const out: EffectiveLimit[] = [];
  const statedTypes = new Set<string>();
  for (const r of stated) {
    const spec = statedSpec(r);
    if (!spec) continue;
    statedTypes.add(spec.type === 'quota' ? 'quota' : spec.type);
    // A stated limit that restates a documented one keeps the vendor's source and note.
    const same = system.provider?.limits.find((l) => l.environment !== 'sandbox' && sameSpec(documentedSpec(l, system.provider!), spec));
    // Whose limit it is, as said ("per consumer"), stays on the line: it decides whether the limit binds.
    const label = r.scope && !r.limit.toLowerCase().includes(r.scope.toLowerCase()) ? `${r.limit} ${r.scope}` : r.limit;
    out.push(effective(system.name, spec, 'stated', label, r.scope ?? same?.scope ?? null, same?.appliesTo ?? null, same?.source ?? null, use, null, same?.note ?? null));
  }
  const p = system.provider;
  if (!p) return out;
  // Documented limits, one per kind (and per window for rates): the tier the person named, else the tightest.
  const candidates = p.limits.filter((l) => appliesToUse(l, p, use)).map((l) => ({ l, spec: documentedSpec(l, p) }));
  const groups = new Map<string, { l: Limit; spec: LimitSpec }[]>();
  for (const c of candidates) {
    // One per kind and window; limits that count different things (requests in flight vs execution time) both hold.
    const group = c.spec.type === 'rate' ? `rate:${c.spec.windowSeconds}:${c.l.scope}` : `${c.spec.type}:${c.l.scope}:${c.l.type === c.spec.type ? '' : c.l.type}`;
    groups.set(group, [...(groups.get(group) ?? []), c]);
  }
  for (const group of groups.values()) {
    const type = group[0]!.spec.type;
    if (statedTypes.has(type)) continue;
    const named = group.find((c) => c.l.tier && tierNamed(c.l.tier, use.text));
    const chosen = named ?? group.reduce((a, b) => (comparable(b.spec, use) < comparable(a.spec, use) ? b : a));
    // "Enterprise" is a plan; "production orgs and sandboxes" or "most Regions" is said as it is.
    const tier = chosen.l.tier;
    const tierNote = !tier || chosen.l.label.includes(tier) || tierNamed(tier, chosen.l.label) ? null : /^[A-Z][\w+-]*(?: [A-Z][\w+-]*)?$/.test(tier) ? `${tier} plan` : tier;
    out.push(effective(system.name, chosen.spec, 'documented', chosen.l.label, chosen.l.scope, chosen.l.appliesTo, chosen.l.source, use, tierNote, chosen.l.note ?? null));
  }
  return out;
}

function sameSpec(a: LimitSpec, b: LimitSpec): boolean {
  if (a.type === 'rate' && b.type === 'rate') return a.requests / a.windowSeconds === b.requests / b.windowSeconds;
  if (a.type === 'concurrency' && b.type === 'concurrency') return a.max === b.max;
  if (a.type === 'quota' && b.type === 'quota') return a.amount / a.periodSeconds === b.amount / b.periodSeconds;
  if (a.type === 'points' && b.type === 'points') return a.bucket === b.bucket && a.restorePerSecond === b.restorePerSecond;
  return false;
}

function tierNamed(tier: string, text: string): boolean {
  const words = tier.toLowerCase().replace(/[()]/g, ' ').split(/\s+/).filter((w) => w.length > 3 && !['shopify', 'plan', 'edition', 'tier'].includes(w));
  return words.length > 0 && words.every((w) => text.toLowerCase().includes(w));
}

/** The scope of a limit that is the part of a larger one set aside for this integration (read from "20% of …"). */
export const OUR_SHARE = 'our share';

function effective(
  system: string,
  spec: LimitSpec,
  origin: EffectiveLimit['origin'],
  label: string,
  scope: string | null,
  appliesTo: string | null,
  source: string | null,
  use: LimitUse,
  tier: string | null = null,
  note: string | null = null,
): EffectiveLimit {
  // A share the person was given ("only 20% of the org's quota") already leaves the rest to others: used in full.
  const utilization = scope === OUR_SHARE ? 1 : undefined;
  const perKey = limitCapacity(spec, { callLatencySeconds: use.callLatencySeconds, assumedCostPerCall: assumedCost(use), ...(utilization ? { utilization } : {}) });
  const per = partitionOf(`${label} ${appliesTo ?? ''}`, scope, use.context);
  const n = per?.count ?? 1;
  const times = (v: number | null) => (v === null ? null : v * n);
  return {
    note,
    per,
    funnel: scope === 'object' && appliesTo ? objectOf(appliesTo) : null,
    perKey,
    system,
    spec,
    origin,
    label: tier ? `${label} (${tier})` : label,
    scope,
    appliesTo,
    source,
    capacity: { ...perKey, sustainedPerSecond: times(perKey.sustainedPerSecond), dailyCapacity: times(perKey.dailyCapacity) },
  };
}

/** Other words people use for the thing a limit is counted per. */
const PARTITION_SYNONYMS: Record<string, string> = {
  user: 'users?|employees?|members?|agents?|seats?|people',
  mailbox: 'mailbox(?:es)?|inbox(?:es)?',
  channel: 'channels?',
  realm: 'realms?|compan(?:y|ies)',
  company: 'compan(?:y|ies)|realms?',
  store: 'stores?|shops?',
  shop: 'shops?|stores?',
  merchant: 'merchants?|sellers?',
  seller: 'sellers?|merchants?|selling partners?',
  tenant: 'tenants?|customers?',
  installation: 'installations?|orgs?|organi[sz]ations?',
  base: 'bases?',
  board: 'boards?',
  repository: 'repositor(?:y|ies)|repos?',
  site: 'sites?',
  location: 'locations?',
};
const NOT_PARTITIONS = new Set(['app', 'id', 'api', 'project', 'account', 'org', 'second', 'minute', 'hour', 'day', 'month', 'request', 'call', 'token', 'ip', 'key', 'client', 'workspace', 'endpoint', 'method']);

/**
 * Whether a limit counted per something ("per app and mailbox", "per user") is spread over many of those
 * things, from a count in the person's description ("500 shared Outlook mailboxes", "2,000 employees").
 */
function partitionOf(text: string, scope: string | null, context: string): { noun: string; count: number } | null {
  const nouns = [...text.toLowerCase().matchAll(/\bper ([a-z]+(?:(?: id)? and [a-z]+)?)/g)].flatMap((m) => m[1]!.split(/ (?:id )?and | /));
  if (scope === 'user') nouns.push('user');
  for (const noun of nouns.map((w) => w.replace(/s$/, '')).filter((w) => !NOT_PARTITIONS.has(w) && w.length > 2)) {
    const words = PARTITION_SYNONYMS[noun] ?? `${noun}s?`;
    const m = new RegExp(`(\\d[\\d,]*)\\s+(?:[\\w-]+\\s+){0,3}?(?:${words})\\b`, 'i').exec(context);
    const count = m ? Number(m[1]!.replace(/,/g, '')) : 0;
    if (count > 1) return { noun, count };
  }
  return null;
}
