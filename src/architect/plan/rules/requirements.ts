import { DEFAULTS } from '../../inputs.js';
import { bytes, durS, fmt, listing, literal, numberPattern, rate } from '../../prose.js';
import type { Rule } from '../context.js';
import { bulkFor } from './egress.js';
import { ingressLabel } from './ingress.js';

/**
 * The opening of the document: a one-line summary that says plainly what the design delivers (or that it
 * cannot), the assumptions, and Requirements restating every constraint the person gave — each one acted on
 * elsewhere, so the quality gate can hold the document to it.
 */

/** "Stripe (payments platform)", but "tracking service" alone when its description only repeats its name. */
function described(s: { name: string; description: string }): string {
  return s.description && s.description.toLowerCase() !== s.name.toLowerCase() ? `${s.name} (${s.description})` : s.name;
}

/** A size as people state it, in decimal units ("200 GB", not "186 GiB"). */
function decimalBytes(n: number): string {
  for (const [unit, size] of [['TB', 1e12], ['GB', 1e9], ['MB', 1e6], ['KB', 1e3]] as const) if (n >= size) return `${fmt(n / size)} ${unit}`;
  return `${fmt(n)} B`;
}

export const summaryRule: Rule = {
  id: 'summary',
  write(ctx) {
    const i = ctx.inputs;
    const first = ctx.flows[0]!;
    const what =
      ctx.flows.length === 1
        ? `${described(first.from)} → ${described(first.to)}`
        : `${listing(ctx.systems.map((s) => s.name))} in ${ctx.flows.length} flows`;
    const via = listing([...new Set(ctx.flows.map((f) => ingressLabel(f.ingress).split(' (')[0]!))]);
    const over = ctx.loads.filter((l) => !l.feasibility.fitsDaily);
    const text = over.length
      ? `**Not deliverable as specified:** ${listing(over.map((l) => `${fmt(l.callsPerDay)} calls a day to ${l.system.name} exceed its limits ${fmt(l.feasibility.dailyOverload!)}×`))}. ${what} via ${via}; the options are under Requirements.`
      : `${what} via ${via}: ${fmt(i.volumePerDay)} events a day within ${durS(i.latencySeconds)}, surviving a ${durS(i.outageSeconds)} outage without loss or duplicates.`;
    ctx.decide({ id: 'summary', section: 'preamble', order: 1, priority: 1, block: { kind: 'paragraph', text } });
    if (over.length) {
      ctx.expect({
        label: 'The summary says plainly that the volume cannot fit',
        section: 'any',
        near: null,
        all: [/not (?:deliverable|feasible|possible)|cannot|can't|does not fit|exceed/i],
        instruction: `Say plainly at the top that ${listing(over.map((l) => l.system.name))} cannot take the stated volume (it exceeds the limits), and give the options that exist for that API. Do not promise delivery.`,
        kind: 'constraint',
      });
    }
  },
};

export const requirementsRule: Rule = {
  id: 'requirements',
  write(ctx) {
    const i = ctx.inputs;
    const raw = ctx.raw;
    const avg = i.volumePerDay / 86_400;
    const flows = ctx.flows.map((f) => `${f.from.name} → ${f.to.name}${f.via ? ` (through ${f.via.name})` : ''}: ${f.data}`).join('; ');
    const add = (id: string, order: number, label: string, text: string, priority: 1 | 2 = 1) =>
      ctx.decide({ id: `requirements:${id}`, section: 'requirements', order, priority, block: { kind: 'bullet', label, text } });
    ctx.decide({ id: 'requirements:flows', section: 'requirements', order: 10, priority: 1, fixed: true, block: { kind: 'bullet', label: `Flows${i.bidirectional ? ' (bidirectional)' : ''}`, text: `${flows}.` } });
    const peak = `at the ${fmt(i.peakFactor)}× peak (${raw.peakFactor !== undefined ? 'stated' : 'assumed'})`;
    add('volume', 20, 'Volume', `${fmt(i.volumePerDay)} events/day${ctx.flows.length > 1 ? ' per flow' : ''}: ${rate(avg, 'events')} average, ${rate(avg * i.peakFactor, 'events')} ${peak}.`);
    // A volume stated in bytes: said as stated, and the record count it implies when the record size is known.
    if (raw.bytesPerDay) {
      add('bytes', 21, 'Data volume', `${decimalBytes(raw.bytesPerDay)}/day (stated)${raw.recordBytes ? `: ${fmt(raw.bytesPerDay / raw.recordBytes)} records of ${bytes(raw.recordBytes)}` : '; the record count above is assumed: give the typical record size (or records a day) to size it'}.`);
    }
    const sync = i.latencySeconds >= 3600 ? 'batch is acceptable' : i.latencySeconds <= 5 ? 'tight, near-synchronous' : 'asynchronous is fine';
    add('latency', 30, 'Latency', `${durS(i.latencySeconds)} end to end; ${sync}.`);
    add('outage', 50, 'Outages', `ride out ${durS(i.outageSeconds)} of downtime of any system${raw.outageSeconds !== undefined ? ' (stated)' : ' (the seed’s assumption)'}; no loss, no duplicates.`, 2);
    add('stack', 60, 'Stack', `${raw.stack ? `${raw.stack} (${ctx.queue.name}, ${ctx.queue.secrets})` : `not stated: ${ctx.queue.name}, ${ctx.queue.secrets}`}.`, 2);
    if (raw.compliance) add('compliance', 70, 'Compliance', complianceLine(raw.compliance));
    if (raw.backfillRecords) {
      const f = ctx.flows[0]!;
      const records = raw.backfillRecords;
      const parts: string[] = [];
      if (f.from.kind === 'saas-api') {
        const page = f.from.provider?.reads.pagination?.maxPageSize ?? 100;
        const source = ctx.load(f.from);
        const reads = Math.ceil(records / page);
        parts.push(`${fmt(reads)} reads of ${page} from ${f.from.name}${source?.feasibility.capacityPerSecond ? ` (${durS(reads / source.feasibility.capacityPerSecond)} at its budget)` : ''}`);
      }
      const bulk = bulkFor(f);
      const batch = bulk ? (bulk.maxRecords ?? 200) : 1;
      const writes = Math.ceil(records / batch);
      const dest = ctx.load(f.to);
      const spare = dest?.feasibility.capacityPerSecond ? dest.feasibility.capacityPerSecond - dest.feasibility.averagePerSecond : null;
      parts.push(
        `${fmt(writes)} writes to ${f.to.name}${bulk ? ` in batches of ${batch} through ${bulk.endpoint ?? 'its bulk endpoint'}` : ''}` +
          (spare && spare > 0 ? `, about ${durS(writes / spare)} at the budget the live sync leaves free` : ''),
      );
      add('backfill', 75, 'Backfill', `${fmt(records)} records once: ${parts.join('; ')}. It runs through the same idempotent path, paced by the same limiter with live changes first, so the live sync keeps its share.`);
      ctx.expect({ label: 'The backfill is sized', section: 'requirements', near: null, all: [/backfill/i, numberPattern(raw.backfillRecords)], instruction: `Size the ${fmt(raw.backfillRecords)}-record backfill against the source's read limits.`, kind: 'constraint' });
    }
    // Every stated number appears where it belongs.
    if (raw.volumePerDay !== undefined) ctx.expect({ label: 'The stated volume', section: 'requirements', near: null, all: [numberPattern(raw.volumePerDay)], instruction: `Requirements must state the ${fmt(raw.volumePerDay)} events/day the person gave.`, kind: 'constraint' });
    if (raw.latencySeconds !== undefined) ctx.expect({ label: 'The stated latency', section: 'requirements', near: null, all: [literal(durS(raw.latencySeconds))], instruction: `Requirements must state the ${durS(raw.latencySeconds)} latency the person gave.`, kind: 'constraint' });
    if (raw.peakFactor !== undefined) ctx.expect({ label: 'The stated peak factor', section: 'requirements', near: null, all: [new RegExp(`${fmt(raw.peakFactor).replace('.', '\\.')}\\s*[×x]`, 'i')], instruction: `Size for the stated ${fmt(raw.peakFactor)}× peak, not a default.`, kind: 'constraint' });
    if (raw.compliance) ctx.expect({ label: 'Compliance constraint addressed', section: 'requirements', near: null, all: [/compliance/i], instruction: `Address the compliance constraint "${raw.compliance}" in Requirements and in how data is stored and logged.`, kind: 'constraint' });
    if (raw.peakFactor === undefined) ctx.assume(ctx.peakReason ?? `peak traffic ${DEFAULTS.peakFactor}× the daily average`);
    if (ctx.flows.length > 1) ctx.assume('each flow carries the full stated volume');
  },
};

function complianceLine(text: string): string {
  const rules: string[] = [];
  if (/\b(pci|card)/i.test(text)) rules.push('card data never enters our queue, logs or destinations; we keep ids, amounts and status only');
  if (/\b(residen|gdpr|eu\b|europe|region|sovereign|locali[sz])/i.test(text)) rules.push('queues, logs and backups stay in-region, no cross-region replication');
  if (/\b(hipaa|phi\b|health)/i.test(text)) rules.push('health data minimised, encrypted and access-logged');
  if (/\b(sox|audit)/i.test(text)) rules.push('every change traceable to its source event and kept for the audit period');
  if (rules.length === 0) rules.push('payloads minimised, access audited');
  return `"${text}" → ${rules.join('; ')}.`;
}

/** Runs last: the defaults assumed and the facts to confirm, once every rule has added its own. */
export const assumptionsRule: Rule = {
  id: 'assumptions',
  write(ctx) {
    const raw = ctx.raw;
    const defaults = [
      ...(raw.volumePerDay === undefined ? [`volume ${fmt(ctx.inputs.volumePerDay)}/day (default)`] : []),
      ...(raw.latencySeconds === undefined ? [`latency ${durS(ctx.inputs.latencySeconds)} (default)`] : []),
      ...(raw.stack === undefined ? ['a modern cloud stack'] : []),
      ...(raw.auth === undefined ? ['OAuth 2.0 or API keys acceptable'] : []),
    ];
    const all = [...defaults, ...ctx.assumptions];
    if (all.length > 0) {
      ctx.decide({
        id: 'assumptions',
        section: 'preamble',
        order: 2,
        priority: 1,
        fixed: true,
        block: { kind: 'paragraph', text: `**Assumptions:** ${all.join('; ')}.` },
        // The same assumptions without their explanations ("(default)" stays: it says where the number came from).
        short: { kind: 'paragraph', text: `**Assumptions:** ${all.map((a) => a.replace(/\s*\([^)]*\s[^)]*\)/g, '')).join('; ')}.` },
      });
    }
    if (ctx.confirm.length > 0) {
      const grouped = (part: 'what' | 'topic') => {
        const bySystem = new Map<string, string[]>();
        for (const c of ctx.confirm) bySystem.set(c.system, [...(bySystem.get(c.system) ?? []), c[part]]);
        return `${[...bySystem].map(([s, items]) => `${s}: ${listing(items)}`).join('; ')}.`;
      };
      ctx.decide({
        id: 'requirements:confirm',
        section: 'requirements',
        order: 80,
        priority: 1,
        block: { kind: 'bullet', label: 'Confirm with the vendor', text: grouped('what') },
        short: { kind: 'bullet', label: 'Confirm with the vendor', text: grouped('topic') },
      });
    }
  },
};
