import { parseDocument } from '../../document.js';
import type { Plan } from '../../plan/types.js';
import { checkQuality, repairInstructions } from '../../quality/index.js';
import type { ParsedDocument, QualityReport } from '../../types.js';

/**
 * What the engine needs from the quality gate and the document parser, behind a small interface so tests
 * (or a stricter deployment) can swap the gate; the default is the real one.
 */
export interface QualityGate {
  /** Against the plan the model was briefed with (built once per design, not again for each check). */
  check(markdown: string, plan: Plan): QualityReport;
  repairInstructions(report: QualityReport): string;
  parse(markdown: string): ParsedDocument;
}

export const defaultQualityGate: QualityGate = {
  check: (markdown, plan) => checkQuality(markdown, plan),
  repairInstructions,
  parse: parseDocument,
};
