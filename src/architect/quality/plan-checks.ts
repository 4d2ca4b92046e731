import { sectionText } from '../document.js';
import { units } from '../markdown-blocks.js';
import type { Expectation, Plan, Prohibition } from '../plan/types.js';
import type { ParsedDocument, QualityCheck, QualityCheckId } from '../types.js';
import { stripFencedCode } from '../words.js';

/**
 * The gate's checks against the Plan: every stated constraint addressed, every documented fact the design
 * rests on stated where it belongs (a limit on its system's line in Requirements, a signature header in
 * Authentication), every required mechanic present, numbers equal to the calculators', and nothing that
 * contradicts a documented fact. The same checks hold an offline document and a Claude document.
 */

const KIND_CHECK: Record<Expectation['kind'], QualityCheckId> = {
  constraint: 'constraints',
  fact: 'facts',
  mechanic: 'mechanics',
  number: 'numbers',
};

const LABEL: Record<Expectation['kind'], string> = {
  constraint: 'stated constraints',
  fact: 'documented facts',
  mechanic: 'required mechanics',
  number: 'calculated numbers',
};

/** Names a document may use for a system: the name, and the catalog name and aliases of its provider. */
function namesFor(plan: Plan, name: string): string[] {
  const system = plan.systems.find((s) => s.name.toLowerCase() === name.toLowerCase());
  const names = [name, system?.provider?.name, ...(system?.provider?.aliases ?? [])].filter((n): n is string => !!n && n.length > 2);
  return [...new Set(names.map((n) => n.toLowerCase()))];
}

function mentions(unit: string, names: string[]): boolean {
  const lower = unit.toLowerCase();
  return names.some((n) => lower.includes(n));
}

/** The user's own words quoted back ("Given: …") neither satisfy nor break a check. */
const QUOTED = /^\s*(?:[-*]\s*)?(?:\*\*)?given(?:\*\*)?:/i;

export function meets(e: Expectation, plan: Plan, doc: ParsedDocument, markdown: string): boolean {
  const scope = e.section === 'any' ? stripFencedCode(markdown) : sectionText(doc, e.section);
  if (!e.near) return e.all.every((re) => re.test(scope));
  const names = namesFor(plan, e.near);
  return units(scope)
    .filter((u) => !QUOTED.test(u) && mentions(u, names))
    .some((u) => e.all.every((re) => re.test(u)));
}

export function violates(p: Prohibition, plan: Plan, markdown: string): string | null {
  const names = namesFor(plan, p.near);
  for (const u of units(markdown)) {
    if (QUOTED.test(u) || !mentions(u, names) || !p.context.test(u)) continue;
    const m = p.pattern.exec(u);
    if (m) return m[0];
  }
  return null;
}

export function checkPlan(plan: Plan, doc: ParsedDocument, markdown: string): QualityCheck[] {
  const checks: QualityCheck[] = [];
  for (const kind of ['constraint', 'fact', 'mechanic', 'number'] as const) {
    const expected = plan.expectations.filter((e) => e.kind === kind);
    const missing = expected.filter((e) => !meets(e, plan, doc, markdown));
    const problems = missing.map((e) => e.instruction);
    if (kind === 'fact') {
      for (const p of plan.prohibitions) {
        const found = violates(p, plan, markdown);
        if (found) problems.push(`"${found}" contradicts ${p.near}'s documentation: ${p.instruction}`);
      }
    }
    checks.push(
      problems.length === 0
        ? { id: KIND_CHECK[kind], passed: true, detail: `All ${expected.length} ${LABEL[kind]} present.` }
        : { id: KIND_CHECK[kind], passed: false, detail: problems.join(' ') },
    );
  }
  return checks;
}
