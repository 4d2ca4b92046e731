import { SECTION_IDS, SECTION_TITLES, type DesignSection, type SectionId } from '../../types.js';

/**
 * Splits the engine's own markdown into sections. The offline engine writes the exact SECTION_TITLES, so an
 * exact heading match is enough here; headings inside fenced code are ignored.
 */
export function splitSections(markdown: string): DesignSection[] {
  const sections: { heading: string; lines: string[] }[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence && /^## (.+)$/.exec(line);
    if (heading) sections.push({ heading: heading[1]!.trim(), lines: [] });
    else sections.at(-1)?.lines.push(line);
  }
  return sections.map((s) => ({ id: idFor(s.heading), heading: s.heading, markdown: s.lines.join('\n').trim() }));
}

function idFor(heading: string): SectionId | 'other' {
  return SECTION_IDS.find((id) => SECTION_TITLES[id] === heading) ?? 'other';
}

/** Prose words: fenced code is not prose; a token counts when it has a letter or digit. */
export function proseWordCount(markdown: string): number {
  let inFence = false;
  let count = 0;
  for (const line of markdown.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line)) continue;
    const prose = line.replace(/(`+)[^`\n]+?\1/g, ' code ');
    count += prose.split(/[\s|]+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
  }
  return count;
}
