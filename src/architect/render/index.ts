import { countWords } from '../document.js';
import type { Block, Decision, FactRef, FlowPlan, Plan } from '../plan/types.js';
import { SECTION_IDS, SECTION_TITLES } from '../types.js';
import { diagram } from './diagram.js';

/**
 * Plan → markdown, for the offline engine. The document is the plan's decisions laid out by section; when it
 * runs over the length target, the least important decisions are shortened, then dropped, until it fits.
 * Priority-1 decisions always stay.
 */

/** The seed allows 500–900 words; aim inside the range, with room for the quality gate's margin. */
export const WORD_TARGET = 820;
/** The gate's maximum (WORD_RANGE.max), a few words of headroom kept. */
const WORD_MAX = 890;
/** Cutting never goes below this: the seed's floor is 500 words. */
const MIN_WORDS = 560;

export function designTitle(plan: Pick<Plan, 'title'>): string {
  return `Integration design: ${plan.title}`;
}

/** Decisions a design never loses for length: what it writes, how it authenticates, its limits and its guarantees. */
const CORE = /^(?:summary|assumptions|replacement|requirements:(?:flows|volume|latency|confirm)|limits:|infeasible:|pattern:(?:choice|trade-offs)|egress:|auth:|rate-control:|retry|idempotency|breaker|dlq|ordering|bidirectional|observability:(?:metrics|alerts)|failure:outage|snippet)/;

/** How much of a decision the document shows. */
type Form = 'full' | 'short' | 'minimal' | 'dropped';

