import type { Backlog, BreakerSettings, RetrySolution } from '../calculators/types.js';
import type { Feasibility, LimitCapacity, LimitSpec } from '../calculators/limits.js';
import type { ResolvedInputs } from '../inputs.js';
import type { Provider, Push, SystemKind } from '../knowledge/schema.js';
import type { SectionId } from '../types.js';

/**
 * The Plan: every decision a design makes, derived from the inputs and the provider facts, each with its reason
 * and (where it rests on a documented fact) its source. Both engines work from it: the offline engine renders
 * it, the Claude engine gets it as a brief, and the quality gate checks any document against it.
 */

export interface SystemPlan {
  name: string;
  description: string;
  kind: SystemKind;
  /** The catalog entry (a vendor's API, or a technology such as Kafka named in the name or description). */
  provider: Provider | null;
  /** Lower-case identifier for keys and metric labels: "stripe", "orders-db". */
  slug: string;
  /** We run or own it (our service, our app): no vendor facts apply. */
  owned: boolean;
}

/** How changes leave a flow's source. */
export type IngressKind =
  | 'webhook'
  | 'webhook-assumed'
  | 'subscription'
  | 'change-stream'
  | 'cdc'
  | 'outbox'
  | 'consumer'
  | 'file'
  | 'object-events'
  | 'ingest-api'
  | 'request'
  | 'batch-export'
  | 'poll';

/** How a flow's writes land in its destination. */
export type EgressKind =
  | 'api-upsert'
  | 'api-keyed'
  | 'api-create-guarded'
  /** An action in the world (a text, an email) with no deduplication at the destination: sent once, guarded by an intent record. */
  | 'api-send'
  | 'api-bulk'
  | 'db-upsert'
  | 'stream-produce'
  | 'queue-send'
  | 'warehouse-load'
  | 'search-bulk'
  | 'object-write'
  | 'file-write'
  | 'service-call'
  | 'app-notify';

export interface FlowPlan {
  index: number;
  from: SystemPlan;
  to: SystemPlan;
  data: string;
  /** The entity moved, singular ("order"), from the data phrase. */
  entity: string;
  /** What the destination stores it as ("support emails as tickets" → "ticket"). */
  targetEntity: string;
  bidirectional: boolean;
  ingress: IngressKind;
  /** The provider's push mechanism used, when one is. */
  push: Push | null;
  egress: EgressKind;
  /** Records per write call (1 unless the destination documents a bulk or batch write). */
  batchSize: number;
  /** Idempotency key template, e.g. "shopify:{X-Shopify-Event-Id}". */
  key: string;
  /** Each event costs a read on the source (thin notifications, polling, CDC lookups). */
  sourceReadsPerEvent: number;
  /** Calls on the destination per event (before batching). */
  destinationCallsPerEvent: number;
  /** Poll or schedule interval in seconds, when the flow polls or runs on a schedule. */
  intervalSeconds: number | null;
  /** The flow moves file content (a signed PDF, an attachment) that events describe but do not carry: one download each. */
  downloads: boolean;
  /** Thin notifications are collected and their changes read together once per interval (reads would not fit). */
  coalesced: boolean;
  /** Our gateway the callers reach us through ("ingestion endpoint (API Gateway → Lambda)", "Kong"): the ingest API's front door, not a hop of its own. */
  via: SystemPlan | null;
}

export type LimitOrigin = 'stated' | 'documented';

export interface EffectiveLimit {
  system: string;
  spec: LimitSpec;
  origin: LimitOrigin;
  /** What the person said, or the vendor's statement. */
  label: string;
  /** Whose limit: account, user, tenant … */
  scope: string | null;
  /** Which calls it counts ("writes", "Search API"); null for all calls. */
  appliesTo: string | null;
  source: string | null;
  /** The vendor's note on the limit (what happens over it, how to raise it), also for a stated limit that restates it. */
  note: string | null;
  /**
   * A limit counted per user, mailbox or channel when the integration spreads over many of them ("500 shared
   * mailboxes"): `capacity` is the total over all of them, `perKey` what one of them allows.
   */
  per: { noun: string; count: number } | null;
  /** The one object every call goes through when the limit is counted per object ("US long code"). */
  funnel: string | null;
  perKey: LimitCapacity;
  capacity: LimitCapacity;
}

