import { findProvider, inferKind, isOwnedKind } from '../knowledge/lookup.js';
import { catalog } from '../knowledge/catalog.js';
import type { Provider } from '../knowledge/schema.js';
import { findSystem, resolveInputs, summarizeFlows, type IntegrationInputs, type ResolvedInputs } from '../inputs.js';
import { durS, slugify } from '../prose.js';
import { chooseQueue } from './stack.js';
import { deliveryCadence } from './cadence.js';
import type { Decision, Expectation, FactRef, FlowPlan, Prohibition, QueueChoice, SystemLoad, SystemPlan, ToConfirm } from './types.js';

/**
 * The working state rules read and add to. Rules run in two passes: `shape` decides the structure (how each
 * flow reads and writes, the load on every system), `write` turns decisions into document blocks and the
 * expectations the quality gate checks.
 */
export interface Rule {
  id: string;
  shape?(ctx: PlanContext): void;
  write?(ctx: PlanContext): void;
}

export type DecisionInput = Omit<Decision, 'rule' | 'facts' | 'priority' | 'order'> & {
  facts?: FactRef[];
  priority?: Decision['priority'];
  order?: number;
};

export class PlanContext {
  readonly inputs: ResolvedInputs;
  readonly raw: IntegrationInputs;
  readonly systems: SystemPlan[];
  readonly flows: FlowPlan[];
  readonly queue: QueueChoice;
  loads: SystemLoad[] = [];
  readonly decisions: Decision[] = [];
  readonly expectations: Expectation[] = [];
  readonly prohibitions: Prohibition[] = [];
  readonly confirm: ToConfirm[] = [];
  readonly assumptions: string[] = [];
  /** Values rules share with later rules (retry solution, timeouts, retention …). */
  readonly shared = new Map<string, unknown>();
  private rule = 'plan';

  /** Why the peak is what it is when nobody stated one and the default does not fit (files arrive all at once). */
  readonly peakReason: string | null = null;

  constructor(raw: IntegrationInputs) {
    this.raw = raw;
    const resolved = resolveInputs(raw);
    this.systems = resolved.systems.map(systemPlan);
    // A file holds a period's records and lands all at once: loading it within the latency is the real peak.
    // A chain that starts at a file drop (drop → lake → warehouse) bursts all the way down.
    const fileSources = resolved.flows.length > 0 && resolved.flows.every((f) => ['file-drop', 'object-store'].includes(findSystem(this.systems, f.from)?.kind ?? '')) && resolved.flows.some((f) => findSystem(this.systems, f.from)?.kind === 'file-drop');
    // How often files come: as the source says ("delivers every 4 h"), else once a day for a latency of hours.
    const cadences = resolved.flows.map((f) => deliveryCadence(findSystem(this.systems, f.from)?.description ?? '')).filter((c): c is number => c !== null);
    const period = cadences.length > 0 ? Math.max(...cadences) : resolved.latencySeconds >= 3600 ? 86_400 : null;
    const burst = period ? Math.ceil(period / resolved.latencySeconds) : 0;
    if (raw.peakFactor === undefined && fileSources && period && burst > resolved.peakFactor) {
      this.inputs = { ...resolved, peakFactor: burst };
      this.peakReason =
        period === 86_400 && cadences.length === 0
          ? `a day's records arrive in one delivery, so loading them within ${durS(resolved.latencySeconds)} means a peak of ${burst}× the daily average (lower if files come more often)`
          : `each delivery holds ${durS(period)} of records, so loading it within ${durS(resolved.latencySeconds)} means a peak of ${burst}× the daily average`;
    } else this.inputs = resolved;
    const hops = throughGateways(this.inputs.flows, (name) => findSystem(this.systems, name)?.kind);
    this.inputs = { ...this.inputs, flows: hops.flows };
    // A flow that starts in a log (Kafka, Kinesis …) needs no second queue: with no stack stated, the log is it.
    const log = this.systems.find((s) => s.kind === 'event-stream' && this.inputs.flows.some((f) => same(f.from, s.name)));
    this.queue = chooseQueue(this.raw.stack ?? (log ? `${log.name} ${log.description}` : this.inputs.stack));
    this.flows = this.inputs.flows.map((f, index) => {
      const from = this.system(f.from);
      const to = this.system(f.to);
      return {
        index,
        from,
        to,
        data: f.data,
        entity: entityOf(f.data),
        targetEntity: targetEntityOf(f.data),
        bidirectional: this.inputs.flows.some((g) => same(g.from, f.to) && same(g.to, f.from)),
        // Decided by the ingress and egress rules.
        ingress: 'poll',
        push: null,
        egress: 'api-upsert',
        batchSize: 1,
        key: '',
        sourceReadsPerEvent: 0,
        downloads: false,
        destinationCallsPerEvent: 1,
        intervalSeconds: null,
        coalesced: false,
        via: hops.via.has(index) ? this.system(hops.via.get(index)!) : null,
      };
    });
  }

