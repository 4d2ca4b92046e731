import {
  computeBacklog,
  computeRateBudget,
  deriveBreakerSettings,
  solveRetryPolicy,
  type Backlog,
  type BreakerSettings,
  type RateBudget,
  type RetrySolution,
} from '../../calculators/index.js';
import { DEFAULTS, findSystem, summarizeFlows, type IntegrationInputs, type ResolvedInputs, resolveInputs } from '../../inputs.js';
import { profileStack, profileSystem, type StackProfile, type SystemProfile } from './hints.js';
import { listing } from './text.js';
import { findKnownApi } from '../../knowledge/index.js';

/**
 * The decisions behind a design, made once from the inputs and the calculators; the section writers only
 * phrase them. Keeping every number here is what makes different inputs produce different documents.
 */

export type PatternKind = 'webhook' | 'event' | 'batch' | 'request-response' | 'poll';

export interface FlowPlan {
  from: SystemProfile;
  to: SystemProfile;
  data: string;
  pattern: PatternKind;
  /** Part of a pair of opposite flows (bidirectional sync). */
  bidirectional: boolean;
  /** Idempotency key template, e.g. "stripe:<event.id>". */
  key: string;
  /** Polling interval in seconds, for the last-resort poll pattern. */
  pollSeconds: number | null;
}

export interface DestinationPlan {
  system: SystemProfile;
  eventsPerDay: number;
  /** Records per API call (1 unless the limit or a bulk pattern needs batching). */
  batchSize: number;
  limitText: string;
  /** Where the limit came from: the user, the API's documentation (knowledge catalog), or our assumption. */
  limitSource: 'stated' | 'documented' | 'assumed';
  /** True unless the limit is our assumption. */
  limitStated: boolean;
  budget: RateBudget;
  breaker: BreakerSettings;
  backlog: Backlog;
}

export interface CompliancePlan {
  text: string | null;
  pci: boolean;
  residency: boolean;
  health: boolean;
}

export interface Plan {
  inputs: ResolvedInputs;
  title: string;
  summary: string;
  systems: SystemProfile[];
  flows: FlowPlan[];
  primary: PatternKind;
  stack: StackProfile;
  retry: RetrySolution;
  destinations: DestinationPlan[];
  peakFactor: number;
  outageSeconds: number;
  /** Days idempotency keys are kept: the longest redelivery window plus DLQ retention. */
  keyRetentionDays: number;
  dlqRetentionDays: number;
  compliance: CompliancePlan;
  assumptions: string[];
  /** Shorter phrasing for designs with many flows, to stay within the 900-word budget. */
  compact: boolean;
  /** Tighter still, for designs with many flows and destinations. */
  tight: boolean;
}

const PEAK_FACTOR = 5;
export const DEFAULT_STACK = 'a modern cloud stack';
const DLQ_RETENTION_DAYS = 14;
/** Client-side ceiling when no documented limit is known: conservative, and stated as an assumption. */
const ASSUMED_LIMIT = '10 requests per second';
const BATCH_SIZES = [1, 10, 25, 50, 100, 200];
const BULK_BATCH = 200;

/** Limits that bind a single object or a special path, not the integration's overall traffic. */
const NARROW_SCOPE = /paymentintent|channel|mailbox|repositor|source ip|integration key|endpoint|client/i;
const SPECIAL_LIMIT = /test mode|sandbox|burst|search|meter|unauthenticated|actions|non-accounting|events api/i;

/**
 * The most restrictive account- or app-wide rate limit the API documents (knowledge catalog), e.g. Xero's daily
 * quota rather than its per-minute one. Only structured, plain rates are used; null when there is none.
 */
export function documentedLimit(systemName: string): string | null {
  const api = findKnownApi(systemName);
  if (!api) return null;
  let best: { text: string; perSecond: number } | null = null;
  for (const fact of api.rateLimits) {
    if (fact.requests === undefined || fact.windowSeconds === undefined) continue;
    if (NARROW_SCOPE.test(fact.scope ?? '') || SPECIAL_LIMIT.test(`${fact.scope ?? ''} ${fact.limit}`)) continue;
    const perSecond = fact.requests / fact.windowSeconds;
    if (!best || perSecond < best.perSecond) best = { text: `${fact.requests} requests per ${windowLabel(fact.windowSeconds)}`, perSecond };
  }
  return best?.text ?? null;
}

