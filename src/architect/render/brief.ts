import { dur, durS, fmt, rate } from '../prose.js';
import type { Plan } from '../plan/types.js';
import { SECTION_IDS, SECTION_TITLES } from '../types.js';

/**
 * The Plan as a brief for Claude: the planner's decisions by section (each already grounded in the catalog's
 * documented facts), the numbers the calculators produced, what the document must and must not say (the
 * quality gate checks exactly these), what to confirm with vendors, and the sources to cite.
 */
export function planBrief(plan: Plan): string {
  const lines: string[] = ['<plan>'];
  lines.push('The planner derived these decisions from the inputs and from the vendors’ documentation. Build the document on them:');
  lines.push('keep every number, fact, key and mechanism; phrase them your way; add insight where it helps.');
  for (const section of ['preamble', ...SECTION_IDS] as const) {
    const decisions = plan.decisions.filter((d) => d.section === section && d.block.kind !== 'code').sort((a, b) => a.order - b.order);
    if (decisions.length === 0) continue;
    lines.push('', `## ${section === 'preamble' ? 'Summary and assumptions' : SECTION_TITLES[section]}`);
    for (const d of decisions) {
      const b = d.block;
      if (b.kind === 'bullet') lines.push(`- ${b.label ? `${b.label}: ` : ''}${b.text}`);
      else if (b.kind === 'paragraph' || b.kind === 'step') lines.push(`- ${b.text}`);
      else if (b.kind === 'row') lines.push(`- ${b.cells.join(' | ')}`);
      else if (b.kind === 'table') lines.push(`- ${b.header.join(' | ')}`, ...b.rows.map((r) => `  - ${r.join(' | ')}`));
    }
  }
  lines.push('', '## Numbers (from the calculators)');
  const p = plan.retry.schedule.policy;
  lines.push(`- Retry: ${p.maxAttempts} attempts, base ${dur(p.baseDelayMs)}, factor ${p.factor}, cap ${dur(p.capMs)}, ${p.jitter} jitter, retry deadline ${dur(plan.retry.schedule.cumulativeMinMs)}.`);
  lines.push(`- Timeouts: connect ${dur(plan.timeouts.connectMs)}, request ${dur(plan.timeouts.requestMs)}, slow call ${dur(plan.timeouts.slowCallMs)} (${plan.timeouts.basis}).`);
  lines.push(`- Peak factor ${fmt(plan.inputs.peakFactor)}×; outage to ride out ${durS(plan.inputs.outageSeconds)}; keys kept ${plan.keyRetentionDays} days.`);
  for (const l of plan.loads) {
    const parts = [`${fmt(l.callsPerDay)} calls/day`, `peak ${rate(l.feasibility.peakPerSecond)}`];
    if (l.feasibility.capacityPerSecond !== null) parts.push(`capacity ${rate(l.feasibility.capacityPerSecond)}`);
    if (l.permits !== null) parts.push(`bulkhead ${l.permits} permits`);
    if (l.bucket) parts.push(`token bucket ${rate(l.bucket.refillPerSecond)}, capacity ${fmt(l.bucket.capacity)}`);
    if (l.breaker) parts.push(`breaker ${l.breaker.failureRateThreshold}% over ≥ ${l.breaker.minimumCalls} calls in ${durS(l.breaker.slidingWindowSeconds)}, open ${durS(l.breaker.openSeconds)}`);
    if (l.backlog) parts.push(`outage backlog ${fmt(l.backlog.messages)} messages`);
    parts.push(l.feasibility.fitsDaily ? 'fits' : `DOES NOT FIT (${fmt(l.feasibility.dailyOverload!)}× over)`);
    lines.push(`- ${l.system.name}: ${parts.join('; ')}.`);
  }
  lines.push('', '## The document must (checked by the quality gate)');
  for (const e of plan.expectations) lines.push(`- ${e.instruction}`);
  if (plan.prohibitions.length > 0) {
    lines.push('', '## The document must not (these contradict the vendors’ documentation)');
    for (const instruction of new Set(plan.prohibitions.map((x) => x.instruction))) lines.push(`- ${instruction}`);
  }
  if (plan.confirm.length > 0) {
    lines.push('', '## Not documented: say to confirm with the vendor (never a generic claim instead)');
    for (const c of plan.confirm) lines.push(`- ${c.system}: ${c.what}`);
  }
  const sources = [...new Map(plan.decisions.flatMap((d) => d.facts).filter((f) => f.url).map((f) => [f.url, f])).values()];
  if (sources.length > 0) {
    lines.push('', '## Sources to cite (end the document with `## Sources`, a list of links to the facts you used)');
    for (const s of sources) lines.push(`- ${s.provider}: ${s.url}`);
  }
  lines.push('</plan>');
  return lines.join('\n');
}