  get title(): string {
    return summarizeFlows(this.inputs);
  }

  system(name: string): SystemPlan {
    const found = findSystem(this.systems, name);
    if (!found) throw new Error(`unknown system ${name}`);
    return found;
  }

  load(system: SystemPlan): SystemLoad | undefined {
    return this.loads.find((l) => l.system.slug === system.slug);
  }

  /** Systems the integration connects to with its own credentials: all but sources that only push to us. */
  connected(): SystemPlan[] {
    const pushOnly = new Set(['webhook', 'webhook-assumed', 'subscription', 'ingest-api']);
    return this.systems.filter(
      (s) =>
        this.flows.some((f) => f.to === s || (f.from === s && (!pushOnly.has(f.ingress) || f.sourceReadsPerEvent > 0))) ||
        this.called().includes(s) ||
        // Our gateway carries the callers' requests: it is ours, not a system we sign in to.
        (this.loads.some((l) => l.system === s && l.reads > 0) && !this.flows.some((f) => f.via === s)),
    );
  }

  /** Systems the integration calls (destinations, and sources it reads from). */
  called(): SystemPlan[] {
    const out: SystemPlan[] = [];
    for (const f of this.flows) {
      if (!out.includes(f.to)) out.push(f.to);
      if (f.sourceReadsPerEvent > 0 && !out.includes(f.from)) out.push(f.from);
    }
    return out;
  }

  get<T>(key: string): T {
    if (!this.shared.has(key)) throw new Error(`plan value ${key} is not set yet (rule order)`);
    return this.shared.get(key) as T;
  }

  set(key: string, value: unknown): void {
    this.shared.set(key, value);
  }

  /** Runs a rule's pass with its id recorded on everything it adds. */
  as(rule: string, fn: () => void): void {
    const previous = this.rule;
    this.rule = rule;
    try {
      fn();
    } finally {
      this.rule = previous;
    }
  }

  decide(d: DecisionInput): void {
    this.decisions.push({ ...d, rule: this.rule, facts: d.facts ?? [], priority: d.priority ?? 2, order: d.order ?? 50 });
  }

  expect(e: Omit<Expectation, 'id'> & { id?: string }): void {
    this.expectations.push({ ...e, id: e.id ?? `${this.rule}:${this.expectations.length}` });
  }

  prohibit(p: Omit<Prohibition, 'id'> & { id?: string }): void {
    this.prohibitions.push({ ...p, id: p.id ?? `${this.rule}:${this.prohibitions.length}` });
  }

  toConfirm(system: string, what: string, topic: string = what): void {
    if (!this.confirm.some((c) => c.system === system && c.what === what)) this.confirm.push({ system, what, topic });
  }

