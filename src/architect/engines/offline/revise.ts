import { parseRateLimit } from '../../calculators/index.js';
import { findSystem, IntegrationInputsSchema, type IntegrationInputs } from '../../inputs.js';

/**
 * Deterministic change requests: each rule recognises one kind of edit in a thread reply ("volume is 2
 * million a day", "add HubSpot as a destination", "we're on GCP") and applies it to the inputs. Edits that
 * would make the inputs invalid are skipped; what was applied is reported so the user sees it.
 */

export interface AppliedChanges {
  inputs: IntegrationInputs;
  /** One label per recognised edit, e.g. "volume → 2,000,000/day". */
  recognised: string[];
}

type Rule = (inputs: IntegrationInputs, text: string) => { inputs: IntegrationInputs; label: string } | null;

const NUMBER_WORDS: [RegExp, string][] = [
  [/(\d+(?:\.\d+)?)\s*(?:million|mil|mm)\b/gi, '$1m'],
  [/(\d+(?:\.\d+)?)\s*(?:thousand)\b/gi, '$1k'],
  [/(\d+(?:\.\d+)?)\s*(?:billion|bn)\b/gi, '$1000m'],
];

function normalizeNumbers(text: string): string {
  let out = text;
  for (const [re, to] of NUMBER_WORDS) out = out.replace(re, to);
  return out;
}

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };

function parseDurationSeconds(text: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b/i.exec(text);
  if (!m) return null;
  const unit = m[2]!.toLowerCase();
  const key = unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : unit[0]!;
  return Number(m[1]) * (DURATION_UNITS[key] ?? 1);
}

const rateLimitRule: Rule = (inputs, text) => {
  const m = /\b(?:rate[\s-]*)?(?:limit|quota)s?\b(?:\s+(?:is|are|of|=|:|to|at))*\s*(.+)$/i.exec(text);
  if (!m) return null;
  const limitText = m[1]!.replace(/[.!]+$/, '').trim().slice(0, 200);
  const parsed = parseRateLimit(normalizeNumbers(limitText));
  if (!parsed) return null;
  const system = inputs.systems.find((s) => text.toLowerCase().includes(s.name.toLowerCase())) ?? findSystem(inputs.systems, inputs.flows[0]!.to)!;
  const limit = normalizeNumbers(limitText);
  const rateLimits = [...(inputs.rateLimits ?? []).filter((r) => r.system.toLowerCase() !== system.name.toLowerCase()), { system: system.name, limit }];
  return { inputs: { ...inputs, rateLimits }, label: `${system.name} rate limit → "${limit}"` };
};

const volumeRule: Rule = (inputs, text) => {
  if (/\b(limit|quota|latency|within)\b/i.test(text)) return null;
  if (!/\b(volume|events?|messages?|records?|orders?|payments?|transactions?|calls?|requests?|a day|per day|daily|an hour|per hour)\b/i.test(text)) return null;
  let normalized = normalizeNumbers(text.toLowerCase()).replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (!/\b(per|a|an|each|every|\/)\s*(\d+\s*)?(day|hour|minute|second|week|month)s?\b|\bdaily\b|\bhourly\b/.test(normalized)) normalized += ' per day';
  const parsed = parseRateLimit(normalized);
  if (!parsed) return null;
  const volumePerDay = Math.round(parsed.perSecond * 86_400);
  if (volumePerDay < 1) return null;
  return { inputs: { ...inputs, volumePerDay }, label: `volume → ${volumePerDay.toLocaleString('en-US')} events/day` };
};

const latencyRule: Rule = (inputs, text) => {
  if (!/\b(latency|within|sla|end[- ]to[- ]end|delay of|real[- ]?time|nightly|once a day|daily batch|hourly)\b/i.test(text)) return null;
  let seconds = /\b(latency|within|sla|end[- ]to[- ]end|delay of)\b/i.test(text) ? parseDurationSeconds(text) : null;
  if (seconds === null && /\b(nightly|once a day|daily batch)\b/i.test(text)) seconds = 86_400;
  if (seconds === null && /\bhourly\b/i.test(text)) seconds = 3600;
  if (seconds === null && /\breal[- ]?time\b/i.test(text)) seconds = 5;
  if (seconds === null || seconds <= 0) return null;
  return { inputs: { ...inputs, latencySeconds: seconds }, label: `latency → ${seconds} s` };
};

const addSystemRule: Rule = (inputs, text) => {
  const m =
    /\badd\s+([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?)\s*(?:\(([^)]+)\))?\s+as\s+(?:a\s+|an\s+|another\s+|the\s+|new\s+)*(destination|target|sink|source)\b/i.exec(text) ??
    /\b(?:also\s+)?(?:send|sync|push|write)\s+(?:it|them|this|the data|data|everything)?\s*(?:to|into)\s+([A-Z][\w.&-]*)\s*(?:\(([^)]+)\))?()/.exec(text);
  if (!m) return null;
  const name = m[1]!.trim();
  const role = (m[3] || 'destination').toLowerCase() === 'source' ? 'source' : 'destination';
  const existing = findSystem(inputs.systems, name);
  const systems = existing ? inputs.systems : [...inputs.systems, { name, description: m[2]?.trim() || `added ${role}` }];
  const newName = existing?.name ?? name;
  const flows = [...inputs.flows];
  if (role === 'destination') {
    for (const from of [...new Set(inputs.flows.map((f) => f.from))].filter((f) => f.toLowerCase() !== newName.toLowerCase())) {
      if (flows.some((f) => f.from === from && f.to.toLowerCase() === newName.toLowerCase())) continue;
      flows.push({ from, to: newName, data: inputs.flows.find((f) => f.from === from)!.data });
    }
  } else {
    for (const to of [...new Set(inputs.flows.map((f) => f.to))].filter((t) => t.toLowerCase() !== newName.toLowerCase())) {
      if (flows.some((f) => f.to === to && f.from.toLowerCase() === newName.toLowerCase())) continue;
      flows.push({ from: newName, to, data: inputs.flows.find((f) => f.to === to)!.data });
    }
  }
  if (flows.length === inputs.flows.length) return null;
  return { inputs: { ...inputs, systems, flows }, label: `${newName} added as a ${role}` };
};