function windowLabel(seconds: number): string {
  const units: Record<number, string> = { 1: 'second', 60: 'minute', 3600: 'hour', 86_400: 'day' };
  return units[seconds] ?? `${seconds} seconds`;
}

export function buildPlan(raw: IntegrationInputs): Plan {
  const inputs = resolveInputs(raw);
  const profiles = inputs.systems.map(profileSystem);
  const profile = (name: string) => {
    const system = findSystem(inputs.systems, name);
    return profiles.find((p) => p.name === system?.name) ?? profileSystem({ name, description: name });
  };
  const stack = profileStack(inputs.stack);

  const flows: FlowPlan[] = inputs.flows.map((f) => {
    const from = profile(f.from);
    const to = profile(f.to);
    const bidirectional = inputs.flows.some((g) => g.from.toLowerCase() === f.to.toLowerCase() && g.to.toLowerCase() === f.from.toLowerCase());
    // One source event fanned out to several destinations is processed once per destination.
    const fanOut = inputs.flows.filter((g) => g.from.toLowerCase() === f.from.toLowerCase()).length > 1;
    const pattern = choosePattern(from, to, inputs.volumePerDay, inputs.latencySeconds);
    return {
      from,
      to,
      data: f.data,
      pattern,
      bidirectional,
      key: idempotencyKey(from, to, pattern, bidirectional || fanOut),
      pollSeconds: pattern === 'poll' ? clamp(Math.round(inputs.latencySeconds / 2), 60, 900) : null,
    };
  });

  const retry = solveRetryPolicy({
    outageSeconds: DEFAULTS.outageSeconds,
    firstRetryBudgetMs: clamp((inputs.latencySeconds * 1000) / 3, 500, 60_000),
  });

  const destinations = uniqueBy(flows.map((f) => f.to), (s) => s.slug).map((system) =>
    planDestination(system, flows.filter((f) => f.to.slug === system.slug), inputs),
  );

  const redeliveryHours = Math.max(
    0,
    ...flows.filter((f) => f.pattern === 'webhook').map((f) => f.from.redeliveryHours ?? 72),
    ...flows.filter((f) => f.pattern !== 'webhook').map(() => 72),
  );
  const compliance = inputs.compliance ?? null;
  const assumptions = [
    ...(raw.volumePerDay === undefined ? [`volume ${inputs.volumePerDay.toLocaleString('en-US')}/day (default)`] : []),
    ...(raw.latencySeconds === undefined ? [`latency ${inputs.latencySeconds} s (default)`] : []),
    ...(raw.stack === undefined ? [DEFAULT_STACK] : []),
    ...(raw.auth === undefined ? ['OAuth 2.0 or API keys acceptable'] : []),
    `peak traffic ${PEAK_FACTOR}× the daily average`,
    ...(flows.length > 1 ? ['each flow carries the full stated volume'] : []),
  ];
  const unknownLimits = destinations.filter((d) => !d.limitStated).map((d) => d.system.name);
  if (unknownLimits.length > 0) assumptions.push(`${listing(unknownLimits)} ${unknownLimits.length > 1 ? 'limits' : 'limit'} unknown, capped at ${ASSUMED_LIMIT}`);

  return {
    inputs,
    title: summarizeFlows(inputs),
    summary: summarizeFlows(inputs),
    systems: profiles,
    flows,
    primary: primaryPattern(flows),
    stack,
    retry,
    destinations,
    peakFactor: PEAK_FACTOR,
    outageSeconds: DEFAULTS.outageSeconds,
    keyRetentionDays: Math.ceil(redeliveryHours / 24) + DLQ_RETENTION_DAYS,
    dlqRetentionDays: DLQ_RETENTION_DAYS,
    compliance: {
      text: compliance,
      pci: /\b(pci|card)/i.test(compliance ?? ''),
      residency: /\b(residen|gdpr|eu\b|europe|region|sovereign|locali[sz])/i.test(compliance ?? ''),
      health: /\b(hipaa|phi\b|health)/i.test(compliance ?? ''),
    },
    assumptions,
    compact: false,
    tight: false,
  };
}

