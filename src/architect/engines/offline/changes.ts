import { PATTERN_LABEL } from './sections-design.js';
import type { Plan } from './plan.js';
import { durS, fmt, rate } from './text.js';

/** "What changed" bullets: the inputs that moved, then the key numbers that moved with them. */
export function describeChanges(before: Plan, after: Plan): string[] {
  const changes: string[] = [];
  const a = before.inputs;
  const b = after.inputs;
  const push = (label: string, from: string, to: string) => {
    if (from !== to) changes.push(`${label}: ${from} → ${to}`);
  };
  push('Volume', `${fmt(a.volumePerDay)}/day`, `${fmt(b.volumePerDay)}/day`);
  push('Latency', durS(a.latencySeconds), durS(b.latencySeconds));
  push('Stack', a.stack, b.stack);
  push('Compliance', a.compliance ?? 'none', b.compliance ?? 'none');
  push('Authentication', a.auth, b.auth);
  const names = (p: Plan) => p.systems.map((s) => s.name);
  for (const added of names(after).filter((n) => !names(before).includes(n))) changes.push(`Added system: ${added}`);
  for (const removed of names(before).filter((n) => !names(after).includes(n))) changes.push(`Removed system: ${removed}`);
  const flowSet = (p: Plan) => p.flows.map((f) => `${f.from.name} → ${f.to.name}`);
  for (const added of flowSet(after).filter((f) => !flowSet(before).includes(f))) changes.push(`Added flow: ${added}`);
  for (const removed of flowSet(before).filter((f) => !flowSet(after).includes(f))) changes.push(`Removed flow: ${removed}`);
  const limits = (p: Plan) => p.destinations.map((d) => `${d.system.name}: ${d.limitStated ? d.limitText : 'not given'}`).join('; ');
  push('Rate limits', limits(before), limits(after));

  push('Pattern', PATTERN_LABEL[before.primary], PATTERN_LABEL[after.primary]);
  push('Queue', before.stack.queue, after.stack.queue);
  const retry = (p: Plan) => {
    const pol = p.retry.schedule.policy;
    return `${pol.maxAttempts} attempts, base ${durS(pol.baseDelayMs / 1000)}, cap ${durS(pol.capMs / 1000)}`;
  };
  push('Retry policy', retry(before), retry(after));
  for (const d of after.destinations) {
    const old = before.destinations.find((o) => o.system.slug === d.system.slug);
    if (!old) continue;
    const bucket = (x: typeof d) => `${fmt(x.budget.tokenBucket!.capacity)} tokens at ${rate(x.budget.tokenBucket!.refillPerSecond)}`;
    push(`${d.system.name} token bucket`, bucket(old), bucket(d));
    push(`${d.system.name} batch size`, String(old.batchSize), String(d.batchSize));
    push(`${d.system.name} outage backlog`, `${fmt(old.backlog.messages)} messages`, `${fmt(d.backlog.messages)} messages`);
    push(`${d.system.name} breaker minimum calls`, String(old.breaker.minimumCalls), String(d.breaker.minimumCalls));
  }
  return changes;
}
