import { sectionText } from '../document.js';
import { sentences } from '../markdown-blocks.js';
import { clip, type CheckContext } from './checks.js';
import type { QualityCheck } from '../types.js';

/**
 * Seed: "Do not recommend polling at high frequency as a first option." Polling is fine as a rejected
 * alternative, a fallback or a low-frequency reconciliation; what fails is polling proposed as-is at
 * intervals under a minute, or polling chosen in the pattern section without any interval.
 */

const pass = (detail: string): QualityCheck => ({ id: 'no-polling-first', passed: true, detail });
const fail = (detail: string): QualityCheck => ({ id: 'no-polling-first', passed: false, detail });

const POLL = /\bpoll(?:s|ed|er|ers|ing)?\b/gi;
/** A negation earlier in the same clause: "webhooks, not polling", "rather than polling". */
const NEGATED_BEFORE = /\b(?:rather than|instead of|avoid\w*|not|never|no|over|without|don['’]t|do not|against|reject\w*)\b[^,;:.()]*$/i;
/** A clause that frames polling as a fallback, a rejected option, or criticises it. */
const FALLBACK =
  /\b(?:fall[\s-]?back|backup|reconcil\w*|safety[\s-]net|last resort|alternatives?|considered|reject\w*|discard\w*|ruled out|secondary|catch[\s-]?up|backstop|sweep\w*|nightly|daily|hourly|only\s+(?:if|when|as|during)|wast\w*|burns?|inefficien\w*|costly|expensive|drawbacks?|degraded)\b/i;

/** The clause around a position: bounded by , ; : . ( ) and dashes. */
function clauseAround(sentence: string, index: number): string {
  const boundary = /[,;:.()—–]/;
  let start = index;
  while (start > 0 && !boundary.test(sentence[start - 1]!)) start -= 1;
  let end = index;
  while (end < sentence.length && !boundary.test(sentence[end]!)) end += 1;
  return sentence.slice(start, end);
}

/** True when some mention of polling in the sentence is proposed as-is, not negated or framed as a fallback. */
function proposesPolling(sentence: string): boolean {
  for (const m of sentence.matchAll(POLL)) {
    if (NEGATED_BEFORE.test(sentence.slice(Math.max(0, m.index - 60), m.index))) continue;
    if (FALLBACK.test(clauseAround(sentence, m.index))) continue;
    return true;
  }
  return false;
}

const POLL_INTERVAL = [
  /\bpoll\w*\b[^.\n]{0,60}?\bevery\s+(\d+(?:\.\d+)?)\s*-?\s*(ms|milliseconds?|s|secs?|seconds?)\b/i,
  /\bevery\s+(\d+(?:\.\d+)?)\s*-?\s*(ms|milliseconds?|s|secs?|seconds?)\b[^.\n]{0,40}?\bpoll/i,
  /\bpoll\w*\b[^.\n]{0,40}?\b(\d+(?:\.\d+)?)\s*-?\s*(ms|milliseconds?|s|secs?|seconds?)\s+intervals?\b/i,
  /\bpoll\w*\b[^.\n]{0,40}?\bevery\s+()(second)\b/i,
];
const POLL_CHOSEN = /\b(?:recommend\w*|choose|chose|chosen|select\w*|use|using|primary|main|go with|adopt\w*|pull-based)\b[^.\n]{0,40}?\bpoll/i;

/** Seconds between polls stated in a sentence, or null. */
function pollInterval(sentence: string): number | null {
  for (const re of POLL_INTERVAL) {
    const m = re.exec(sentence);
    if (!m) continue;
    const value = m[1] === '' ? 1 : Number(m[1]);
    return /^(?:ms|milli)/i.test(m[2]!) ? value / 1000 : value;
  }
  return null;
}

export function checkNoPollingFirst(ctx: CheckContext): QualityCheck {
  const patternText = sectionText(ctx.doc, 'pattern') || ctx.doc.preamble;
  const frequent = sentences(ctx.markdown).find((s) => proposesPolling(s) && (pollInterval(s) ?? Infinity) < 60);
  if (frequent) {
    return fail(
      `High-frequency polling is proposed as the main mechanism ("${clip(frequent, 120)}"). Use webhooks/events or change data capture first, and keep polling only as a low-frequency reconciliation fallback (every few minutes or nightly).`,
    );
  }
  const chosen = sentences(patternText).find((s) => proposesPolling(s) && POLL_CHOSEN.test(s) && pollInterval(s) === null);
  if (chosen) {
    return fail(
      `The pattern section chooses polling without an interval or justification ("${clip(chosen, 120)}"). Prefer webhooks/events; if the source offers none, say so and give an interval of a minute or more with a cursor on last-modified time.`,
    );
  }
  return pass(/\bpoll/i.test(ctx.markdown) ? 'Polling appears only as an alternative or fallback.' : 'No polling proposed.');
}