/**
 * Batch when latency is loose or volume is in the millions; webhooks when the source pushes them; a direct
 * call only for low volume with a tight latency from our own service; a change feed when one exists; polling
 * only as the last resort.
 */
export function choosePattern(from: SystemProfile, to: SystemProfile, volumePerDay: number, latencySeconds: number): PatternKind {
  if (latencySeconds >= 3600 || (volumePerDay >= 1_000_000 && latencySeconds >= 300) || (from.bulk && latencySeconds >= 900)) return 'batch';
  if (from.webhooks) return 'webhook';
  if (latencySeconds <= 5 && volumePerDay <= 20_000 && from.internal && !to.bulk) return 'request-response';
  if (from.changeFeed) return 'event';
  return 'poll';
}

/** Derived from the source event, never per attempt; directional when one source feeds several destinations. */
function idempotencyKey(from: SystemProfile, to: SystemProfile, pattern: PatternKind, directional: boolean): string {
  const id = from.eventIdField.replace(/ header$/, '');
  const prefix = directional ? `${from.slug}->${to.slug}` : from.slug;
  switch (pattern) {
    case 'webhook':
      return `${prefix}:<${id}>`;
    case 'batch':
      return `${prefix}:<record id>:<record version>`;
    case 'request-response':
      return `${prefix}:<request id>`;
    case 'event':
    case 'poll':
      return `${prefix}:<record id>:<updated_at>`;
  }
}

function planDestination(system: SystemProfile, flows: FlowPlan[], inputs: ResolvedInputs): DestinationPlan {
  const eventsPerDay = inputs.volumePerDay * flows.length;
  const stated = inputs.rateLimits?.find((r) => r.system.toLowerCase() === system.name.toLowerCase());
  const documented = stated ? null : documentedLimit(system.name);
  const limitText = stated?.limit ?? documented ?? ASSUMED_LIMIT;
  const limitSource = stated ? 'stated' : documented ? 'documented' : 'assumed';
  const bulk = flows.some((f) => f.pattern === 'batch');
  const budgetFor = (batchSize: number) =>
    computeRateBudget({ volumePerDay: eventsPerDay, callsPerEvent: 1 / batchSize, limit: limitText, peakFactor: PEAK_FACTOR });

  // Smallest batch whose average call rate fits the budget; bulk flows always use bulk-sized chunks.
  let batchSize = bulk ? BULK_BATCH : 1;
  let budget = budgetFor(batchSize);
  for (const size of BATCH_SIZES) {
    if (!budget.needsBatching) break;
    if (size <= batchSize) continue;
    batchSize = size;
    budget = budgetFor(size);
  }

  const averageEvents = eventsPerDay / 86_400;
  const drainEvents = budget.budgetPerSecond === null ? averageEvents * PEAK_FACTOR * 2 : budget.budgetPerSecond * batchSize;
  return {
    system,
    eventsPerDay,
    batchSize,
    limitText,
    limitSource,
    limitStated: limitSource !== 'assumed',
    budget,
    breaker: deriveBreakerSettings({ volumePerDay: budget.callsPerDay, peakFactor: PEAK_FACTOR, outageSeconds: DEFAULTS.outageSeconds }),
    backlog: computeBacklog({
      peakPerSecond: averageEvents * PEAK_FACTOR,
      outageSeconds: DEFAULTS.outageSeconds,
      drainPerSecond: drainEvents,
      arrivalPerSecond: averageEvents,
    }),
  };
}

function primaryPattern(flows: FlowPlan[]): PatternKind {
  const order: PatternKind[] = ['webhook', 'event', 'request-response', 'batch', 'poll'];
  const counts = new Map<PatternKind, number>();
  for (const f of flows) counts.set(f.pattern, (counts.get(f.pattern) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))[0]![0];
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
