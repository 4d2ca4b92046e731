import { catalog } from './catalog.js';
import type { Provider, SystemKind } from './schema.js';

/**
 * Finding what a system is: its catalog entry by name (aliases, case-insensitive, tolerant of words around
 * it), or, for systems the catalog does not know, its kind from the words people use ("our Postgres",
 * "the iOS app", "a vendor's REST API").
 */

/**
 * Names that are also ordinary English words; free text must capitalise them ("Square", not "square") before
 * they are read as the product.
 */
export const COMMON_WORD_ALIASES: ReadonlySet<string> = new Set([
  'amplitude',
  'lightspeed',
  'confluence',
  'vend',
  'square',
  'box',
  'zoom',
  'slack',
  'intercom',
  'plaid',
  'notion',
  'linear',
  'sentry',
  'greenhouse',
  'gusto',
  'braze',
  'kong',
  'snowflake',
  'mongo',
  'pg',
  'zd',
  'sf',
  'hs',
  'ns',
  'sn',
  'pd',
  'gh',
  'snow',
  'es',
  'segment',
  'outlook',
  'front',
]);

/**
 * Words that, right after a product name that is also an ordinary word, make it that word again: "Front end",
 * "Front desk" are not the Front inbox, however they are capitalised.
 */
const ORDINARY_AFTER: ReadonlyMap<string, ReadonlySet<string>> = new Map([['front', new Set(['end', 'ends', 'office', 'desk', 'door', 'line', 'lines', 'page', 'row', 'side'])]]);

/** True when `alias`, followed by the word `next`, is the ordinary phrase rather than the product. */
export function isOrdinaryPhrase(alias: string, next: string | undefined): boolean {
  return next !== undefined && (ORDINARY_AFTER.get(alias)?.has(next.toLowerCase()) ?? false);
}

const LEADING_NOISE = new Set(['the', 'our', 'my', 'a', 'an', 'their', 'your', 'its', 'this', 'that']);

/** Lowercase words of a name: possessives dropped, punctuation other than . / and + turned into spaces. */
export function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9.+/-]+/g, ' ')
    .split(' ')
    .map((t) => t.replace(/^[./-]+|[./-]+$/g, ''))
    .filter((t) => t.length > 0);
}

interface AliasIndex {
  byAlias: Map<string, Provider>;
  maxWords: number;
}
let index: AliasIndex | undefined;

/**
 * Words that name what moves rather than the product: an alias such as "stripe payments" would swallow the data
 * of "sync Stripe payments into Salesforce", so such aliases are not matched (the product name still is).
 */
const DATA_WORDS = new Set(
  'payments payment orders order invoices invoice tickets ticket contacts contact transactions events event messages message sms webhooks webhook subscriptions tasks issues deals leads files records data billing checkout'.split(' '),
);

function aliasIndex(): AliasIndex {
  if (!index) {
    const byAlias = new Map<string, Provider>();
    for (const p of catalog()) {
      for (const alias of [p.name, ...p.aliases]) {
        const tokens = nameTokens(alias);
        if (tokens.length > 1 && DATA_WORDS.has(tokens.at(-1)!) && alias !== p.name) continue;
        byAlias.set(tokens.join(' '), p);
      }
    }
    index = { byAlias, maxWords: Math.max(...[...byAlias.keys()].map((k) => k.split(' ').length)) };
  }
  return index;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions: "salesfroce" is 1 from "salesforce"). */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The catalog entry a misspelt one-word name stands for ("salesfroce", "hubspt"): one edit for names up to eight
 * letters, two for longer ones, same first letter, and only when exactly one product is that close.
 */
export function providerByMisspelling(word: string): Provider | undefined {
  const w = word.toLowerCase();
  if (w.length < 5 || !/^[a-z]+$/.test(w) || aliasIndex().byAlias.has(w)) return undefined;
  const max = w.length <= 8 ? 1 : 2;
  const near = new Set<Provider>();
  for (const [alias, p] of aliasIndex().byAlias) {
    if (alias.includes(' ') || alias.length < 5 || alias[0] !== w[0] || COMMON_WORD_ALIASES.has(alias)) continue;
    if (editDistance(w, alias, max) <= max) near.add(p);
  }
  return near.size === 1 ? [...near][0] : undefined;
}