const removeSystemRule: Rule = (inputs, text) => {
  const m = /\b(?:remove|drop|stop sending to|no longer (?:need|use))\s+([A-Z][\w.&-]*)/i.exec(text);
  const system = m ? findSystem(inputs.systems, m[1]!) : undefined;
  if (!system) return null;
  const is = (n: string) => n.toLowerCase() === system.name.toLowerCase();
  const next = {
    ...inputs,
    systems: inputs.systems.filter((s) => !is(s.name)),
    flows: inputs.flows.filter((f) => !is(f.from) && !is(f.to)),
    rateLimits: inputs.rateLimits?.filter((r) => !is(r.system)),
  };
  return { inputs: next, label: `${system.name} removed` };
};

const QUEUES: [RegExp, string][] = [
  [/\bkafka\b/i, 'Kafka'],
  [/\brabbit\s*mq\b/i, 'RabbitMQ'],
  [/\bsqs\b/i, 'Amazon SQS'],
  [/\bpub\s*\/?\s*sub\b/i, 'Pub/Sub'],
  [/\bservice bus\b/i, 'Azure Service Bus'],
];
const CLOUDS: [RegExp, string][] = [
  [/\b(gcp|google cloud)\b/i, 'GCP'],
  [/\b(aws|amazon web services)\b/i, 'AWS'],
  [/\bazure\b/i, 'Azure'],
];
const ANY_QUEUE = /\b(kafka|rabbit\s*mq|amazon sqs|sqs|pub\s*\/?\s*sub|azure service bus|service bus)\b/gi;
const ANY_CLOUD = /\b(gcp|google cloud|aws|amazon web services|azure)\b/gi;

const stackRule: Rule = (inputs, text) => {
  const queue = QUEUES.find(([re]) => re.test(text))?.[1];
  const cloud = CLOUDS.find(([re]) => re.test(text))?.[1];
  if (!queue && !cloud) return null;
  let stack = inputs.stack ?? '';
  if (cloud) stack = ANY_CLOUD.test(stack) ? stack.replace(ANY_CLOUD, cloud) : `${stack}${stack ? ' ' : ''}on ${cloud}`;
  ANY_CLOUD.lastIndex = 0;
  if (queue) stack = ANY_QUEUE.test(stack) ? stack.replace(ANY_QUEUE, queue) : `${stack}${stack ? '; ' : ''}${queue} for messaging`;
  ANY_QUEUE.lastIndex = 0;
  stack = stack.trim().slice(0, 400);
  if (stack === inputs.stack) return null;
  return { inputs: { ...inputs, stack }, label: `stack → ${stack}` };
};

const complianceRule: Rule = (inputs, text) => {
  if (!/\b(gdpr|hipaa|pci|soc ?2|residency|must stay in|eu only|in the eu|sovereign|phi)\b/i.test(text)) return null;
  const compliance = [inputs.compliance, text.trim()].filter(Boolean).join('; ').slice(0, 600);
  return { inputs: { ...inputs, compliance }, label: `compliance → "${text.trim().slice(0, 80)}"` };
};

const authRule: Rule = (inputs, text) => {
  if (!/\b(oauth|api[ -]?keys?|jwt|mtls|client credentials|service account)\b/i.test(text)) return null;
  const auth = [inputs.auth, text.trim()].filter(Boolean).join('; ').slice(0, 600);
  return { inputs: { ...inputs, auth }, label: `authentication → "${text.trim().slice(0, 80)}"` };
};

const bidirectionalRule: Rule = (inputs, text) => {
  if (!/\b(two[- ]way|bi-?directional|both ways|both directions|sync (?:it )?back)\b/i.test(text)) return null;
  const flows = [...inputs.flows];
  for (const f of inputs.flows) {
    if (!flows.some((g) => g.from.toLowerCase() === f.to.toLowerCase() && g.to.toLowerCase() === f.from.toLowerCase())) {
      flows.push({ from: f.to, to: f.from, data: `changes to ${f.data}`.slice(0, 600) });
    }
  }
  if (flows.length === inputs.flows.length) return null;
  return { inputs: { ...inputs, flows }, label: 'flows made bidirectional' };
};

const RULES: Rule[] = [addSystemRule, removeSystemRule, bidirectionalRule, rateLimitRule, volumeRule, latencyRule, stackRule, complianceRule, authRule];

/** Applies every recognisable edit, sentence by sentence; rules that would invalidate the inputs are skipped. */
export function applyChangeRequest(inputs: IntegrationInputs, request: string): AppliedChanges {
  let current = inputs;
  const recognised: string[] = [];
  const sentences = request.split(/(?<=[.!?;])\s+|\n+|,\s+(?:and\s+)?(?=(?:add|use|make|change|set|switch|remove|latency|volume|we)\b)/i).filter((s) => s.trim());
  for (const sentence of sentences) {
    for (const rule of RULES) {
      const result = rule(current, sentence);
      if (!result) continue;
      const valid = IntegrationInputsSchema.safeParse(result.inputs);
      if (!valid.success) continue;
      current = valid.data;
      recognised.push(result.label);
    }
  }
  return { inputs: current, recognised };
}