/** A bullet or paragraph cut to its first clause (up to the first ";"), when it has several. */
function firstClause(block: Block): Block {
  if (block.kind !== 'bullet' && block.kind !== 'paragraph') return block;
  const [head, ...rest] = block.text.split(/;\s+(?![^(`]*[)`])/);
  if (rest.length === 0) return block;
  return { ...block, text: `${head!.replace(/[.:,]$/, '')}.` };
}

function shortened(d: Decision): Block {
  return d.short ?? firstClause(d.block);
}

function renderBlocks(blocks: Block[]): string {
  const out: string[] = [];
  let list: string[] = [];
  let rows: string[][] = [];
  let steps: string[] = [];
  const flush = () => {
    if (list.length) out.push(list.join('\n'));
    if (rows.length) out.push(['| Failure | Detection | Mitigation |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
    if (steps.length) out.push(steps.map((s, i) => `${i + 1}. ${s}`).join('\n'));
    list = [];
    rows = [];
    steps = [];
  };
  for (const b of blocks) {
    if (b.kind !== 'bullet' && list.length) flush();
    if (b.kind !== 'row' && rows.length) flush();
    if (b.kind !== 'step' && steps.length) flush();
    switch (b.kind) {
      case 'bullet': {
        // Consecutive bullets about the same thing read as one ("HubSpot: answer within 5 s; notifications are thin").
        const head = `- ${b.label ? `**${b.label}:** ` : ''}`;
        const last = list.length - 1;
        if (b.label && last >= 0 && list[last]!.startsWith(head)) list[last] = `${list[last]!.replace(/\.$/, '')}; ${b.text}`;
        else list.push(`${head}${b.text}`);
        break;
      }
      case 'row': {
        // The same failure seen in several places is one row with each place's mitigation.
        const cells = b.cells.map((c) => c.replace(/\|/g, '/'));
        const same = rows.find((r) => r[0] === cells[0] && r[1] === cells[1]);
        if (same) same[2] = [...new Set([...same[2]!.split('; '), ...cells[2]!.split('; ')])].join('; ');
        else rows.push(cells);
        break;
      }
      case 'step':
        steps.push(b.text);
        break;
      case 'paragraph':
        out.push(b.text);
        break;
      case 'table':
        out.push([`| ${b.header.join(' | ')} |`, `|${b.header.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
        break;
      case 'code':
        out.push(`\`\`\`${b.lang}\n${b.code}\n\`\`\``);
        break;
    }
  }
  flush();
  return out.join('\n\n');
}

function sources(facts: FactRef[]): string | null {
  const seen = new Map<string, FactRef>();
  for (const f of facts) if (f.url && !seen.has(f.url)) seen.set(f.url, f);
  if (seen.size === 0) return null;
  return [...seen.values()]
    .map((f) => {
      const u = new URL(f.url);
      return `- [${f.provider}: ${u.hostname}${u.pathname.replace(/\/$/, '')}](${f.url})`;
    })
    .join('\n');
}

function renderWith(plan: Plan, forms: ReadonlyMap<string, Form>): string {
  const kept = plan.decisions
    .map((d) => {
      const form = forms.get(d.id) ?? 'full';
      return { d, block: form === 'dropped' ? null : form === 'short' ? shortened(d) : form === 'minimal' ? (d.minimal ?? shortened(d)) : d.block };
    })
    .filter((x): x is { d: Decision; block: Block } => x.block !== null);
  const bySection = (section: Decision['section']) => kept.filter((x) => x.d.section === section).sort((a, b) => a.d.order - b.d.order);
  const parts = [`# ${designTitle(plan)}`, renderBlocks(bySection('preamble').map((x) => x.block))];
  for (const id of SECTION_IDS) {
    const blocks = bySection(id).map((x) => x.block);
    if (id === 'pattern') {
      // The diagram follows the choice paragraph.
      const at = bySection(id).findIndex((x) => x.d.order > 10);
      blocks.splice(at === -1 ? blocks.length : at, 0, { kind: 'code', lang: 'text', code: plan.flows.map((f: FlowPlan) => diagram(plan, f)).join('\n') });
    }
    parts.push(`## ${SECTION_TITLES[id]}\n\n${renderBlocks(blocks)}`);
  }
  const cited = sources(kept.flatMap((x) => x.d.facts));
  if (cited) parts.push(`## Sources\n\n${cited}`);
  return `${parts.join('\n\n')}\n`;
}

/** The full document, every decision in its full wording. */
export function renderFull(plan: Plan): string {
  return renderWith(plan, new Map());
}

/**
 * Renders the plan, then, while it runs over the length target, cuts the least important decisions first —
 * drop the nice-to-haves, shorten then drop secondary ones, shorten essential ones — keeping only cuts after
 * which the document still says everything the plan requires (`problems` counts what the quality gate rejects;
 * the pure core gets the gate passed in). Cuts are tried in batches, split in half when a batch breaks a check.
 */
export function renderPlan(plan: Plan, problems: (markdown: string) => number = () => 0): string {
  const steps = compaction(plan, problems);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, handing control back between drafts (each is a render plus a gate run): a long compaction must not
 * hold the event loop that acknowledges Slack requests. `pause` comes from the caller; the core stays pure.
 */
export async function renderPlanPaced(plan: Plan, problems: (markdown: string) => number, pause: () => Promise<void>): Promise<string> {
  const steps = compaction(plan, problems);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/** Yields after every draft it considers; returns the document. */
function* compaction(plan: Plan, problems: (markdown: string) => number): Generator<void, string, void> {
  const forms = new Map<string, Form>();
  let markdown = renderWith(plan, forms);
  let words = countWords(markdown);
  if (words <= WORD_TARGET) return markdown;
  const baseline = problems(markdown);
  const size = (d: Decision) => JSON.stringify(d.block).length;
  const byPriority = (p: Decision['priority']) => plan.decisions.filter((d) => d.priority === p && !d.fixed).sort((a, b) => size(b) - size(a));
  const shortenable = (d: Decision) => !d.fixed && (d.block.kind === 'bullet' || d.block.kind === 'paragraph') && JSON.stringify(shortened(d)) !== JSON.stringify(d.block);
  // Each stage cuts while the document is over its goal: the target, or for the last resorts only the gate's
  // maximum (they lose detail, so they run only for plans with many systems that would not fit otherwise).
  const groups: [Decision[], Form, number][] = [
    [byPriority(3), 'dropped', WORD_TARGET],
    [byPriority(2).filter(shortenable), 'short', WORD_TARGET],
    [byPriority(2).filter((d) => d.block.kind !== 'row'), 'dropped', WORD_TARGET],
    [byPriority(2), 'dropped', WORD_TARGET],
    [byPriority(1).filter(shortenable), 'short', WORD_TARGET],
    // Supporting decisions (reconciliation, logs, secondary failure rows) that no check requires …
    [byPriority(1).filter((d) => !CORE.test(d.id)), 'dropped', WORD_MAX],
    // … then essential decisions in the short form their author wrote, then in their minimal form.
    [plan.decisions.filter((d) => d.fixed && d.short).sort((a, b) => size(b) - size(a)), 'short', WORD_MAX],
    [plan.decisions.filter((d) => d.minimal).sort((a, b) => size(b) - size(a)), 'minimal', WORD_MAX],
  ];
  let goal = WORD_TARGET;
  function* attempt(cuts: Decision[], form: Form): Generator<void, void, void> {
    if (cuts.length === 0 || words <= goal) return;
    const before = new Map(forms);
    for (const d of cuts) forms.set(d.id, form);
    const draft = renderWith(plan, forms);
    const draftWords = countWords(draft);
    yield;
    if (draftWords >= MIN_WORDS && problems(draft) <= baseline) {
      markdown = draft;
      words = draftWords;
      return;
    }
    forms.clear();
    for (const [k, v] of before) forms.set(k, v);
    if (cuts.length === 1) return;
    const half = Math.ceil(cuts.length / 2);
    yield* attempt(cuts.slice(0, half), form);
    yield* attempt(cuts.slice(half), form);
  }
  for (const [cuts, form, limit] of groups) {
    goal = limit;
    yield* attempt(cuts.filter((d) => (forms.get(d.id) ?? 'full') !== 'dropped'), form);
    if (words <= goal) break;
  }
  let current = problems(markdown);
  // Cuts go in batches and can overshoot: give back what still fits, the most important and smallest first.
  const cut = plan.decisions
    .filter((d) => forms.has(d.id))
    .sort((a, b) => a.priority - b.priority || size(a) - size(b));
  for (const d of cut) {
    const was = forms.get(d.id)!;
    const back: Form = (was === 'dropped' || was === 'minimal') && (d.short || shortenable(d)) ? 'short' : 'full';
    forms.set(d.id, back);
    if (back === 'full') forms.delete(d.id);
    const draft = renderWith(plan, forms);
    const draftWords = countWords(draft);
    yield;
    if (draftWords <= goal && problems(draft) <= current) {
      markdown = draft;
      words = draftWords;
      current = problems(draft);
    } else forms.set(d.id, was);
  }
  return markdown;
}
