import { z } from 'zod';

/**
 * What a design needs to know. Required (per the seed): the systems and what they do, the direction of each
 * flow, and what moves along it. Everything else is optional and falls back to the seed's stated defaults,
 * which the document then lists as assumptions.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

/** What a system is, when the person said so; otherwise the catalog or the description decides. */
export const SYSTEM_KIND_VALUES = [
  'saas-api',
  'database',
  'event-stream',
  'queue',
  'search-index',
  'warehouse',
  'object-store',
  'file-drop',
  'internal-service',
  'client-app',
  'api-gateway',
] as const;

export const SystemSchema = z.object({
  name: text(80).describe('System name, e.g. "Stripe"'),
  description: text(400).describe('What the system does, e.g. "payments platform"'),
  kind: z.enum(SYSTEM_KIND_VALUES).optional().describe('What kind of system it is, when stated (a database, an event stream, a mobile app …)'),
});

export const FlowSchema = z.object({
  from: text(80).describe('Name of the source system (must be one of systems[].name)'),
  to: text(80).describe('Name of the destination system (must be one of systems[].name)'),
  data: text(600).describe('What data or actions flow, e.g. "successful payments and refunds as Opportunity updates"'),
});

/**
 * A limit on one system, as the person stated it. `limit` keeps their words; the typed fields, when present,
 * are the reading of those words (an extractor fills them; otherwise the planner parses `limit`).
 */
export const LIMIT_TYPES = ['rate', 'concurrency', 'points', 'quota', 'unknown'] as const;
export const RateLimitSchema = z.object({
  system: text(80).describe('System the limit applies to'),
  limit: text(200).describe('The limit in the person\'s words, e.g. "100 requests per 10 seconds", "5 concurrent requests", "10k calls/day"'),
  type: z
    .enum(LIMIT_TYPES)
    .optional()
    .describe('rate: n requests per window; concurrency: n requests in flight; points: a cost bucket; quota: n per day or month; unknown: a limit exists but its size is not known'),
  requests: z.number().positive().optional().describe('rate: requests allowed per window'),
  windowSeconds: z.number().positive().optional().describe('rate: the window in seconds'),
  max: z.number().int().positive().optional().describe('concurrency: requests allowed in flight at once'),
  amount: z.number().positive().optional().describe('quota: calls (or units) allowed per period'),
  periodSeconds: z.number().positive().optional().describe('quota: the period in seconds (86400 = a day)'),
  bucket: z.number().positive().optional().describe('points: bucket size'),
  restorePerSecond: z.number().positive().optional().describe('points: points restored per second'),
  costPerCall: z.number().positive().optional().describe('points: points one call costs'),
  scope: z.string().trim().max(80).optional().describe('Whose limit it is, e.g. "per account", "per user", "per tenant"'),
});

