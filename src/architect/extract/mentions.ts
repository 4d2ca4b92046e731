/**
 * Finds the systems a sentence names. Catalog products are recognised anywhere (by alias); other names
 * only where a system is expected ("from X", "into X", "X →", "sync X …"), so ordinary capitalised words
 * do not turn into systems.
 */
import { COMMON_WORD_ALIASES, isOrdinaryPhrase, providerByAlias, providerByHost, providerByMisspelling, maxAliasWords, type Provider } from '../knowledge/index.js';
import {
  CONJUNCTIONS,
  DESCRIPTIVE_TYPES,
  DETERMINERS,
  FILLER,
  FLOW_VERBS,
  MECHANISMS,
  NOT_SYSTEM_NAMES,
  NOT_SYSTEM_WORDS,
  HOST_AFTER_HEAD,
  ASPECT_AFTER_HEAD,
  PEOPLE_AFTER_HEAD,
  PARTY_HEADS,
  STANDALONE_HEADS,
  OBJECT_NOUNS,
  PREPOSITIONS,
  STACK_COMPONENTS,
  STACK_PLATFORMS,
  SYSTEM_HEADS,
  SYSTEM_SUFFIXES,
} from './lexicon.js';
import { singular } from './phrases.js';
import { GAP, isCapitalised, type Token } from './text.js';

export interface Mention {
  /** Token range of the name (plus absorbed suffix such as "store"). */
  start: number;
  end: number;
  /** Token index after any description that follows the name ("(our ERP)", ", our ERP,"). */
  tailEnd: number;
  name: string;
  /** Identity across sentences: the catalog name, or the lowercased user name. */
  key: string;
  api?: Provider;
  /** What the user said the system is, if they said so. */
  description?: string;
  /** What an unnamed system's type word says it is ("our ERP" → "ERP"). */
  typeDescription?: string;
}

/** Words before a name that still leave it in a system slot ("our internal billing service"). */
const MODIFIERS = new Set(['internal', 'in-house', 'legacy', 'existing', 'own', 'homegrown', 'custom', 'new', 'old', 'current']);
const SLOT_PREPS = new Set([
  'from', 'into', 'to', 'onto', 'in', 'inside', 'on', 'with', 'between', 'towards', 'toward', 'and', 'or', '&', ',', ':', 'via', 'vs',
  'versus', 'use', 'uses', 'using', 'adding', 'introducing', 'onboarding', 'add', 'adds',
]);
const SUBJECT_FOLLOWERS = new Set(
  'sends send pushes emits posts publishes writes exports calls should needs must will fires produces creates updates has generates notifies holds stores keeps owns syncs streams forwards receives gets is and'.split(' '),
);
const SYNC_NOUNS = new Set(['sync', 'synchronization', 'synchronisation', 'integration', 'replication', 'mirroring', 'copy']);

const isDet = (t: Token | undefined) => !!t && t.kind === 'word' && (DETERMINERS.has(t.lower) || MODIFIERS.has(t.lower));

