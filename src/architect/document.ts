import { SECTION_IDS, type DesignSection, type ParsedDocument, type SectionId } from './types.js';
import { scanLines } from './words.js';

/**
 * Markdown ⇄ typed sections. A design document is `# Title`, an optional preamble, then `## ` sections.
 * Headings are mapped to section ids by keywords, so Claude's phrasing and numbering ("## 2. Integration
 * Pattern Selection", "## Resilience: Error Handling and Retry Strategy") land on the right id.
 */

export { countWords } from './words.js';

type SectionKey = SectionId | 'other';

/**
 * Keyword rules, tried in order; the first match wins. Order matters where phrasings overlap:
 * "Failure Modes and Mitigations" mentions neither retry nor errors but "Error handling" must not swallow
 * "Failure analysis"; "Monitoring of retries" is observability, not resilience.
 */
const HEADING_RULES: ReadonlyArray<readonly [SectionId, RegExp]> = [
  ['failure-modes', /\bfailure[\s-]*(modes?|scenarios?|analysis|cases?)\b|\bwhat can go wrong\b|\brisks?\b|\bmitigations?\b/],
  ['checklist', /\bchecklist\b|\bimplementation\s+(plan|phases?|steps|order|roadmap|priorit\w*)\b|\brollout\b|\bnext steps\b|\baction items\b|\bbuild order\b|\broadmap\b/],
  ['observability', /\bmonitor\w*|\bobservab\w*|\balert\w*|\blogging\b|\blogs\b|\bmetrics?\b|\btracing\b|\btelemetry\b|\bdashboards?\b/],
  ['authentication', /\bauth\w*|\bsecurity\b|\bcredentials?\b|\bsecrets?\b|\bidentity\b|\baccess control\b|\boauth\b|\btokens?\b/],
  ['resilience', /\berrors?\b|\bretr(y|ies)\b|\bresilien\w*|\bfault[\s-]*toleran\w*|\breliab\w*|\bbackoff\b|\bidempoten\w*|\bcircuit[\s-]*breakers?\b|\bdead[\s-]*letter\b|\brate[\s-]*limit\w*|\bthrottl\w*/],
  ['requirements', /\brequirements?\b|\bconstraints?\b|\bassumptions?\b|\bcontext\b|\bscope\b|\banalysis\b|\bcompliance\b/],
  ['pattern', /\bpatterns?\b|\barchitecture\b|\bapproach\b|\btechnology\b|\bprotocols?\b|\bdesign overview\b|\bsolution\b|\btopology\b|\bdata flow\b/],
];

/** Normalises a heading for matching: drops numbering ("2.", "Step 3:", "IV)"), emphasis and symbols. */
export function normalizeHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/^\s*(step|part|section)\s+\d+\s*[:.)-]?\s*/, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.):]?|[ivx]+[.):]|[a-z][.)])\s+/, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Maps a heading as written to a section id, or 'other'. */
export function sectionIdForHeading(heading: string): SectionKey {
  const normalized = normalizeHeading(heading);
  for (const [id, pattern] of HEADING_RULES) {
    if (pattern.test(normalized)) return id;
  }
  return 'other';
}

/** Strips the `#`s and an optional closing sequence from an ATX heading line. */
function headingText(line: string, level: number): string | null {
  const match = new RegExp(`^ {0,3}#{${level}}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$`).exec(line);
  if (!match) return null;
  return (match[1] ?? '').trim();
}

/** Trims blank lines at both ends, keeping indentation inside. */
function trimBlankLines(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start += 1;
  while (end > start && lines[end - 1]!.trim() === '') end -= 1;
  return lines.slice(start, end).join('\n');
}

/**
 * Splits a markdown document into title, preamble and `## ` sections. Headings inside fenced code blocks
 * are ignored; `###` and deeper stay inside their section's body. Text before the title joins the preamble.
 */
export function parseDocument(markdown: string): ParsedDocument {
  let title = '';
  const preamble: string[] = [];
  const sections: { heading: string; lines: string[] }[] = [];

  for (const { text, inFence } of scanLines(markdown)) {
    const current = sections.at(-1);
    if (!inFence) {
      const h2 = headingText(text, 2);
      if (h2 !== null) {
        sections.push({ heading: h2, lines: [] });
        continue;
      }
      if (!title && !current) {
        const h1 = headingText(text, 1);
        if (h1) {
          title = h1;
          continue;
        }
      }
    }
    (current ? current.lines : preamble).push(text);
  }

  return {
    title,
    preamble: trimBlankLines(preamble),
    sections: sections.map(
      (s): DesignSection => ({ id: sectionIdForHeading(s.heading), heading: s.heading, markdown: trimBlankLines(s.lines) }),
    ),
  };
}

/** The inverse of parseDocument: `# title`, preamble, then each section under its `## ` heading. */
export function renderDocument(doc: ParsedDocument): string {
  const blocks: string[] = [];
  if (doc.title) blocks.push(`# ${doc.title}`);
  if (doc.preamble.trim()) blocks.push(doc.preamble.trim());
  for (const section of doc.sections) {
    blocks.push(section.markdown.trim() ? `## ${section.heading}\n\n${section.markdown}` : `## ${section.heading}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

/**
 * Sections grouped by id, in document order. A document may split one topic over several sections
 * (e.g. "Retry strategy" and "Idempotency" are both resilience), so each id maps to a list.
 */
export function sectionsById(doc: Pick<ParsedDocument, 'sections'>): Record<SectionKey, DesignSection[]> {
  const grouped = Object.fromEntries([...SECTION_IDS, 'other'].map((id) => [id, [] as DesignSection[]])) as Record<
    SectionKey,
    DesignSection[]
  >;
  for (const section of doc.sections) grouped[section.id].push(section);
  return grouped;
}

/** The bodies of every section with this id, joined; empty when the document has none. */
export function sectionText(doc: Pick<ParsedDocument, 'sections'>, id: SectionKey): string {
  return doc.sections
    .filter((s) => s.id === id)
    .map((s) => s.markdown)
    .join('\n\n');
}
