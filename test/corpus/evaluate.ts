import { limitCapacity } from '../../src/architect/calculators/limits.js';
import { solveRetryPolicy } from '../../src/architect/calculators/retry.js';
import { dur } from '../../src/architect/prose.js';
import { parseDocument, sectionText } from '../../src/architect/document.js';
import { createOfflineEngine } from '../../src/architect/engines/offline.js';
import { units } from '../../src/architect/markdown-blocks.js';
import { buildPlan } from '../../src/architect/plan/index.js';
import { statedSpec } from '../../src/architect/plan/limits.js';
import { RETRY_HORIZON_SECONDS } from '../../src/architect/plan/rules/retry.js';
import { stripFencedCode } from '../../src/architect/words.js';
import type { IntegrationInputs } from '../../src/architect/inputs.js';
import type { DesignCase } from './design-case.js';

/**
 * Runs one design case through the offline engine and reports every check: the quality gate's, the case's
 * own expectations, and numbers recomputed here with the calculators (not read back from the plan).
 */

export interface CaseCheck {
  id: string;
  passed: boolean;
  detail: string;
}

export interface CaseResult {
  name: string;
  words: number;
  markdown: string;
  checks: CaseCheck[];
}

const engine = createOfflineEngine();

function scopeOf(markdown: string, section: string): string {
  return section === 'any' ? stripFencedCode(markdown) : sectionText(parseDocument(markdown), section as never);
}

function linesNaming(scope: string, near: string | undefined): string[] {
  const all = units(scope);
  return near ? all.filter((u) => u.toLowerCase().includes(near.toLowerCase())) : [scope];
}

export async function evaluateCase(c: DesignCase): Promise<CaseResult> {
  const design = await engine.design(c.inputs);
  const md = design.markdown;
  const checks: CaseCheck[] = design.quality.checks.map((q) => ({ id: `gate:${q.id}`, passed: q.passed, detail: q.detail }));
  checks.push(...checkDesign(c.expect, c.inputs, md));
  return { name: c.name, words: design.quality.wordCount, markdown: md, checks };
}

/** A design's expected properties checked on its document, and its numbers recomputed with the calculators. */
export function checkDesign(expect: DesignCase['expect'], inputs: IntegrationInputs, md: string): CaseCheck[] {
  const c = { expect, inputs };
  const plan = buildPlan(inputs);
  const checks: CaseCheck[] = [];
  if (c.expect.feasible !== undefined) {
    checks.push({ id: 'feasible', passed: plan.feasible === c.expect.feasible, detail: `expected feasible=${c.expect.feasible}, plan says ${plan.feasible}` });
  }
  for (const [flow, ingress] of Object.entries(c.expect.ingress ?? {})) {
    const [from, to] = flow.split(/\s*→\s*/);
    const f = plan.flows.find((x) => x.from.name.toLowerCase() === from!.toLowerCase() && x.to.name.toLowerCase() === to!.toLowerCase());
    checks.push({ id: `ingress:${flow}`, passed: f?.ingress === ingress, detail: `expected ${ingress}, got ${f?.ingress ?? 'no such flow'}` });
  }
  c.expect.present.forEach((p, i) => {
    const res = p.all.map((r) => new RegExp(r, 'i'));
    const ok = linesNaming(scopeOf(md, p.section), p.near).some((u) => res.every((re) => re.test(u)));
    checks.push({ id: `present:${i}`, passed: ok, detail: ok ? p.why : `missing: ${p.why} (${p.section}${p.near ? `, near ${p.near}` : ''}: ${p.all.join(' & ')})` });
  });
  c.expect.absent.forEach((a, i) => {
    const re = new RegExp(a.pattern, 'i');
    const hit = linesNaming(scopeOf(md, a.section), a.near).find((u) => re.test(u));
    checks.push({ id: `absent:${i}`, passed: !hit, detail: hit ? `wrong: ${a.why} — found "${re.exec(hit)![0]}"` : a.why });
  });

  // Numbers recomputed independently of the plan.
  const outage = c.inputs.outageSeconds ?? 300;
  const retry = solveRetryPolicy({
    outageSeconds: Math.min(outage, RETRY_HORIZON_SECONDS),
    maxWindowSeconds: Math.max(1800, Math.min(outage, RETRY_HORIZON_SECONDS) * 2),
    firstRetryBudgetMs: Math.min(60_000, Math.max(500, ((c.inputs.latencySeconds ?? 30) * 1000) / 3)),
    ...(c.inputs.maxAttempts ? { maxAttempts: Math.max(2, c.inputs.maxAttempts) } : {}),
  }).schedule.policy;
  const resilience = scopeOf(md, 'resilience');
  const retryOk = new RegExp(`\\b${retry.maxAttempts}\\b`).test(resilience) && resilience.includes(dur(retry.baseDelayMs)) && resilience.includes(dur(retry.capMs));
  checks.push({ id: 'numbers:retry', passed: retryOk, detail: `retry policy ${retry.maxAttempts} attempts, base ${dur(retry.baseDelayMs)}, cap ${dur(retry.capMs)}` });
  for (const r of c.inputs.rateLimits ?? []) {
    const spec = statedSpec(r);
    if (spec?.type !== 'concurrency') continue;
    const permits = limitCapacity(spec, { callLatencySeconds: (c.inputs.callLatencyMs ?? 500) / 1000 }).permits!;
    const ok = units(resilience).some((u) => u.includes(r.system) && new RegExp(`\\b${permits}\\b`).test(u) && /permit|semaphore|bulkhead/i.test(u));
    checks.push({ id: `numbers:bulkhead:${r.system}`, passed: ok, detail: `${r.system}: a bulkhead of ${permits} permits for "${r.limit}"` });
  }
  return checks;
}
