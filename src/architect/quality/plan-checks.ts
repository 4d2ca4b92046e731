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

interface Unit {
  text: string;
  lower: string;
}

function mentions(unit: Unit, names: string[]): boolean {
  return names.some((n) => unit.lower.includes(n));
}

function toUnits(text: string): Unit[] {
  return units(text)
    .filter((x) => !QUOTED.test(x))
    .map((x) => ({ text: x, lower: x.toLowerCase() }));
}

/** The user's own words quoted back ("Given: …") neither satisfy nor break a check. */
const QUOTED = /^\s*(?:[-*]\s*)?(?:\*\*)?given(?:\*\*)?:/i;

/**
 * One document's scopes and their units, computed once per check run: dozens of expectations look at the same
 * few sections (the renderer runs the gate on every draft it considers).
 */
class Scopes {
  private readonly texts = new Map<string, string>();
  private readonly split = new Map<string, Unit[]>();
  constructor(
    private readonly doc: ParsedDocument,
    private readonly markdown: string,
  ) {}

  text(section: Expectation['section'] | 'all'): string {
    let t = this.texts.get(section);
    if (t === undefined) {
      t = section === 'all' ? this.markdown : section === 'any' ? stripFencedCode(this.markdown) : sectionText(this.doc, section);
      this.texts.set(section, t);
    }
    return t;
  }

  units(section: Expectation['section'] | 'all'): Unit[] {
    let u = this.split.get(section);
    if (u === undefined) {
      u = toUnits(this.text(section));
      this.split.set(section, u);
    }
    return u;
  }
}

export function meets(e: Expectation, plan: Plan, doc: ParsedDocument, markdown: string, scopes = new Scopes(doc, markdown)): boolean {
  if (!e.near) {
    const scope = scopes.text(e.section);
    return e.all.every((re) => re.test(scope));
  }
  const names = namesFor(plan, e.near);
  return scopes
    .units(e.section)
    .filter((u) => mentions(u, names))
    .some((u) => e.all.every((re) => re.test(u.text)));
}

export function violates(p: Prohibition, plan: Plan, markdown: string, scopes?: Scopes): string | null {
  const names = namesFor(plan, p.near);
  for (const u of scopes ? scopes.units('all') : toUnits(markdown)) {
    if (!mentions(u, names) || !p.context.test(u.text)) continue;
    const m = p.pattern.exec(u.text);
    if (m) return m[0];
  }
  return null;
}

export function checkPlan(plan: Plan, doc: ParsedDocument, markdown: string): QualityCheck[] {
  const checks: QualityCheck[] = [];
  const scopes = new Scopes(doc, markdown);
  for (const kind of ['constraint', 'fact', 'mechanic', 'number'] as const) {
    const expected = plan.expectations.filter((e) => e.kind === kind);
    const missing = expected.filter((e) => !meets(e, plan, doc, markdown, scopes));
    const problems = missing.map((e) => e.instruction);
    if (kind === 'fact') {
      for (const p of plan.prohibitions) {
        const found = violates(p, plan, markdown, scopes);
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