const inputsShape = {
  systems: z.array(SystemSchema).min(2).max(12).describe('Systems being integrated (at least two)'),
  flows: z.array(FlowSchema).min(1).max(24).describe('Directed data flows; two flows in opposite directions = bidirectional'),
  volumePerDay: z.number().int().positive().max(10_000_000_000).optional().describe('Expected events per day'),
  latencySeconds: z.number().positive().max(7 * 24 * 3600).optional().describe('Acceptable end-to-end latency in seconds'),
  stack: text(400).optional().describe('Existing tech stack, e.g. "Node.js services on AWS"'),
  auth: text(600).optional().describe('Authentication constraints'),
  rateLimits: z.array(RateLimitSchema).max(24).optional().describe('Documented rate limits of the systems'),
  compliance: text(600).optional().describe('Compliance or data-residency notes'),
  peakFactor: z.number().min(1).max(1000).optional().describe('Peak-to-average traffic factor (e.g. 10 for a seasonal peak 10× the average)'),
  outageSeconds: z.number().positive().max(30 * 86_400).optional().describe('Outage of an external system the design must ride out, in seconds'),
  callLatencyMs: z.number().positive().max(600_000).optional().describe('Typical latency of one call to the destination API, in ms'),
  recordBytes: z.number().int().positive().max(1e9).optional().describe('Typical size of one record or event, in bytes'),
  bytesPerDay: z.number().positive().max(1e16).optional().describe('Data volume per day in bytes, when it is given as a size ("200 GB/day")'),
  backfillRecords: z.number().int().positive().max(1e12).optional().describe('Historical records to backfill once'),
  maxAttempts: z.number().int().min(1).max(50).optional().describe('Most attempts per message the team allows (1 try + retries)'),
  alertChannel: text(120).optional().describe('Where the team wants alerts, e.g. "Slack #ops-alerts", "PagerDuty"'),
  today: z
    .object({
      setup: text(600).describe('How the integration works today, in the person\'s words (a cron job, a Zapier zap, a nightly CSV …)'),
      symptoms: z.array(text(300)).min(1).max(10).describe('What goes wrong today, each in the person\'s words (errors, duplicates, missing records …)'),
    })
    .optional()
    .describe('An existing, fragile integration the design replaces: what it does and what goes wrong'),
};

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export const IntegrationInputsSchema = z.object(inputsShape).superRefine((value, ctx) => {
  value.systems.forEach((s, i) => {
    if (value.systems.findIndex((o) => sameName(o.name, s.name)) !== i) {
      ctx.addIssue({ code: 'custom', path: ['systems', i, 'name'], message: `duplicate system "${s.name}"` });
    }
  });
  value.flows.forEach((f, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!value.systems.some((s) => sameName(s.name, f[end]))) {
        ctx.addIssue({
          code: 'custom',
          path: ['flows', i, end],
          message: `"${f[end]}" is not one of the listed systems (${value.systems.map((s) => s.name).join(', ')})`,
        });
      }
    }
    if (sameName(f.from, f.to)) {
      ctx.addIssue({ code: 'custom', path: ['flows', i, 'to'], message: 'a flow must connect two different systems' });
    }
  });
  value.rateLimits?.forEach((r, i) => {
    if (!value.systems.some((s) => sameName(s.name, r.system))) {
      ctx.addIssue({ code: 'custom', path: ['rateLimits', i, 'system'], message: `"${r.system}" is not one of the listed systems` });
    }
  });
});

export type IntegrationInputs = z.infer<typeof IntegrationInputsSchema>;
export type SystemInput = z.infer<typeof SystemSchema>;
export type FlowInput = z.infer<typeof FlowSchema>;
export type RateLimitInput = z.infer<typeof RateLimitSchema>;

/** What we may know part-way through an interview: every field optional, descriptions and data may be missing. */
export const PartialInputsSchema = z.object({
  systems: z.array(z.object({ name: text(80), description: text(400).optional(), kind: z.enum(SYSTEM_KIND_VALUES).optional() })).max(12).optional(),
  flows: z.array(z.object({ from: text(80), to: text(80), data: text(600).optional() })).max(24).optional(),
  volumePerDay: inputsShape.volumePerDay,
  latencySeconds: inputsShape.latencySeconds,
  stack: inputsShape.stack,
  auth: inputsShape.auth,
  rateLimits: inputsShape.rateLimits,
  compliance: inputsShape.compliance,
  peakFactor: inputsShape.peakFactor,
  outageSeconds: inputsShape.outageSeconds,
  callLatencyMs: inputsShape.callLatencyMs,
  recordBytes: inputsShape.recordBytes,
  bytesPerDay: inputsShape.bytesPerDay,
  backfillRecords: inputsShape.backfillRecords,
  maxAttempts: inputsShape.maxAttempts,
  alertChannel: inputsShape.alertChannel,
  today: inputsShape.today,
});
export type PartialInputs = z.infer<typeof PartialInputsSchema>;

