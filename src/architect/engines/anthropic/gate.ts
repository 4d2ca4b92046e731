import type { IntegrationInputs } from '../../inputs.js';
import type { DesignSection, ParsedDocument, QualityReport } from '../../types.js';
import { SECTION_IDS, SECTION_TITLES } from '../../types.js';

/**
 * What the engine needs from the quality gate and the document parser. Kept behind this small interface so
 * the engine can be tested with any gate and the real one (quality.ts, document.ts) is wired in one place.
 */
export interface QualityGate {
  check(markdown: string, inputs: IntegrationInputs): QualityReport;
  repairInstructions(report: QualityReport): string;
  parse(markdown: string): ParsedDocument;
}

// Interim stand-in until quality.ts/document.ts land in main: section presence only.
function parse(markdown: string): ParsedDocument {
  const lines = markdown.split('\n');
  const title = (lines.find((l) => /^# /.test(l)) ?? '').replace(/^# /, '').trim();
  const sections: DesignSection[] = [];
  let current: DesignSection | undefined;
  const preamble: string[] = [];
  for (const line of lines) {
    const h = /^## (.+)$/.exec(line);
    if (h) {
      const heading = h[1]!.trim();
      const id = SECTION_IDS.find((s) => SECTION_TITLES[s].toLowerCase() === heading.toLowerCase()) ?? 'other';
      current = { id, heading, markdown: '' };
      sections.push(current);
    } else if (current) current.markdown += `${line}\n`;
    else if (!/^# /.test(line)) preamble.push(line);
  }
  for (const s of sections) s.markdown = s.markdown.trim();
  return { title, preamble: preamble.join('\n').trim(), sections };
}

export const defaultQualityGate: QualityGate = {
  parse,
  check(markdown) {
    const doc = parse(markdown);
    const missing = SECTION_IDS.filter((id) => !doc.sections.some((s) => s.id === id));
    const wordCount = markdown.split(/\s+/).filter(Boolean).length;
    return {
      passed: missing.length === 0,
      checks: [
        {
          id: 'sections',
          passed: missing.length === 0,
          detail: missing.length === 0 ? 'all sections present' : `missing: ${missing.map((m) => SECTION_TITLES[m]).join(', ')}`,
        },
      ],
      wordCount,
      repaired: false,
    };
  },
  repairInstructions(report) {
    return report.checks
      .filter((c) => !c.passed)
      .map((c) => `- ${c.id}: ${c.detail}`)
      .join('\n');
  },
};
