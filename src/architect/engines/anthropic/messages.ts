import type { ResolvedInputs } from '../../inputs.js';
import { buildPlan } from '../../plan/index.js';
import type { Plan } from '../../plan/types.js';
import { planBrief } from '../../render/brief.js';
import type { ReplyReading } from '../../replies.js';
import type { HistoryMessage, PreviousDesign, ReplyKind } from '../../types.js';

/**
 * The user-turn text the engine sends, and the helpers that turn model text back into a document.
 * Inputs and thread content go inside tags the prompts tell the model to treat as data.
 */

function inputsBlock(resolved: ResolvedInputs): string {
  const { assumptions, ...inputs } = resolved;
  const assumed =
    assumptions.length > 0
      ? `Assumed defaults (the user did not give these; list them in the document):\n${assumptions.map((a) => `- ${a}`).join('\n')}`
      : 'Assumed defaults: none (every optional input was provided).';
  return `<inputs>\n${JSON.stringify(inputs, null, 2)}\n</inputs>\n\n${assumed}`;
}

/** `plan` is the one the quality gate holds the document to (built once per design). */
export function designMessage(resolved: ResolvedInputs, plan: Plan): string {
  return [
    'Task: design',
    inputsBlock(resolved),
    planBrief(plan),
    'Check any number you change with the calculator tools, then write the complete document in one go, following the output specification.',
  ].join('\n\n');
}

export function repairMessage(instructions: string, options: { keepWhatChanged?: boolean } = {}): string {
  return [
    'The document above failed these checks of our quality gate:',
    instructions.trim(),
    'Write the full corrected document now: the title, the summary and every section in order, not only the parts that' +
      ' changed. Keep what already passed. Call the calculator tools again if you need numbers.',
    options.keepWhatChanged ? 'End with the `## What changed` section, as before.' : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

function historyBlock(history: HistoryMessage[]): string {
  if (history.length === 0) return '<thread>\n(no earlier messages)\n</thread>';
  const lines = history.map((m) => `${m.author ? `${m.author} (${m.role})` : m.role}: ${m.text.trim()}`);
  return `<thread>\n${lines.join('\n\n')}\n</thread>`;
}

function currentDesign(previous: PreviousDesign): string {
  return `<current_design revision="${previous.revision}">\n${previous.markdown.trim()}\n</current_design>`;
}

/** What our reader took from the reply: the revision's plan already reflects it; what it could not apply must be said. */
function readingBlock(reading: ReplyReading | undefined): string {
  if (!reading || (reading.applied.length === 0 && reading.unapplied.length === 0)) return '';
  const lines = [
    ...(reading.applied.length > 0 ? ['Applied to the inputs (the plan above already reflects these):', ...reading.applied.map((a) => `- ${a}`)] : []),
    ...(reading.unapplied.length > 0 ? ['Could not be applied (say so plainly in What changed, with the reason):', ...reading.unapplied.map((u) => `- ${u}`)] : []),
  ];
  return `<reply_reading>\n${lines.join('\n')}\n</reply_reading>`;
}

export function reviseMessage(
  resolved: ResolvedInputs,
  previous: PreviousDesign,
  request: string,
  history: HistoryMessage[],
  reading: ReplyReading | undefined,
  plan: Plan,
): string {
  return [
    'Task: revise',
    inputsBlock(resolved),
    planBrief(plan),
    currentDesign(previous),
    historyBlock(history),
    `<reply>\n${request.trim()}\n</reply>`,
    readingBlock(reading),
    'Write the complete next revision, then the `## What changed` section.',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function answerMessage(
  resolved: ResolvedInputs,
  previous: PreviousDesign,
  question: string,
  history: HistoryMessage[],
  reading?: ReplyReading,
): string {
  // A what-if is answered with the plan of its case, so the numbers are that case's, not the design's.
  const whatIf =
    reading?.intent === 'what-if' && reading.applied.length > 0
      ? `<what_if_case>\nThe case asked about: ${reading.applied.join('; ')}. Its plan follows; answer with its numbers.\n\n${planBrief(buildPlan(reading.inputs))}\n</what_if_case>`
      : '';
  return [
    'Task: answer',
    inputsBlock(resolved),
    currentDesign(previous),
    historyBlock(history),
    `<reply>\n${question.trim()}\n</reply>`,
    whatIf,
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function classifyMessage(previous: PreviousDesign, reply: string): string {
  return ['Task: classify', currentDesign(previous), `<reply>\n${reply.trim()}\n</reply>`].join('\n\n');
}

/** Lines that are outside fenced code blocks, so `# comment` lines in code are not taken for headings. */
function headingLines(lines: string[]): boolean[] {
  let fence: string | null = null;
  return lines.map((line) => {
    const m = /^\s*(```|~~~)/.exec(line);
    if (m) {
      if (fence === null) fence = m[1]!;
      else if (m[1] === fence) fence = null;
      return false;
    }
    return fence === null;
  });
}

/**
 * The document starts at its title; chatter before it ("Let me calculate…") is dropped. If the model started
 * over in a later round, the last `# Integration design` title wins; otherwise the first H1.
 */
export function extractDocument(text: string): string {
  const lines = text.split('\n');
  const outside = headingLines(lines);
  const titles = lines.flatMap((l, i) => (outside[i] && /^# \S/.test(l) ? [i] : []));
  const designTitles = titles.filter((i) => /^# integration design\b/i.test(lines[i]!));
  const start = designTitles.at(-1) ?? titles[0];
  return (start === undefined ? text : lines.slice(start).join('\n')).trim();
}

/** Splits off the trailing `## What changed` section: the document without it, and its bullets (at most 5). */
export function splitWhatChanged(markdown: string): { markdown: string; changes: string[] } {
  const lines = markdown.split('\n');
  const outside = headingLines(lines);
  const at = lines.findIndex((l, i) => outside[i] && /^##\s+what\s+changed\b/i.test(l.trim()));
  if (at === -1) return { markdown: markdown.trim(), changes: [] };
  const rest = lines.slice(at + 1);
  const next = rest.findIndex((l) => /^#{1,2}\s/.test(l));
  const body = next === -1 ? rest : rest.slice(0, next);
  const after = next === -1 ? [] : rest.slice(next);
  const changes = body
    .map((l) => /^\s*(?:[-*+]|\d+[.)])\s+(.+)$/.exec(l)?.[1]?.trim())
    .filter((c): c is string => Boolean(c))
    .slice(0, 5);
  return { markdown: [...lines.slice(0, at), ...after].join('\n').trim(), changes };
}

const CHANGE_WORDS =
  /\b(change|switch|use|add|remove|drop|replace|make|update|increase|decrease|lower|raise|instead|rewrite|include|should|please|actually|rather)\b/i;
const QUESTION_START = /^(why|what|how|when|where|which|who|is|are|does|do|did|would|will|explain)\b/i;

/** Used when the model's classification is unusable: a change verb wins, then question form, else change. */
export function heuristicReplyKind(reply: string): ReplyKind {
  const text = reply.trim();
  const questionForm = text.endsWith('?') || QUESTION_START.test(text);
  if (/^(can|could|would) (you|we)\b/i.test(text) && CHANGE_WORDS.test(text)) return 'change';
  if (questionForm) return 'question';
  return 'change';
}