function previousIndex(tokens: Token[], i: number): { index: number; skipped: boolean } {
  let p = i - 1;
  let skipped = false;
  while (p >= 0 && isDet(tokens[p])) {
    p--;
    skipped = true;
  }
  return { index: p, skipped };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * A catalog product at token i. Names that are ordinary words ("square", "box") count lowercase only where a
 * system is expected ("from square into xero"); a misspelt name ("salesfroce") only there or capitalised.
 */
function matchKnown(tokens: Token[], i: number, inSlot: boolean, seen: ReadonlySet<string> = NONE): { end: number; api: Provider } | undefined {
  if (!tokens[i]) return undefined;
  // An API's host pasted from an error or a config ("api.intercom.io", "acme.myshopify.com").
  const host = tokens[i]!.kind === 'word' && tokens[i]!.text.includes('.') ? providerByHost(tokens[i]!.text) : undefined;
  if (host) return { end: i + 1, api: host };
  for (let len = Math.min(maxAliasWords(), tokens.length - i); len >= 1; len--) {
    const slice = tokens.slice(i, i + len);
    if (slice.some((t) => t.kind !== 'word')) continue;
    const key = slice.map((t) => t.lower).join(' ');
    const api = providerByAlias(key);
    if (!api) continue;
    if (isOrdinaryPhrase(key, tokens[i + len]?.kind === 'word' ? tokens[i + len]!.lower : undefined)) continue;
    // A product already named plainly elsewhere in the text ("Intercom", "api.intercom.io") is that product here too.
    if (COMMON_WORD_ALIASES.has(key) && !isCapitalised(tokens[i]!) && !inSlot && (!seen.has(api.id) || RISKY_COMMON.has(key))) continue;
    return { end: i + len, api };
  }
  const t = tokens[i]!;
  if (t.kind === 'word' && (inSlot || isCapitalised(t))) {
    const api = providerByMisspelling(t.lower);
    if (api) return { end: i + 1, api };
  }
  return undefined;
}

function isNameWord(t: Token | undefined, first: boolean): boolean {
  if (!t || t.kind !== 'word') return false;
  if (NOT_SYSTEM_NAMES.has(t.lower) || NOT_SYSTEM_WORDS.has(t.lower) || MECHANISMS.has(t.lower) || OBJECT_NOUNS.has(singular(t.lower))) return false;
  // Error codes and shouted words ("ETIMEDOUT", "FYI") are not product names; short acronyms are checked by the
  // caller; priorities and quarters ("P1/P2", "Q3") and contractions ("I'll") never are.
  if (/^[A-Z]{6,}$/.test(t.text) || /^[A-Z]{1,2}\d+(?:\/[A-Z]{0,2}\d+)*$/.test(t.text) || /'(?:ll|ve|re|d|m|s|t)$/i.test(t.text)) return false;
  return isCapitalised(t) || (!first && /^\d+$/.test(t.text));
}

/**
 * A system named by what it is, in any case: one to three words ending in a head noun ("billing service",
 * "orders app", "the React web app", "inventory DB", "our ERP"). Heads such as "service" need a word before
 * them; "the warehouse team" is people, not a system.
 */
function headRun(tokens: Token[], i: number): number | undefined {
  for (let j = i; j < tokens.length && j - i < 4; j++) {
    const t = tokens[j]!;
    // "android + ios apps", "iOS and Android apps": client platforms joined are one system.
    if (j === i + 1 && CLIENT_PLATFORMS.has(tokens[i]!.lower) && /^(?:\+|&|and|\/)$/.test(t.lower) && CLIENT_PLATFORMS.has(tokens[j + 1]?.lower ?? '')) continue;
    if (t.kind !== 'word' || /^\d+(?:\.\d+)?$/.test(t.text)) return undefined;
    // Plural heads name a group of our own systems ("the mobile apps", "our microservices").
    const lower = j > i && PLURAL_HEADS.has(t.lower) ? t.lower.replace(/s$/, '') : t.lower;
    if (PREPOSITIONS.has(lower) || FLOW_VERBS.has(lower) && j > i && !SYSTEM_HEADS.has(lower) || FILLER.has(lower) || DETERMINERS.has(lower) || CONJUNCTIONS.has(lower)) return undefined;
    if (j === i && FLOW_VERBS.has(lower)) return undefined;
    // Another company named alone ("our bank", "the 3PL") is a system unless a noun follows it: "carrier pigeons",
    // "bank transactions" are things.
    if (j === i && PARTY_HEADS.has(lower) && nounAfterParty(tokens[j + 1])) return undefined;
    // "an ingestion endpoint (API Gateway → Lambda)": an endpoint described by what runs it is a system.
    const describedEndpoint = j > i && /^(?:endpoint|receiver|listener|collector)$/.test(lower) && tokens[j + 1]?.text === '(';
    if ((SYSTEM_HEADS.has(lower) || describedEndpoint) && (j > i || STANDALONE_HEADS.has(lower))) {
      // Heads in a row are one name ("ledger DB", "data warehouse").
      let end = j + 1;
      while (tokens[end]?.kind === 'word' && SYSTEM_HEADS.has(tokens[end]!.lower)) end++;
      if (PEOPLE_AFTER_HEAD.has(tokens[end]?.lower ?? '') || HOST_AFTER_HEAD.has(tokens[end]?.lower ?? '') || ASPECT_AFTER_HEAD.has(tokens[end]?.lower ?? '')) return undefined;
      // "the nightly ledger export", "CRM data": the head qualifies data here, it is not a system.
      if (end === j + 1 && j === i && /^(?:exports?|files?|reports?|data|entries|records|extracts?|dumps?|updates?|events?|rows?|tables?|fields?)$/.test(tokens[end]?.lower ?? '')) return undefined;
      return end;
    }
  }
  return undefined;
}

function nounAfterParty(t: Token | undefined): boolean {
  if (!t || t.kind !== 'word') return false;
  const w = t.lower;
  if (PREPOSITIONS.has(w) || FLOW_VERBS.has(w) || CONJUNCTIONS.has(w) || FILLER.has(w) || DETERMINERS.has(w) || SUBJECT_FOLLOWERS.has(w) || SYSTEM_SUFFIXES.has(w)) return false;
  return OBJECT_NOUNS.has(singular(w)) || (/s$/.test(w) && !/(?:ss|us)$/.test(w) && !/^(?:drops|puts|uploads|delivers|shares|provides|offers|exposes|supports|sftps)$/.test(w));
}

/** What a system's size is counted in ("(12 partitions, ~3k events/s at peak)"): an aside of them describes nothing. */
const SIZING_NOUNS = new Set('partitions partition shards shard replicas replica nodes node brokers broker topics tables rows records events messages gb tb mb'.split(' '));
/** Plan and edition names vendors tier their limits by. */
const TIERS = new Set(['plus', 'enterprise', 'premium', 'professional', 'pro', 'business', 'advanced', 'unlimited', 'growth', 'starter', 'standard', 'essentials', 'ultimate']);
const CLUSTER_PLATFORMS = new Set(['k8s', 'kubernetes', 'eks', 'gke', 'aks', 'ecs', 'openshift', 'nomad']);
const CLIENT_PLATFORMS = new Set(['android', 'ios', 'web', 'mobile', 'desktop', 'windows', 'macos', 'mac', 'iphone', 'ipad', 'tablet']);
const PLURAL_HEADS = new Set(['apps', 'applications', 'services', 'microservices', 'backends', 'clients']);

/** Short all-capital words ("PR", "CSM", "OPS") are abbreviations of things, not systems, unless a head follows. */
function isBareAcronym(tokens: Token[], start: number, end: number): boolean {
  return end - start === 1 && /^[A-Z0-9/]{1,4}s?$/.test(tokens[start]!.text) && !SYSTEM_HEADS.has(tokens[end]?.lower ?? '');
}

/** Is token i in a place where a system name is expected? */
function slotKind(tokens: Token[], i: number, mentions: Mention[]): 'start' | 'slot' | 'object' | undefined {
  // Next to an arrow is always a system's place ("Set up Orbix → Plinth").
  if (/arrow/.test(tokens[i + 1]?.kind ?? '') || /arrow/.test(tokens[i - 1]?.kind ?? '')) return 'slot';
  const { index: p } = previousIndex(tokens, i);
  const prev = tokens[p];
  if (!prev) return 'start';
  if (prev.kind !== 'word' && prev.kind !== 'punct') return 'slot';
  if (prev.lower === 'of') return SYNC_NOUNS.has(tokens[previousIndex(tokens, p).index]?.lower ?? '') ? 'slot' : undefined;
  if (CONJUNCTIONS.has(prev.lower) || prev.lower === ',') {
    const before = previousIndex(tokens, p).index;
    return mentions.some((m) => m.tailEnd - 1 === before || m.end - 1 === before) ? 'slot' : undefined;
  }
  if (prev.lower === 'to' && /^(need|needs|want|wants|going|have|has|like|able)$/.test(tokens[p - 1]?.lower ?? '')) return undefined;
  if (SLOT_PREPS.has(prev.lower)) return 'slot';
  if (FLOW_VERBS.has(prev.lower)) return 'object';
  return undefined;
}

function capitalisedRun(tokens: Token[], i: number, slot: 'start' | 'slot' | 'object'): number | undefined {
  let j = i;
  // A known product ends the run: "the 3PL's SFTP drop" names the SFTP drop, not a "3PL SFTP".
  while (j < tokens.length && j - i < 4 && isNameWord(tokens[j], j === i) && !(j > i && matchKnown(tokens, j, true))) j++;
  if (j === i + 1 && matchKnown(tokens, j, true) && /^[A-Z0-9]+$/.test(tokens[i]!.text)) return undefined;
  if (j === i) return undefined;
  const prev = tokens[previousIndex(tokens, i).index];
  const run = tokens.slice(i, j).map((t) => t.lower).join(' ');
  const stackWord = STACK_PLATFORMS.has(run) || STACK_COMPONENTS.has(run);
  if (stackWord && prev && /^(on|in|with|via|using|use|uses|run|runs)$/.test(prev.lower)) return undefined;
  if (slot === 'start') {
    const next = tokens[j];
    const owned = /^(our|my|their)$/.test(tokens[i - 1]?.lower ?? '');
    const ok =
      owned ||
      (!!next && (next.kind.endsWith('arrow') || SUBJECT_FOLLOWERS.has(next.lower) || SYSTEM_SUFFIXES.has(next.lower) || next.text === '(' || next.text === ','));
    if (!ok) return undefined;
  }
  return j;
}

/** "our billing service", "the data warehouse": lowercase words ending in a system head noun. */
function genericRun(tokens: Token[], i: number): number | undefined {
  for (let j = i; j < tokens.length && j - i < 4; j++) {
    const t = tokens[j]!;
    if (t.kind !== 'word' || isCapitalised(t)) return undefined;
    if (PREPOSITIONS.has(t.lower) || FLOW_VERBS.has(t.lower) || FILLER.has(t.lower) || DETERMINERS.has(t.lower) || CONJUNCTIONS.has(t.lower)) {
      return undefined;
    }
    if (SYSTEM_HEADS.has(t.lower)) return HOST_AFTER_HEAD.has(tokens[j + 1]?.lower ?? '') || PEOPLE_AFTER_HEAD.has(tokens[j + 1]?.lower ?? '') ? undefined : j + 1;
  }
  return undefined;
}

function describedAfter(tokens: Token[], end: number, raw?: string): { description: string; tailEnd: number } | undefined {
  const t = tokens[end];
  if (!t) return undefined;
  const clean = (ws: Token[]) =>
    ws
      .filter((w, k) => !(k === 0 && (DETERMINERS.has(w.lower) || /^(which|is|aka|a\.k\.a\.)$/.test(w.lower))))
      .map((w) => w.text)
      .join(' ')
      .replace(/\s+,/g, ',')
      .trim();
  if (t.text === '(') {
    const close = tokens.findIndex((x, k) => k > end && x.text === ')');
    const inner = tokens.slice(end + 1, close);
    // "(payments, refunds)" lists data, not what the system is.
    const listsData = inner.every((w) => w.text === ',' || CONJUNCTIONS.has(w.lower) || DETERMINERS.has(w.lower) || OBJECT_NOUNS.has(singular(w.lower)));
    // The aside as written ("Java/Spring, Oracle DB", "API Gateway -> Lambda"), not as left by the readers of
    // quantities and stack; an aside that was only a quantity ("(~4M rows)") describes nothing.
    const words = inner.filter((w) => w.text !== GAP && w.kind === 'word');
    const first = inner.findIndex((w) => !(DETERMINERS.has(w.lower) || /^(which|is|aka|a\.k\.a\.)$/.test(w.lower)));
    const written = raw && first >= 0 ? raw.slice(inner[first]!.start, tokens[close]!.start).replace(/\s+/g, ' ').trim() : undefined;
    const quantityAside =
      inner.some((w) => w.text === GAP) &&
      (written === undefined || /\d/.test(written)) &&
      ((words.length <= 2 && words.every((w) => !isCapitalised(w))) || words.every((w) => /^\d/.test(w.text) || FILLER.has(w.lower) || PREPOSITIONS.has(w.lower) || CONJUNCTIONS.has(w.lower) || SIZING_NOUNS.has(w.lower)));
    if (close > end + 1 && close - end <= 26 && !listsData && words.length > 0 && !quantityAside) return { description: written ?? clean(inner), tailEnd: close + 1 };
    // An aside of sizes belongs to the system, as no description and no data.
    if (quantityAside && close - end <= 26) return { description: '', tailEnd: close + 1 };
  }
  // ", our ERP," / " is our ERP" / " as our CRM": a short phrase opened by a determiner.
  const opener = t.text === ',' || t.lower === 'is' || t.lower === 'as' ? t : undefined;
  const det = tokens[end + 1];
  if (opener && det && /^(our|the|a|an|my)$/.test(det.lower)) {
    let k = end + 2;
    while (k < tokens.length && k - end <= 7) {
      const w = tokens[k]!;
      if (w.kind !== 'word' || PREPOSITIONS.has(w.lower) || /^(and|but|that|which|where|who)$/.test(w.lower) || FLOW_VERBS.has(w.lower)) break;
      k++;
    }
    const closedByComma = t.text !== ',' || tokens[k]?.text === ',' || k >= tokens.length;
    if (k > end + 2 && closedByComma) return { description: clean(tokens.slice(end + 2, k)), tailEnd: tokens[k]?.text === ',' && t.text === ',' ? k + 1 : k };
  }
  return undefined;
}

function typeDescription(name: string, generic: boolean): string | undefined {
  const words = name.toLowerCase().split(/\s+/);
  const last = words.at(-1) ?? '';
  const known = DESCRIPTIVE_TYPES.get(last);
  if (known) return known;
  // "the iOS app", "android + ios apps": a kind of our own system, named by what it is.
  if (generic && words.length >= 2 && (SYSTEM_HEADS.has(last) || (PLURAL_HEADS.has(last) && SYSTEM_HEADS.has(last.replace(/s$/, ''))))) return name;
  return undefined;
}

/** Names the reader already knows (systems of the design a reply is about, a topic named earlier): lowercase words → the system. */
export type KnownNames = ReadonlyMap<string, { name: string; key: string }>;

function matchNamed(tokens: Token[], i: number, known: KnownNames): { end: number; name: string; key: string } | undefined {
  for (let len = 4; len >= 1; len--) {
    if (i + len > tokens.length) continue;
    const key = tokens.slice(i, i + len).map((t) => t.lower).join(' ');
    const hit = known.get(key);
    if (hit) return { end: i + len, ...hit };
  }
  return undefined;
}

/** Common-word product names too ordinary to read lowercase outside a system's place ("box", "square", "linear"). */
const RISKY_COMMON = new Set(['box', 'square', 'notion', 'linear', 'segment', 'snowflake', 'kong', 'es', 'snow', 'sn', 'ns', 'pd', 'pg', 'outlook', 'sentry', 'greenhouse', 'front']);

export interface MentionContext {
  /** Names known from earlier sentences or from the design a reply is about. */
  names?: KnownNames;
  /** The writer uses no capitals: ordinary-word product names count lowercase too. */
  lowercaseWriter?: boolean;
  /** The sentence before quantities and stack were blanked out: asides are quoted from it. */
  raw?: string;
  /** Ids of catalog products named plainly somewhere in the text. */
  seen?: ReadonlySet<string>;
}

export function findMentions(tokens: Token[], { names = new Map(), lowercaseWriter = false, raw, seen = new Set() }: MentionContext = {}): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const named = t.kind === 'word' && !isDet(t) ? matchNamed(tokens, i, names) : undefined;
    if (named) {
      mentions.push({ start: i, end: named.end, tailEnd: named.end, name: named.name, key: named.key });
      i = named.end;
      continue;
    }
    if (t.kind !== 'word' || isDet(t)) {
      i++;
      continue;
    }
    let end: number | undefined;
    let api: Provider | undefined;
    let generic = false;
    // Names that are ordinary words count lowercase only where a system must be: after from/into/to or an arrow,
    // or with a system word after them ("zoom license" is not enough; "box" in "on the box" is a machine).
    const directed =
      /^(?:from|into|to|onto|towards|toward|via)$/.test(tokens[previousIndex(tokens, i).index]?.lower ?? '') ||
      /^(?:→|←|↔)$/.test(tokens[i + 1]?.text ?? '') ||
      /arrow/.test(tokens[i - 1]?.kind ?? '') ||
      SYSTEM_SUFFIXES.has(tokens[i + 1]?.lower ?? '') ||
      // "notify #sales in slack": the place a channel lives.
      (/^(?:in|on)$/.test(tokens[i - 1]?.lower ?? '') && tokens.slice(Math.max(0, i - 5), i - 1).some((x) => x.text === '#'));
    const ownWords = t.lower === 'segment' && /^(?:track|identify|page|screen|group)$/.test(tokens[i + 1]?.lower ?? '');
    const found = matchKnown(tokens, i, directed || ownWords || (lowercaseWriter && !RISKY_COMMON.has(tokens[i]!.lower)), seen);
    // A technology after "with", "on", "using" is the user's stack ("services on AWS with Kafka"), not a system.
    // "segment track calls": a product named by its own vocabulary is that product, lower case or not.
    const prevWord = tokens[previousIndex(tokens, i).index];
    const known = found && found.api.generic && prevWord && /^(with|via|using|use|uses|run|runs)$/.test(prevWord.lower) ? undefined : found;
    if (known) ({ end, api } = known);
    else if (/^(?:api|backend)$/.test(t.lower) && tokens[i - 1]?.lower === 'our' && tokens[i + 1]?.text === '(') {
      // "from our API (Node, Postgres)": our own service, described by what runs it.
      end = i + 1;
      generic = true;
    } else if (directed && CLUSTER_PLATFORMS.has(t.lower) && tokens[i + 1]?.lower === 'cluster') {
      // "from our k8s cluster": the workloads running there, as one system of ours.
      end = i + 2;
      generic = true;
    } else {
      const head = headRun(tokens, i);
      if (head !== undefined) {
        end = head;
        generic = true;
      } else {
        const slot = slotKind(tokens, i, mentions);
        if (slot) {
          end = capitalisedRun(tokens, i, slot);
          // A bare acronym is a system only where one must be ("to SAP", "→ ADP"), never as a subject ("PR merged").
          const directed = /^(?:from|into|to|onto|towards|toward)$/.test(tokens[previousIndex(tokens, i).index]?.lower ?? '') || /arrow/.test(tokens[i - 1]?.kind ?? '') || /arrow/.test(tokens[i + 1]?.kind ?? '');
          if (end !== undefined && isBareAcronym(tokens, i, end) && !directed) end = undefined;
          if (end === undefined && slot !== 'start' && previousIndex(tokens, i).skipped) {
            end = genericRun(tokens, i);
            generic = end !== undefined;
          }
        }
      }
    }
    if (end === undefined) {
      i++;
      continue;
    }
    // An abbreviation ("SF", "hs") or a misspelling names the product by its real name.
    const written = tokens.slice(i, end).map((x) => x.text).join(' ');
    const abbreviation = written.length <= 3 && written.toLowerCase() !== api?.name.toLowerCase();
    // "Shopify Admin API", "the HubSpot API": the product, named as the design names it.
    const rest = api && written.toLowerCase().startsWith(`${api.name.toLowerCase()} `) ? written.slice(api.name.length).trim().toLowerCase() : null;
    const apiOfProduct = rest !== null && /^(?:admin\s+|rest\s+|graphql\s+|web\s+)*api$/.test(rest);
    // "Kafka topic", "our Auth0 tenant": the product as written, without the part of it named.
    const parts = written.split(/\s+/);
    let bare = parts.length;
    while (bare > 1 && SYSTEM_SUFFIXES.has(parts[bare - 1]!.toLowerCase())) bare--;
    const product = api && bare < parts.length && providerByAlias(parts.slice(0, bare).join(' ')) === api ? parts.slice(0, bare).join(' ') : null;
    // A host of a technology rather than of a vendor ("sftp.partner.com"): the host names that server.
    const hostOfTech = !!api?.generic && /^[\w-]+(?:\.[\w-]+)+$/.test(written);
    // "our API": a name too generic alone keeps the word that says whose it is.
    const ownBare = !api && /^(?:api|backend)$/i.test(written) && tokens[i - 1]?.lower === 'our';
    // "the partner's SFTP drop": a bare technology of another company is theirs, named so.
    const owner = api?.generic && api.kind === 'file-drop' ? /^(partner|vendor|supplier|client|customer|bank|3pl|carrier|distributor|wholesaler)(?:['’]s)?$/i.exec(tokens[i - 1]?.text ?? '')?.[1] : undefined;
    const name = owner ? `${owner.toLowerCase()} ${api!.name}` : ownBare ? `our ${written}` : hostOfTech ? written : api && (abbreviation || apiOfProduct || !providerByAlias(written)) ? api.name : (product ?? written);
    let spanEnd = end;
    // "shopify plus store", "Salesforce Enterprise edition": the plan named with the product decides its limits.
    let tier = api ? written.split(/\s+/).slice(1).find((w) => TIERS.has(w.toLowerCase())) : undefined;
    if (api && !tier && TIERS.has(tokens[spanEnd]?.lower ?? '') && tokens[spanEnd]!.kind === 'word') {
      tier = tokens[spanEnd]!.text;
      spanEnd++;
      if (/^(?:plan|edition|tier|subscription|licen[cs]e)$/.test(tokens[spanEnd]?.lower ?? '')) spanEnd++;
    }
    while (tokens[spanEnd] && tokens[spanEnd]!.kind === 'word' && SYSTEM_SUFFIXES.has(tokens[spanEnd]!.lower) && !generic) spanEnd++;
    const described = describedAfter(tokens, spanEnd, raw) ?? (tier && api ? { description: `${api.description}, ${tier[0]!.toUpperCase()}${tier.slice(1).toLowerCase()} plan`, tailEnd: spanEnd } : undefined);
    mentions.push({
      start: owner ? i - 1 : i,
      end: spanEnd,
      tailEnd: described?.tailEnd ?? spanEnd,
      name,
      key: api && !owner ? api.name.toLowerCase() : name.toLowerCase(),
      ...(api ? { api } : {}),
      ...(described?.description ? { description: described.description } : {}),
      // "the ECB feed": a suffix word says what an unknown name is.
      ...(!api ? withType(typeDescription(name, generic) ?? (spanEnd > end ? typeDescription(`${name} ${tokens[spanEnd - 1]!.lower}`, true) : undefined)) : {}),
    });
    i = described?.tailEnd ?? spanEnd;
  }
  return mentions;
}

function withType(d: string | undefined): { typeDescription?: string } {
  return d ? { typeDescription: d } : {};
}