  assume(text: string): void {
    if (!this.assumptions.includes(text)) this.assumptions.push(text);
  }
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The catalog entry for a system: by its name, else a technology its description names ("orders app (MySQL)"
 * carries MySQL's facts). A vendor product named only in a description is not taken: "like Stripe" is not Stripe.
 */
function providerFor(name: string, description: string): Provider | null {
  const byName = findProvider(name);
  if (byName) return byName;
  // "ingestion endpoint (API Gateway → Lambda)": an endpoint described by the gateway it runs on has its limits.
  const endpoint = /\b(?:endpoint|gateway|ingest\w*|edge)\b/i.test(name);
  const generic = catalog().filter((p) => p.generic || (endpoint && p.kind === 'api-gateway'));
  for (const p of generic) {
    for (const alias of [p.name.toLowerCase(), ...p.aliases]) {
      if (alias.length < 3) continue;
      if (new RegExp(`(?<![a-z0-9])${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`, 'i').test(description)) return p;
    }
  }
  return null;
}

function systemPlan(s: ResolvedInputs['systems'][number]): SystemPlan {
  const provider = providerFor(s.name, s.description);
  const kind = inferKind(s, provider ?? undefined);
  return { name: s.name, description: s.description, kind, provider, slug: slugify(s.name), owned: isOwnedKind(kind) };
}

const NOT_ENTITY = new Set(
  `new updated created changed deleted successful failed all the our their each every any a an daily hourly nightly real-time realtime
  live latest recent incoming outgoing raw full incremental status state level levels its his her my your data records record changes
  change updates update info information details stuff inserts insert deletes delete upserts creations creation cancellations
  cancellation modifications events-of`.split(/\s+/),
);
const PHRASE_END = /\s(?:as|to|into|from|for|with|in|on|of|by|via|when|whenever|that|which|who|whose|where|linked|plus|including|before|after|per|back)\s/;
/** Participles used as adjectives ("acknowledged incidents", "issues moved to Done"). */
const PARTICIPLE = /^[a-z]{3,}ed$/;
const NOT_PARTICIPLE = new Set(['feed', 'speed', 'embed', 'seed', 'need', 'shed', 'breed']);

/** Words that name a field of a record, not the record: "account owner" is about the account. */
const ATTRIBUTE = new Set('owner owners stage stages score scores field fields property properties value values flag flags tag tags name names address addresses phone email-address total totals amount amounts count counts id ids'.split(' '));

/** Two-word record names kept whole ("pull request", not "request"). */
const COMPOUND = /\b(pull|merge|sales|purchase|work|change|service|support|credit|journal|line|time|expense|price|page|print)\s+(requests?|orders?|items?|memos?|entr(?:y|ies)|tickets?|sheets?|reports?|lists?|views?|jobs?)\b/i;

/** The head noun of one noun phrase: "order status changes" → "order", "resolved incidents" → "incident". */
function headNoun(phrase: string): string | null {
  const compound = COMPOUND.exec(phrase);
  if (compound) return `${compound[1]!.toLowerCase()} ${singular(compound[2]!.toLowerCase())}`;
  const words = phrase
    .toLowerCase()
    .replace(/[^a-z0-9\s/'’-]/g, ' ')
    .replace(/['’]s\b/g, '')
    .split(/\s+/)
    .filter((w) => w && !/^\d/.test(w) && !NOT_ENTITY.has(w) && !(PARTICIPLE.test(w) && !NOT_PARTICIPLE.has(w)));
  const record = [...words].reverse().find((w) => !ATTRIBUTE.has(w));
  return record ? singular(record) : null;
}

/**
 * The thing a flow moves, singular: "successful payments and refunds" → "payment", "triggered, acknowledged and
 * resolved incidents" → "incident", "profile inserts, updates and deletes" → "profile".
 */
/** What carries records rather than being one: "CSV files, transactions" moves transactions. */
const CARRIERS = new Set('file export dump extract report batch drop archive spreadsheet sheet csv attachment'.split(' '));

export function entityOf(data: string): string {
  // A condition in brackets ("(when deal stage is closed won)") filters the records; it does not name them.
  // "products → product search index": the record is named before the arrow.
  const first = ` ${data.replace(/\s*\([^)]*\)/g, ' ').split('→')[0]!} `.split(PHRASE_END)[0]!;
  let carrier: string | undefined;
  // "EDI 850 files as orders": the records are named after the container.
  const as = /\bas\s+(?:an?\s+|the\s+)?([a-z0-9 -]+?)(?:\s+(?:in|into|on|to|for|with)\b|[,.;)]|$)/i.exec(data);
  for (const part of first.split(/,|\s+and\s+|\s+or\s+|\s*&\s*/)) {
    const head = headNoun(part);
    if (head && CARRIERS.has(head)) {
      const named = as ? headNoun(as[1]!) : null;
      if (named && !CARRIERS.has(named)) return named;
      carrier ??= head;
    } else if (head) return head;
  }
  return carrier ?? headNoun(data) ?? 'record';
}

/** What the destination stores: "support emails as tickets" → "ticket"; otherwise the entity itself. */
/** Storage words: "as rows" says where the record lands, not what it is. */
const CONTAINER = new Set('row table file document copy object list note column event entry message comment record property index bucket topic queue channel folder audience sheet'.split(' '));

export function targetEntityOf(data: string): string {
  // "deals → invoices": what the destination stores is named after the arrow.
  const mapped = /→\s*([^()→]+)/.exec(data);
  if (mapped && data.split('→').length === 2) {
    const head = headNoun(mapped[1]!);
    if (head && !CONTAINER.has(head)) return head;
  }
  const as = /\bas\s+(?:an?\s+|the\s+)?([a-z0-9 -]+?)(?:\s+(?:in|into|on|to|for|with)\b|[,.;]|$)/i.exec(data);
  const head = as ? headNoun(as[1]!) : null;
  return head && !CONTAINER.has(head) ? head : entityOf(data);
}

export function singular(word: string): string {
  if (/ies$/.test(word) && word.length > 4) return word.replace(/ies$/, 'y');
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ches|shes|xes|ses)$/.test(word)) return word.replace(/es$/, '');
  if (/s$/.test(word) && word.length > 3) return word.replace(/s$/, '');
  return word;
}

/**
 * A gateway between callers and the service behind it is our ingest API's front door, not a system data rests
 * in: "app → API Gateway → tracking service" is one flow, app → tracking service, through the gateway. A
 * gateway's own flow beside the caller's ("app → tracking service" and "API Gateway → tracking service") is the
 * same traffic, counted once.
 */
export function throughGateways<F extends { from: string; to: string; data: string }>(flows: F[], kindOf: (name: string) => string | undefined): { flows: F[]; via: Map<number, string> } {
  const gateway = (name: string) => kindOf(name) === 'api-gateway';
  const out: { flow: F; via?: string; at: number }[] = [];
  const used = new Set<F>();
  for (const f of flows) {
    if (used.has(f) || gateway(f.from) || !gateway(f.to)) continue;
    const onward = flows.filter((g) => same(g.from, f.to) && !same(g.to, f.from) && !gateway(g.to));
    if (onward.length === 0) continue;
    used.add(f);
    for (const g of onward) {
      used.add(g);
      out.push({ flow: { ...f, to: g.to, data: f.data || g.data }, via: f.to, at: flows.indexOf(f) });
    }
  }
  for (const g of flows) {
    if (used.has(g) || !gateway(g.from)) continue;
    const caller = flows.find((f) => f !== g && !gateway(f.from) && same(f.to, g.to) && !used.has(f));
    if (!caller) continue;
    used.add(g);
    used.add(caller);
    out.push({ flow: caller, via: g.from, at: flows.indexOf(caller) });
  }
  const kept = flows.filter((f) => !used.has(f)).map((flow): { flow: F; via?: string; at: number } => ({ flow, at: flows.indexOf(flow) }));
  const all = [...kept, ...out].sort((a, b) => a.at - b.at);
  const merged = all.filter((x, i) => all.findIndex((y) => same(y.flow.from, x.flow.from) && same(y.flow.to, x.flow.to)) === i);
  return { flows: merged.map((x) => x.flow), via: new Map(merged.flatMap((x, i) => (x.via ? [[i, x.via] as [number, string]] : []))) };
}