/** The seed's defaults for optional inputs, stated in the document whenever they are assumed. */
export const DEFAULTS = {
  volumePerDay: 30_000,
  volumeLabel: 'moderate volume, tens of thousands of events a day (assumed 30,000/day)',
  latencySeconds: 30,
  latencyLabel: 'near-real-time, within 30 seconds',
  stack: 'a modern cloud environment (containers, a managed queue, a secrets manager)',
  auth: 'standard OAuth 2.0 or API keys are acceptable',
  outageSeconds: 300,
  peakFactor: 5,
} as const;

export type MissingField = 'systems' | 'systemDescriptions' | 'flows' | 'flowData';

export interface MissingInput {
  field: MissingField;
  question: string;
  example: string;
}

/** Which required inputs are still missing, each with a question to ask and an example answer. */
export function missingInputs(partial: PartialInputs): MissingInput[] {
  const missing: MissingInput[] = [];
  const systems = partial.systems ?? [];
  const flows = partial.flows ?? [];

  if (systems.length < 2) {
    missing.push({
      field: 'systems',
      question:
        systems.length === 1
          ? `Which system does ${systems[0]!.name} integrate with, and what does it do?`
          : 'Which systems are being integrated, and what does each one do?',
      example: 'Stripe (payments platform) and Salesforce (CRM)',
    });
  }
  const undescribed = systems.filter((s) => !s.description);
  if (undescribed.length > 0) {
    missing.push({
      field: 'systemDescriptions',
      question: `What does ${listNames(undescribed.map((s) => s.name))} do in your landscape?`,
      example: `${undescribed[0]!.name}: ${exampleDescription(undescribed[0]!.name)}`,
    });
  }
  const validFlows = flows.filter(
    (f) => systems.some((s) => sameName(s.name, f.from)) && systems.some((s) => sameName(s.name, f.to)),
  );
  // With one system named, the other is asked first: which way data flows follows from the answer.
  if (validFlows.length === 0 && systems.length >= 2) {
    const [a, b] = [systems[0]!.name, systems[1]!.name];
    missing.push({
      field: 'flows',
      question: 'Which way does data flow: which system is the source and which is the destination (or both ways)?',
      example: `from ${a} to ${b}`,
    });
  } else if (validFlows.some((f) => !f.data)) {
    const f = validFlows.find((x) => !x.data)!;
    missing.push({
      field: 'flowData',
      question: `What data or actions should flow from ${f.from} to ${f.to}?`,
      example: 'successful payments and refunds, as Opportunity updates',
    });
  }
  return missing;
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function exampleDescription(name: string): string {
  return /erp|sap|netsuite/i.test(name) ? 'our ERP, source of truth for invoices' : 'our system of record for customers';
}

/** Turns a complete partial into validated inputs, or returns the validation error. */
export function completeInputs(partial: PartialInputs): z.ZodSafeParseResult<IntegrationInputs> {
  return IntegrationInputsSchema.safeParse(partial);
}

/** Later answers win over earlier ones; lists are merged by identity (system name, flow endpoints). */
export function mergeInputs(base: PartialInputs, update: PartialInputs): PartialInputs {
  const merged: PartialInputs = { ...base };
  for (const key of ['volumePerDay', 'latencySeconds', 'stack', 'auth', 'compliance', 'peakFactor', 'outageSeconds', 'callLatencyMs', 'recordBytes', 'backfillRecords', 'maxAttempts', 'today'] as const) {
    if (update[key] !== undefined) (merged as Record<string, unknown>)[key] = update[key];
  }
  if (update.systems) {
    const systems = [...(base.systems ?? [])];
    for (const s of update.systems) {
      const i = systems.findIndex((o) => sameName(o.name, s.name));
      if (i === -1) systems.push(s);
      else {
        const description = s.description ?? systems[i]!.description;
        const kind = s.kind ?? systems[i]!.kind;
        systems[i] = { name: systems[i]!.name, ...(description ? { description } : {}), ...(kind ? { kind } : {}) };
      }
    }
    merged.systems = systems;
  }
  if (update.flows) {
    const flows = [...(base.flows ?? [])];
    for (const f of update.flows) {
      const i = flows.findIndex((o) => sameName(o.from, f.from) && sameName(o.to, f.to));
      if (i === -1) flows.push(f);
      else flows[i] = { ...flows[i]!, data: f.data ?? flows[i]!.data };
    }
    merged.flows = flows;
  }
  if (update.rateLimits) {
    const limits = [...(base.rateLimits ?? [])];
    // A new limit of the same type on the same system replaces the old one; a different type adds to it
    // (a rate limit and a concurrency limit both hold).
    for (const r of update.rateLimits) {
      const i = limits.findIndex((o) => sameName(o.system, r.system) && (o.type ?? 'rate') === (r.type ?? 'rate'));
      if (i === -1) limits.push(r);
      else limits[i] = r;
    }
    merged.rateLimits = limits;
  }
  return merged;
}

/** Inputs with every optional value resolved, plus the list of defaults that were assumed. */
export interface ResolvedInputs extends IntegrationInputs {
  volumePerDay: number;
  latencySeconds: number;
  stack: string;
  auth: string;
  /** Stated numbers win over the seed's defaults (peak 5×, a 5-minute outage). */
  peakFactor: number;
  outageSeconds: number;
  assumptions: string[];
  bidirectional: boolean;
}

export function resolveInputs(inputs: IntegrationInputs): ResolvedInputs {
  const assumptions: string[] = [];
  if (inputs.volumePerDay === undefined) assumptions.push(`Volume: ${DEFAULTS.volumeLabel}.`);
  if (inputs.latencySeconds === undefined) assumptions.push(`Latency: ${DEFAULTS.latencyLabel}.`);
  if (inputs.stack === undefined) assumptions.push(`Stack: ${DEFAULTS.stack}.`);
  if (inputs.auth === undefined) assumptions.push(`Authentication: ${DEFAULTS.auth}.`);
  return {
    ...inputs,
    volumePerDay: inputs.volumePerDay ?? DEFAULTS.volumePerDay,
    latencySeconds: inputs.latencySeconds ?? DEFAULTS.latencySeconds,
    stack: inputs.stack ?? DEFAULTS.stack,
    auth: inputs.auth ?? DEFAULTS.auth,
    peakFactor: inputs.peakFactor ?? DEFAULTS.peakFactor,
    outageSeconds: inputs.outageSeconds ?? DEFAULTS.outageSeconds,
    assumptions,
    bidirectional: isBidirectional(inputs.flows),
  };
}

export function isBidirectional(flows: Pick<FlowInput, 'from' | 'to'>[]): boolean {
  return flows.some((f) => flows.some((g) => sameName(f.from, g.to) && sameName(f.to, g.from)));
}

export function findSystem<T extends { name: string }>(systems: T[], name: string): T | undefined {
  return systems.find((s) => sameName(s.name, name));
}

/** One-line summary used for titles and Slack root messages, e.g. "Stripe → Salesforce". */
export function summarizeFlows(inputs: Pick<PartialInputs, 'flows' | 'systems'>): string {
  const flows = inputs.flows ?? [];
  if (flows.length === 0) return (inputs.systems ?? []).map((s) => s.name).join(' ↔ ') || 'new integration';
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const f of flows) {
    const reverse = flows.some((g) => sameName(g.from, f.to) && sameName(g.to, f.from));
    const key = [f.from, f.to].map((x) => x.toLowerCase()).sort().join('|');
    if (reverse) {
      if (seen.has(key)) continue;
      seen.add(key);
      parts.push(`${f.from} ↔ ${f.to}`);
    } else parts.push(`${f.from} → ${f.to}`);
  }
  return parts.join(', ');
}
