import { SECTION_IDS, SECTION_TITLES, type SectionId } from '../../types.js';
import type { Plan } from './plan.js';
import { countWords } from '../../document.js';
import { writeAuthentication, writePattern, writePreamble, writeRequirements } from './sections-design.js';
import { writeChecklist, writeFailureModes, writeObservability } from './sections-ops.js';
import { writeResilience } from './sections-resilience.js';

/** Assembles the complete markdown document from a plan, sections in SECTION_IDS order. */

const WRITERS: Record<SectionId, (plan: Plan) => string> = {
  requirements: writeRequirements,
  pattern: writePattern,
  authentication: writeAuthentication,
  resilience: writeResilience,
  observability: writeObservability,
  'failure-modes': writeFailureModes,
  checklist: writeChecklist,
};

export function designTitle(plan: Plan): string {
  return `Integration design: ${plan.title}`;
}

/** Documents longer than this are rewritten in compact form (the seed allows 500–900 words). */
const WORD_TARGET = 880;

/** Renders the design, switching to compact phrasing when the full text would run over the word budget. */
export function renderDesign(plan: Plan): string {
  const full = renderWith({ ...plan, compact: false, tight: false });
  if (countWords(full) <= WORD_TARGET) return full;
  const compact = renderWith({ ...plan, compact: true, tight: false });
  return countWords(compact) <= WORD_TARGET ? compact : renderWith({ ...plan, compact: true, tight: true });
}

function renderWith(plan: Plan): string {
  const blocks = [`# ${designTitle(plan)}`, writePreamble(plan)];
  for (const id of SECTION_IDS) blocks.push(`## ${SECTION_TITLES[id]}\n\n${WRITERS[id](plan)}`);
  return `${blocks.join('\n\n')}\n`;
}
