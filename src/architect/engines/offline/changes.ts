import { dur, durS, fmt, rate } from '../../prose.js';
import { ingressLabel } from '../../plan/rules/ingress.js';
import type { Plan } from '../../plan/types.js';

/** "What changed" bullets: the inputs that moved, then the decisions and numbers that moved with them. */
export function describeChanges(before: Plan, after: Plan): string[] {
  const changes: string[] = [];
  const a = before.inputs;
  const b = after.inputs;
  const push = (label: string, from: string, to: string) => {
    if (from !== to) changes.push(`${label}: ${from} → ${to}`);
  };
  push('Volume', `${fmt(a.volumePerDay)}/day`, `${fmt(b.volumePerDay)}/day`);
  push('Latency', durS(a.latencySeconds), durS(b.latencySeconds));
  push('Peak factor', `${fmt(a.peakFactor)}×`, `${fmt(b.peakFactor)}×`);
  push('Outage to ride out', durS(a.outageSeconds), durS(b.outageSeconds));
  push('Call latency', a.callLatencyMs ? dur(a.callLatencyMs) : 'not stated', b.callLatencyMs ? dur(b.callLatencyMs) : 'not stated');
  push('Max attempts', a.maxAttempts ? String(a.maxAttempts) : 'not stated', b.maxAttempts ? String(b.maxAttempts) : 'not stated');
  push('Stack', a.stack, b.stack);
  push('Compliance', a.compliance ?? 'none', b.compliance ?? 'none');
  push('Authentication', a.auth, b.auth);
  const names = (p: Plan) => p.systems.map((s) => s.name);
  for (const added of names(after).filter((n) => !names(before).includes(n))) changes.push(`Added system: ${added}`);
  for (const removed of names(before).filter((n) => !names(after).includes(n))) changes.push(`Removed system: ${removed}`);
  const flowSet = (p: Plan) => p.flows.map((f) => `${f.from.name} → ${f.to.name}`);
  for (const added of flowSet(after).filter((f) => !flowSet(before).includes(f))) changes.push(`Added flow: ${added}`);
  for (const removed of flowSet(before).filter((f) => !flowSet(after).includes(f))) changes.push(`Removed flow: ${removed}`);
  for (const f of after.flows) {
    const old = before.flows.find((o) => o.from.slug === f.from.slug && o.to.slug === f.to.slug);
    if (old) push(`${f.from.name} → ${f.to.name} pattern`, ingressLabel(old.ingress), ingressLabel(f.ingress));
  }
  // Limits per system, only where they moved.
  const limitsOf = (p: Plan, slug: string) => {
    const l = p.loads.find((x) => x.system.slug === slug);
    return l ? l.limits.map((x) => `${x.label}${x.origin === 'stated' ? '' : ' (documented)'}`).join(', ') || 'none known' : 'none known';
  };
  for (const s of after.systems) push(`${s.name} limits`, limitsOf(before, s.slug), limitsOf(after, s.slug));
  push('Queue', before.queue.name, after.queue.name);
  const retry = (p: Plan) => {
    const pol = p.retry.schedule.policy;
    return `${pol.maxAttempts} attempts, base ${dur(pol.baseDelayMs)}, cap ${dur(pol.capMs)}`;
  };
  push('Retry policy', retry(before), retry(after));
  push('Timeouts', `request ${dur(before.timeouts.requestMs)}`, `request ${dur(after.timeouts.requestMs)}`);
  for (const l of after.loads) {
    const old = before.loads.find((o) => o.system.slug === l.system.slug);
    if (!old) continue;
    const control = (x: typeof l) => (x.permits !== null ? `${x.permits} permits` : x.bucket ? `${fmt(x.bucket.capacity)} tokens at ${rate(x.bucket.refillPerSecond)}` : 'adaptive');
    push(`${l.system.name} client-side limit`, control(old), control(l));
    push(`${l.system.name} feasibility`, old.feasibility.fitsDaily ? 'fits' : 'does not fit', l.feasibility.fitsDaily ? 'fits' : 'does not fit');
    if (old.backlog && l.backlog) push(`${l.system.name} outage backlog`, `${fmt(old.backlog.messages)} messages`, `${fmt(l.backlog.messages)} messages`);
  }
  for (const f of after.flows) {
    const old = before.flows.find((o) => o.from.slug === f.from.slug && o.to.slug === f.to.slug);
    if (old && old.batchSize !== f.batchSize) push(`${f.to.name} records per call`, String(old.batchSize), String(f.batchSize));
  }
  return changes;
}
