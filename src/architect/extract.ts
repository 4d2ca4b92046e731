/**
 * Free text → partial integration inputs. The heuristic extractor here is the offline fallback; an
 * LLM-backed extractor implements the same `Extractor` type. Output always passes PartialInputsSchema.
 */
import { readFacts, type SentenceFacts } from './extract/facts.js';
import { parseSentenceFlows, type HalfFlow, type KeyFlow } from './extract/flows.js';
import { findMentions, type Mention } from './extract/mentions.js';
import { blank, normalize, splitSentences, tokenize } from './extract/text.js';
import { PartialInputsSchema, type PartialInputs } from './inputs.js';
import { findProvider } from './knowledge/index.js';

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
  const systems = new Map<string, SystemEntry>();
  const flows: KeyFlow[] = [];
  const half: HalfFlow[] = [];
  const facts: SentenceFacts[] = [];
  const sentenceMentions: Mention[][] = [];

  for (const sentence of splitSentences(normalize(text))) {
    const f = readFacts(sentence);
    facts.push(f);
    const tokens = tokenize(blank(sentence, f.spans));
    const mentions = findMentions(tokens);
    sentenceMentions.push(mentions);
    for (const m of mentions) addSystem(systems, m);
    const parsed = parseSentenceFlows(tokens, mentions);
    flows.push(...parsed.flows);
    half.push(...parsed.half);
  }

  const keys = [...systems.keys()];
  // A one-sided flow ("push invoices to Xero") is completed only when exactly one other system exists.
  for (const h of half) {
    if (keys.length !== 2) break;
    const known = h.from ?? h.to;
    const other = keys.find((k) => k !== known);
    if (!known || !other) continue;
    const flow = h.from ? { from: h.from, to: other } : { from: other, to: h.to! };
    if (!flows.some((f) => f.from === flow.from && f.to === flow.to)) flows.push(h.data ? { ...flow, data: h.data } : flow);
  }

  const nameOf = (key: string) => systems.get(key)?.name ?? key;
  const partial: PartialInputs = {
    systems: [...systems.values()].map((s) => {
      const description = s.userDescription ?? s.description;
      return description ? { name: s.name, description } : { name: s.name };
    }),
    flows: mergeFlows(flows).map((f) => ({ ...f, from: nameOf(f.from), to: nameOf(f.to) })),
  };
  Object.assign(partial, optionalFacts(facts, [...systems.values()]));
  // A limit on a product that takes part in no flow ("Zuora allows 5 calls per second") is not about this design.
  const inFlows = new Set(partial.flows!.flatMap((f) => [f.from, f.to]));
  if (partial.rateLimits && inFlows.size > 0) {
    partial.rateLimits = partial.rateLimits.filter((r) => inFlows.has(r.system));
    if (partial.rateLimits.length === 0) delete partial.rateLimits;
  }
  return sanitize(partial);
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
  } else if (m.description && !existing.userDescription) existing.userDescription = m.description;
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

function optionalFacts(facts: SentenceFacts[], systems: SystemEntry[]): Partial<PartialInputs> {
  const out: Partial<PartialInputs> = {};
  const volumes = facts.flatMap((f) => f.volumes);
  // Several figures usually restate one volume (per day and per second); the largest average is the safe pick.
  const average = volumes.filter((v) => !v.peak).map((v) => v.perDay);
  const chosen = average.length > 0 ? Math.max(...average) : volumes.length > 0 ? Math.max(...volumes.map((v) => v.perDay)) : undefined;
  if (chosen !== undefined) out.volumePerDay = Math.max(1, Math.round(chosen));
  const latencies = facts.flatMap((f) => f.latencies);
  if (latencies.length > 0) out.latencySeconds = Math.min(...latencies);
  const stack = [...new Set(facts.flatMap((f) => f.stack))];
  if (stack.length > 0) out.stack = stack.join(', ');
  const auth = [...new Set(facts.flatMap((f) => f.auth.map((a) => authText(a, systems))))];
  if (auth.length > 0) out.auth = auth.join('; ');
  const compliance = [...new Set(facts.flatMap((f) => f.compliance))];
  if (compliance.length > 0) out.compliance = compliance.join('; ');
  const limits = facts.flatMap((f) => f.rateLimits).flatMap((r) => {
    const system = resolveSystem(r.systemText, systems);
    return system ? [{ system: system.name, limit: r.limit }] : [];
  });
  if (limits.length > 0) out.rateLimits = limits.filter((l, i) => limits.findIndex((o) => o.system === l.system && o.limit === l.limit) === i);
  return out;
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

function resolveSystem(text: string, systems: SystemEntry[]): SystemEntry | undefined {
  const api = findProvider(text);
  return systems.find((s) => (api && s.key === api.name.toLowerCase()) || mentionedIn(text, s));
}

/** Keeps only the parts that validate, so one odd phrase never voids the whole extraction. */
export function sanitize(partial: PartialInputs): PartialInputs {
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
  for (const key of ['volumePerDay', 'latencySeconds', 'stack', 'auth', 'compliance'] as const) {
    if (partial[key] === undefined) continue;
    const r = shape[key].safeParse(partial[key]);
    if (r.success) out[key] = r.data;
  }
  if (partial.rateLimits) {
    const r = shape.rateLimits.safeParse(partial.rateLimits.filter((l) => listed(l.system)).slice(0, 24));
    if (r.success && r.data && r.data.length > 0) out.rateLimits = r.data;
  }
  const final = PartialInputsSchema.safeParse(out);
  return final.success ? final.data : {};
}