/** The catalog entry for an alias written exactly (any case), or undefined. */
export function providerByAlias(alias: string): Provider | undefined {
  return aliasIndex().byAlias.get(nameTokens(alias).join(' '));
}

/** Host labels that say nothing about whose API it is. */
const HOST_NOISE = new Set('api apis www app apps rest graph gateway my login auth oauth oauth2 dev developer developers docs v1 v2 v3 eu us uk de au ca io cdn hooks webhooks'.split(' '));

/**
 * A product named by its API's host, as pasted from an error or a config ("api.intercom.io", "acme.myshopify.com",
 * "graph.microsoft.com", "https://api.stripe.com/v1/charges"): a label (or two, either order) that is an alias.
 */
export function providerByHost(host: string): Provider | undefined {
  const name = host.toLowerCase().replace(/^[a-z]+:\/\//, '').split(/[/:?#]/)[0]!;
  if (!/^(?:[a-z0-9-]+\.)+(?:com|io|net|org|dev|co|app|ai|cloud|us|eu|de|uk|au|ca|jp|fr|nl|so|me|tech|sh|xyz|info|biz)$/.test(name)) return undefined;
  const labels = name.split('.').slice(0, -1);
  const { byAlias } = aliasIndex();
  for (let i = labels.length - 1; i > 0; i--) {
    const pair = byAlias.get(`${labels[i]} ${labels[i - 1]}`) ?? byAlias.get(`${labels[i - 1]} ${labels[i]}`);
    if (pair) return pair;
  }
  for (const label of [...labels].reverse()) {
    if (HOST_NOISE.has(label) || /^\d/.test(label)) continue;
    const p = byAlias.get(label) ?? (label.startsWith('my') ? byAlias.get(label.slice(2)) : undefined);
    if (p && !COMMON_WORD_ALIASES.has(label)) return p;
  }
  return undefined;
}

/** Longest alias, in words; lets scanners bound their look-ahead. */
export function maxAliasWords(): number {
  return aliasIndex().maxWords;
}

/**
 * Finds a catalog entry by name: case-insensitive, by alias, and tolerant of extra words around it
 * ("Salesforce CRM", "stripe payments", "our HubSpot portal").
 */
export function findProvider(name: string): Provider | undefined {
  const { byAlias, maxWords } = aliasIndex();
  const tokens = nameTokens(name);
  while (tokens.length > 0 && LEADING_NOISE.has(tokens[0]!)) tokens.shift();
  if (tokens.length === 0) return undefined;
  const exact = byAlias.get(tokens.join(' '));
  if (exact) return exact;
  // A name that ends in a file transport ("ADP SFTP", "bank SFTP") is that transport, whoever it belongs to.
  const last = byAlias.get(tokens.at(-1)!);
  if (tokens.length > 1 && last?.generic && last.kind === 'file-drop') return last;
  // Longest window wins. A common-word alias inside a longer name must lead it and be capitalised
  // ("Square terminal sales", not "a large square table" or "segment of users").
  const capitalised = /^\W*[A-Z]/.test(name.replace(/^\s*(?:the|our|my|a|an|their|your|its|this|that)\s+/i, ''));
  for (let len = Math.min(maxWords, tokens.length); len >= 1; len--) {
    for (let start = 0; start + len <= tokens.length; start++) {
      const key = tokens.slice(start, start + len).join(' ');
      const provider = byAlias.get(key);
      if (isOrdinaryPhrase(key, tokens[start + len])) continue;
      if (provider && (!COMMON_WORD_ALIASES.has(key) || (start === 0 && capitalised))) return provider;
    }
  }
  return undefined;
}

/** Words that say what kind of system something is, tried in order (the first match wins). */
const KIND_WORDS: [SystemKind, RegExp][] = [
  ['client-app', /\b(?:ios|android|mobile|iphone|ipad|react native|flutter|browser|single[- ]page|spa|front[- ]?end|web (?:app|client)|desktop app|pos terminal|kiosk)\b/i],
  ['api-gateway', /\b(?:api[- ]gateway|gateway|apigee|kong|api management|apim)\b/i],
  ['file-drop', /\b(?:s?ftp|ftps|file drop|file share|csv (?:files?|drop|export)|edi|flat files?|nightly files?)\b/i],
  ['object-store', /\b(?:s3|gcs|blob storage|bucket|object stor\w*|data lake|lake|adls|parquet files?)\b/i],
  // A warehouse management system (WMS) runs a physical warehouse: it is not a data warehouse.
  ['warehouse', /\b(?:warehouse(?!\s+management)|dwh|lakehouse|snowflake|bigquery|redshift|databricks|synapse|clickhouse|olap)\b/i],
  ['search-index', /\b(?:elastic\w*|opensearch|solr|algolia|search index|search engine|typesense|meilisearch)\b/i],
  ['event-stream', /\b(?:kafka|kinesis|event ?hubs?|pulsar|redpanda|event stream\w*|event bus|stream(?:s|ing)? platform|topics?|event log)\b/i],
  ['queue', /\b(?:sqs|sns|rabbit\w*|queue|service bus|pub\/?sub|nats|activemq|amqp|mq\b|message broker)\b/i],
  ['database', /\b(?:postgres\w*|mysql|mariadb|sql server|mssql|oracle db|oracle database|database|db|mongo\w*|dynamo\w*|aurora|rds|cockroach\w*|cassandra|redis|sqlite|firestore|cosmos ?db|supabase)\b/i],
  ['internal-service', /\b(?:our|internal|in-house|inhouse|homegrown|home-grown|own|legacy|monolith|microservices?|backend|back-end|service another team owns|another team|platform team)\b/i],
];

/**
 * What kind of system this is: the person's word for it first (a stated kind, then the description), then the
 * catalog, then the name; a proper name nobody described is a third-party SaaS API.
 */
export function inferKind(system: { name: string; description?: string; kind?: SystemKind }, provider?: Provider): SystemKind {
  if (system.kind) return system.kind;
  if (provider) return provider.kind;
  // A name that says what it is wins over its description, which often lists its stack ("orders app (Rails + Postgres)").
  const named = nameKind(system.name);
  if (named) return named;
  const described = system.description ?? '';
  // Someone else's product with an API (a partner's or vendor's, or one described by its public API and webhooks)
  // is not ours, whoever uses it.
  const theirs = /\b(?:partner|vendor|supplier|carrier|third[\s-]party|saas)\b|\b(?:rest|graphql|soap)\s+api\b|\bwebhooks?\b/i.test(`${system.name} ${described}`) && !/\b(?:our|in-house|internal)\s+(?:own\s+)?(?:service|app|api|backend)\b/i.test(described);
  for (const [kind, words] of KIND_WORDS) if (words.test(described)) return kind === 'internal-service' && theirs ? 'saas-api' : kind;
  for (const [kind, words] of KIND_WORDS) if (words.test(system.name)) return kind;
  return 'saas-api';
}

/** The kind a descriptive name gives ("billing service", "iOS app", "recs API", "inventory DB"), if any. */
function nameKind(name: string): SystemKind | undefined {
  const head = /\b(service|svc|microservice|backend|monolith|app|application|api|portal)s?$/i.exec(name.trim())?.[1]?.toLowerCase();
  if (!head) return undefined;
  if (/\b(?:partner|vendor|supplier|carrier|third[\s-]party)\b/i.test(name)) return 'saas-api';
  if (KIND_WORDS.find(([k]) => k === 'client-app')![1].test(name)) return 'client-app';
  // "Acme Freight API" is a vendor's; "recs API" is a service of ours.
  if (head === 'api') return /^[a-z]/.test(name.trim()) ? 'internal-service' : undefined;
  return 'internal-service';
}

/** Kinds we run or own ourselves: no vendor limits or webhooks to look up, our own schema and credentials. */
export function isOwnedKind(kind: SystemKind): boolean {
  return kind === 'internal-service' || kind === 'client-app';
}