export interface SystemLoad {
  system: SystemPlan;
  /** Calls per day the integration makes on this system (writes, follow-up reads, polls, reconciliation). */
  callsPerDay: number;
  reads: number;
  writes: number;
  limits: EffectiveLimit[];
  feasibility: Feasibility;
  /** Token bucket for rate limits (the tightest), or null. */
  bucket: { capacity: number; refillPerSecond: number; per: string | null } | null;
  /** Permits of the bulkhead for a concurrency limit, or null. */
  permits: number | null;
  /** What the bulkhead is keyed by when the concurrency limit is per user, mailbox … (one semaphore each). */
  permitsPer: string | null;
  breaker: BreakerSettings | null;
  backlog: Backlog | null;
  /** Touched only lightly (a daily reconciliation), far inside limits nobody stated: no controls needed. */
  incidental: boolean;
}

export interface FactRef {
  provider: string;
  url: string;
}

/** A piece of the document, placed in a section; rules produce them, the renderer lays them out. */
export type Block =
  | { kind: 'bullet'; label: string | null; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'code'; lang: string; code: string }
  | { kind: 'row'; cells: [string, string, string] }
  | { kind: 'step'; text: string };

export interface Decision {
  /** Stable id, e.g. "auth:shopify". */
  id: string;
  /** The rule that made it. */
  rule: string;
  section: SectionId | 'preamble';
  /** Position inside the section (lower first). */
  order: number;
  /**
   * 1: essential — shortened for length, dropped only when a plan with many systems would not fit otherwise and
   * no check needs it; 2: shortened, then dropped to meet the length target; 3: first to go.
   */
  priority: 1 | 2 | 3;
  block: Block;
  /** Documented facts this decision rests on (cited in the Sources list). */
  facts: FactRef[];
  /** Compact wording used when the document runs long. */
  short?: Block;
  /** The fewest words that still say it, for plans with many systems that would not fit otherwise. */
  minimal?: Block;
  /** Wording kept as it is for length, except for its `short` form as the last resort (the core numbers). */
  fixed?: boolean;
}

/**
 * Something a correct document must say (or must not say). The plan states them; the quality gate checks any
 * document, offline or Claude, against them, and a failed one goes back to Claude as a repair instruction.
 */
export interface Expectation {
  id: string;
  label: string;
  /** Where to look: a section, or the whole document. */
  section: SectionId | 'any';
  /** Only lines (list items, table rows, paragraphs) mentioning this name count. */
  near: string | null;
  /** Every pattern must match on one such line (or in the section when `near` is null). */
  all: RegExp[];
  /** What to write, as a repair instruction. */
  instruction: string;
  kind: 'constraint' | 'fact' | 'mechanic' | 'number';
}

export interface Prohibition {
  id: string;
  label: string;
  /** Lines mentioning this name are checked. */
  near: string;
  /** A line matching both `context` and `pattern` contradicts a documented fact. */
  context: RegExp;
  pattern: RegExp;
  instruction: string;
}

/** A fact the catalog could not confirm: the design asks the reader to confirm it with the vendor. */
export interface ToConfirm {
  system: string;
  what: string;
  /** The same in two or three words ("redelivery window"), for a document over its length. */
  topic: string;
}

export interface Plan {
  inputs: ResolvedInputs;
  title: string;
  systems: SystemPlan[];
  flows: FlowPlan[];
  loads: SystemLoad[];
  retry: RetrySolution;
  /** Request timeout and slow-call threshold for calls to external systems. */
  timeouts: { connectMs: number; requestMs: number; slowCallMs: number; basis: string };
  queue: QueueChoice;
  keyRetentionDays: number;
  dlqRetentionDays: number;
  feasible: boolean;
  /** Plain statement of what cannot be delivered, for the summary line; null when everything fits. */
  infeasibility: string | null;
  decisions: Decision[];
  expectations: Expectation[];
  prohibitions: Prohibition[];
  confirm: ToConfirm[];
  assumptions: string[];
}

export interface QueueChoice {
  name: string;
  short: string;
  dlq: string;
  secrets: string;
  delayMechanism: string;
  runtime: string;
  cloud: 'aws' | 'gcp' | 'azure' | null;
}
