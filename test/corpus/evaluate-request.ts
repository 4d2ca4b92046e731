import { createHeuristicExtractor } from '../../src/architect/extract.js';
import { completeInputs, missingInputs, type PartialInputs } from '../../src/architect/inputs.js';
import { findProvider, inferKind } from '../../src/architect/knowledge/lookup.js';
import { createOfflineEngine } from '../../src/architect/engines/offline.js';
import { stripFencedCode } from '../../src/architect/words.js';
import { checkDesign } from './evaluate.js';
import type { CaseCheck, CaseResult } from './evaluate.js';
import type { RequestCase } from './request-case.js';

/**
 * Runs one request case: the heuristic extractor reads the text; every expectation about systems, kinds,
 * flows, quantities, limits and what must be asked is checked; when the reading is complete, the offline
 * engine designs from it and the case's design properties and symptoms are checked on the document.
 */

const extract = createHeuristicExtractor();
const engine = createOfflineEngine();

const re = (p: string) => new RegExp(p, 'i');

function systemMatching(partial: PartialInputs, pattern: string) {
  return (partial.systems ?? []).filter((s) => re(pattern).test(s.name));
}

/** The kind the planner gives a system: stated, else from the catalog or its description. */
function kindsOf(partial: PartialInputs): Map<string, string> {
  return new Map((partial.systems ?? []).map((s) => [s.name, inferKind(s, findProvider(s.name))]));
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 0.02);
}

export async function evaluateRequest(c: RequestCase): Promise<CaseResult & { partial: PartialInputs }> {
  const partial = await extract(c.text);
  const checks: CaseCheck[] = [];
  const add = (id: string, passed: boolean, detail: string) => checks.push({ id, passed, detail });
  const e = c.expect;
  const got = (partial.systems ?? []).map((s) => s.name);

  // Systems: each expected one found once, with its kind; nothing else.
  const kinds = kindsOf(partial);
  const claimed = new Set<string>();
  e.systems.forEach((s, i) => {
    const found = systemMatching(partial, s.name);
    for (const f of found) claimed.add(f.name);
    add(`system:${i}`, found.length === 1, found.length === 1 ? `${s.name} → ${found[0]!.name}` : `expected one system matching /${s.name}/, got [${got.join(', ')}]`);
    if (s.kind && found.length === 1) {
      const kind = kinds.get(found[0]!.name);
      add(`kind:${i}`, kind === s.kind, `${found[0]!.name}: expected ${s.kind}, got ${kind ?? 'none'}`);
    }
  });
  const extra = got.filter((g) => !claimed.has(g));
  add('no-extra-systems', extra.length === 0, extra.length === 0 ? 'no other systems' : `systems nobody named: [${extra.join(', ')}]`);
  e.notSystems.forEach((p, i) => {
    const wrong = got.filter((g) => re(p).test(g) && !e.systems.some((s) => re(s.name).test(g)));
    add(`not-system:${i}`, wrong.length === 0, wrong.length === 0 ? `/${p}/ is not a system` : `taken for a system: [${wrong.join(', ')}]`);
  });

  // Flows with their direction.
  const flows = partial.flows ?? [];
  e.flows.forEach((f, i) => {
    const ok = flows.some((g) => re(f.from).test(g.from) && re(f.to).test(g.to));
    add(`flow:${i}`, ok, ok ? `${f.from} → ${f.to}` : `expected /${f.from}/ → /${f.to}/, got [${flows.map((g) => `${g.from} → ${g.to}`).join('; ')}]`);
  });
  const reversed = flows.filter((g) => !e.flows.some((f) => re(f.from).test(g.from) && re(f.to).test(g.to)));
  if (e.flows.length > 0) add('no-extra-flows', reversed.length === 0, reversed.length === 0 ? 'no other flows' : `flows nobody stated: [${reversed.map((g) => `${g.from} → ${g.to}`).join('; ')}]`);

  // Quantities with their roles: what is stated is read; what is not stated is not invented.
  for (const key of ['volumePerDay', 'peakFactor', 'latencySeconds', 'outageSeconds', 'callLatencyMs', 'recordBytes', 'backfillRecords'] as const) {
    const want = e.quantities[key];
    const have = partial[key];
    if (want === undefined) {
      if (key !== 'peakFactor' && key !== 'latencySeconds') add(`quantity:${key}`, have === undefined, have === undefined ? `no ${key}` : `${key} ${have} read from nothing stated`);
      continue;
    }
    add(`quantity:${key}`, have !== undefined && near(have, want), `${key}: expected ${want}, got ${have ?? 'none'}`);
  }

  // Limits: typed, on the right system.
  e.limits.forEach((l, i) => {
    const mine = (partial.rateLimits ?? []).filter((r) => re(l.system).test(r.system) && r.type === l.type);
    const numbers = (['requests', 'windowSeconds', 'max', 'amount', 'periodSeconds'] as const).filter((k) => l[k] !== undefined);
    const ok = mine.some((r) => numbers.every((k) => r[k] !== undefined && near(r[k]!, l[k]!)));
    add(`limit:${i}`, ok, ok ? `${l.type} on /${l.system}/` : `expected a ${l.type} limit on /${l.system}/ ${numbers.map((k) => `${k}=${l[k]}`).join(' ')}, got ${JSON.stringify(partial.rateLimits ?? [])}`);
  });
  if (e.limits.length === 0) add('no-invented-limits', (partial.rateLimits ?? []).length === 0, `limits read: ${JSON.stringify(partial.rateLimits ?? [])}`);

  // Ask only what is truly missing.
  const asked = [...new Set(missingInputs(partial).map((m) => m.field))].sort();
  const want = [...e.asks].sort();
  add('asks', JSON.stringify(asked) === JSON.stringify(want), `expected asks [${want.join(', ')}], got [${asked.join(', ')}]`);

  let markdown = '';
  let words = 0;
  const complete = completeInputs(partial);
  if (e.asks.length === 0 && (e.design || e.symptoms.length > 0)) {
    if (!complete.success) add('design', false, `inputs incomplete: ${complete.error.issues.map((x) => x.message).join('; ')}`);
    else {
      const design = await engine.design(complete.data);
      markdown = design.markdown;
      words = design.quality.wordCount;
      for (const q of design.quality.checks) add(`gate:${q.id}`, q.passed, q.detail);
      if (e.design) checks.push(...checkDesign(e.design, complete.data, markdown));
      const prose = stripFencedCode(markdown);
      e.symptoms.forEach((s, i) => add(`symptom:${i}`, re(s).test(prose), `the design addresses /${s}/`));
    }
  }
  return { name: c.name, words, markdown, checks, partial };
}
