import { parseDocument } from '../../document.js';
import type { IntegrationInputs } from '../../inputs.js';
import { checkQuality, repairInstructions } from '../../quality/index.js';
import type { ParsedDocument, QualityReport } from '../../types.js';

/**
 * What the engine needs from the quality gate and the document parser, behind a small interface so tests
 * (or a stricter deployment) can swap the gate; the default is the real one.
 */
export interface QualityGate {
  check(markdown: string, inputs: IntegrationInputs): QualityReport;
  repairInstructions(report: QualityReport): string;
  parse(markdown: string): ParsedDocument;
}

export const defaultQualityGate: QualityGate = {
  check: (markdown, inputs) => checkQuality(markdown, inputs),
  repairInstructions,
  parse: parseDocument,
};
