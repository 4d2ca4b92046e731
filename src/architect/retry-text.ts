import type { JitterStrategy } from './calculators/types.js';

/**
 * Reads a retry policy back out of a design's prose, so the quality gate can recompute the retry window
 * with the same calculator the engines use instead of trusting the document's arithmetic. The patterns
 * cover the ways designs (ours and Claude's) state parameters: "Max attempts: 10", "8 retries",
 * "min(60 s, 1 s × 2^(n−1))", "base delay of 500 ms", "capped at 2 minutes", "full jitter",
 * "random(0, delay)", "±20%", "retry deadline of 6 minutes", "total retry window ≈ 5 min 30 s".
 */

export interface ParsedRetryText {
  /** Total attempts including the first try. */
  maxAttempts: number | null;
  baseDelayMs: number | null;
  factor: number | null;
  capMs: number | null;
  /** The strategy the text names or implies; null when jitter is not mentioned at all. */
  jitter: JitterStrategy | null;
  /** The snippet stating a jitter range, or null when jitter is named without one. */
  jitterRange: string | null;
  /** The snippet stating a backoff formula (or an explicit schedule), or null. */
  formula: string | null;
  /** An explicit retry window or deadline ("retry window ≥ 5 min"), in ms. */
  statedWindowMs: number | null;
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const UNIT = String.raw`(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)`;
/** A duration, optionally compound ("5 min 30 s"), optionally hyphenated ("5-minute"). */
const DURATION = String.raw`${NUMBER}\s*-?\s*${UNIT}\b(?:,?\s+${NUMBER}\s*${UNIT}\b)?`;
/** Words that may sit between a parameter's name and its value. */
const CONNECT = String.raw`(?:\s*(?:[:=≈~≥>|*]|>=|\bof\b|\bis\b|\bat\b|\bto\b|\bat least\b|\babout\b|\bapprox(?:imately|\.)?|\broughly\b|\baround\b|\bup to\b|\bset to\b|\bcovers?\b|\bspans?\b|\blasts?\b|\btotals?\b|\bover\b)\s*)*\s*`;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function unitMs(unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith('mil') || u.startsWith('ms') || u.startsWith('msec')) return UNIT_MS.ms!;
  if (u.startsWith('s')) return UNIT_MS.s!;
  if (u.startsWith('m')) return UNIT_MS.m!;
  if (u.startsWith('h')) return UNIT_MS.h!;
  return UNIT_MS.d!;
}

/** Milliseconds of a DURATION match whose groups start at `offset`. */
function durationMs(match: RegExpExecArray, offset: number): number {
  const first = Number(match[offset]) * unitMs(match[offset + 1]!);
  const second = match[offset + 2] === undefined ? 0 : Number(match[offset + 2]) * unitMs(match[offset + 3]!);
  return first + second;
}

/** The first duration right after any of the keywords (only connector words in between). */
function durationAfter(text: string, keywords: string): number | null {
  const match = new RegExp(String.raw`(?:${keywords})${CONNECT}${DURATION}`, 'i').exec(text);
  return match ? durationMs(match, 1) : null;
}

/** A unitless number after a keyword whose name carries the unit ("baseDelayMs: 1000", "cap_s = 60"). */
function unitlessAfter(text: string, keywords: string): number | null {
  const match = new RegExp(String.raw`(?:${keywords})[\s_-]*(ms|millis|s|sec|seconds)\b["']?${CONNECT}${NUMBER}(?![\d.]*\s*-?\s*[a-z])`, 'i').exec(text);
  if (!match) return null;
  return Number(match[2]) * (/^m/i.test(match[1]!) ? 1 : 1000);
}

const BASE_KEYS = String.raw`\bbase(?:[\s_-]*(?:delay|backoff|interval))?|\binitial[\s_-]*(?:delay|backoff|interval)|\bstarting\s+(?:delay|at|from)|\bfirst\s+retry\s+after`;
const CAP_KEYS = String.raw`\bcap(?:ped)?(?:[\s_-]*(?:delay|at|of))?|\bmax(?:imum)?[\s_-]*(?:single[\s_-]*)?(?:delay|backoff|interval|wait|sleep)|\bdelay\s+cap|\bceiling`;
const WINDOW_KEYS = [
  String.raw`\bretry[\s_-]*(?:window|deadline|budget|horizon|span|period)`,
  String.raw`\bretries\s+(?:span|cover|last|run for)`,
  String.raw`\bcumulative\s+(?:retry\s+)?(?:delay|wait|window|backoff)`,
  String.raw`\bretr(?:y|ies)\s+for`,
  String.raw`\b(?:waits?|held(?:\s+back)?|holds?)\s+until`,
].join('|');

function parseMaxAttempts(text: string): number | null {
  const candidates: { index: number; value: number }[] = [];
  const add = (re: RegExp, toAttempts: (n: number) => number) => {
    const m = re.exec(text);
    if (m) {
      const n = Number(m[1]);
      if (Number.isInteger(n) && n >= 1 && n <= 100) candidates.push({ index: m.index, value: toAttempts(n) });
    }
  };
  // Named parameters win over loose phrases, whatever their position.
  add(new RegExp(String.raw`\bmax(?:imum)?[\s_-]*(?:attempts?|tries)\b${CONNECT}(\d+)\b`, 'i'), (n) => n);
  add(new RegExp(String.raw`\bmax(?:imum)?[\s_-]*(?:retries|retry[\s_-]*(?:count|attempts))\b${CONNECT}(\d+)\b`, 'i'), (n) => n + 1);
  if (candidates.length > 0) return candidates.sort((a, b) => a.index - b.index)[0]!.value;
  add(/\b(\d+)\s+(?:total\s+)?(?:attempts|tries)\b/i, (n) => n);
  add(/\b(\d+)\s+(?:retries|retry attempts)\b/i, (n) => n + 1);
  add(/\bretr(?:y|ied)\s+up\s+to\s+(\d+)\s+times\b/i, (n) => n + 1);
  if (candidates.length === 0) return null;
  return candidates.sort((a, b) => a.index - b.index)[0]!.value;
}

/** "1 s × 2^n", "500ms * 2 ** attempt", "base × 2^(n−1)", "Math.pow(2, n)", "min(cap, …)" and friends. */
function parseFormula(text: string): { snippet: string | null; baseDelayMs: number | null; factor: number | null; capMs: number | null } {
  const out = { snippet: null as string | null, baseDelayMs: null as number | null, factor: null as number | null, capMs: null as number | null };
  const full = new RegExp(String.raw`${NUMBER}\s*${UNIT}?\s*[×x*·⋅]\s*${NUMBER}\s*(?:\^|\*\*)\s*(?:\(\s*[a-zα-ω][^)\n]{0,12}\)|[a-zα-ω]\w*)`, 'i').exec(text);
  if (full) {
    out.snippet = full[0];
    const value = Number(full[1]);
    // A unitless base is milliseconds in code ("1000 * 2 ** n") and seconds in prose ("2 × 2^n").
    out.baseDelayMs = value * (full[2] ? unitMs(full[2]) : value >= 50 ? 1 : 1000);
    out.factor = Number(full[3]);
  }
  const symbolic = /\b(?:base\w*|initial\w*|b|delay\w*)\s*[×x*·⋅]\s*(\d+(?:\.\d+)?)\s*(?:\^|\*\*)\s*\(?\s*[a-z]/i.exec(text);
  if (symbolic) {
    out.snippet ??= symbolic[0];
    out.factor ??= Number(symbolic[1]);
  }
  const pow = /\bpow\s*\(\s*(\d+(?:\.\d+)?)\s*,/i.exec(text);
  if (pow) {
    out.snippet ??= pow[0];
    out.factor ??= Number(pow[1]);
  }
  const minCap = new RegExp(String.raw`\bmin\s*\(\s*${DURATION}\s*,`, 'i').exec(text);
  if (minCap) out.capMs = durationMs(minCap, 1);
  const minSymbolic = /\bmin\s*\(\s*[\w.\s]+,[^)\n]*(?:\^|\*\*|pow|factor)/i.exec(text);
  if (minSymbolic) out.snippet ??= minSymbolic[0];
  // Only a factor tied to backoff: "peak factor 5" elsewhere in a design is not a retry parameter.
  const named =
    /\bexponential\b[^.\n]{0,60}?\b(?:factor|multiplier)\s*(?:of\s*|[:=]\s*)?(\d+(?:\.\d+)?)|\b(?:backoff|exponential|growth|retry)[\s_-]*(?:factor|multiplier)\s*(?:of\s*|[:=]\s*|is\s*)?(\d+(?:\.\d+)?)|\b(?:factor|multiplier)\s*(?:\*\*)?\s*[:=|]\s*(?:\*\*)?\s*(\d+(?:\.\d+)?)/i.exec(text);
  if (named) {
    out.snippet ??= named[0];
    out.factor ??= Number(named[1] ?? named[2] ?? named[3]);
  }
  const doubling = /\bdoubl(?:e|es|ed|ing)\b/i.exec(text);
  if (doubling) out.factor ??= 2;
  // An explicit schedule such as "1 s, 2 s, 4 s, 8 s" is as specific as a formula.
  const schedule = new RegExp(String.raw`\d+(?:\.\d+)?\s*${UNIT}\b(?:\s*(?:,|→|->)\s*\d+(?:\.\d+)?\s*${UNIT}\b){3,}`, 'i').exec(text);
  if (schedule) out.snippet ??= schedule[0];
  return out;
}

/** Which jitter strategy the text describes, and the snippet giving its range. */
function parseJitter(text: string): { jitter: JitterStrategy | null; range: string | null } {
  const found: { index: number; jitter: JitterStrategy; range: string | null }[] = [];
  const add = (re: RegExp, jitter: JitterStrategy, isRange = true) => {
    const m = re.exec(text);
    if (m) found.push({ index: m.index, jitter, range: isRange ? m[0] : null });
  };
  add(/\bdecorrelated[\s-]*jitter\b/i, 'decorrelated');
  add(/\bfull[\s-]*jitter\b/i, 'full');
  add(/\brandom(?:_?between)?\s*\(\s*0(?:\.0)?\s*,|\buniform\s*\(\s*0\s*,|\bMath\.random\(\)\s*\*/i, 'full');
  add(/\bequal[\s-]*jitter\b/i, 'equal');
  add(/\b\w+\s*\/\s*2\s*\+\s*random\w*\s*\(\s*0\s*,/i, 'equal');
  // A symmetric percentage or an explicit interval: the minimum is at least half the delay for any sane
  // percentage, so equal jitter is the conservative stand-in for the window calculation.
  add(/(?:±|\+\/-|\+-)\s*\d+(?:\.\d+)?\s*%|\bjitter\b[^.\n]{0,60}?\b\d+(?:\.\d+)?\s*%/i, 'equal');
  add(/\bjitter\b[^.\n]{0,80}?\bbetween\s+0(?:\.0)?\s*(?:ms|s)?\s+and\b/i, 'full');
  add(/\bjitter\b[^.\n]{0,80}?\bbetween\s+\d[^.\n]{0,30}?\band\b/i, 'equal');
  add(/\b(?:no|without)\s+jitter\b/i, 'none', false);
  if (found.length > 0) {
    const first = found.sort((a, b) => a.index - b.index)[0]!;
    const range = found.find((f) => f.range !== null)?.range ?? null;
    return { jitter: first.jitter, range: first.jitter === 'none' ? null : range };
  }
  // Jitter named without a range: assume full jitter, whose floor of zero is the conservative choice.
  return /\bjitter(?:ed)?\b/i.test(text) ? { jitter: 'full', range: null } : { jitter: null, range: null };
}

export function parseRetryText(text: string): ParsedRetryText {
  const formula = parseFormula(text);
  const jitter = parseJitter(text);
  return {
    maxAttempts: parseMaxAttempts(text),
    baseDelayMs: durationAfter(text, BASE_KEYS) ?? unitlessAfter(text, String.raw`\bbase[\s_-]*delay|\binitial[\s_-]*delay|\bbase`) ?? formula.baseDelayMs,
    factor: formula.factor,
    capMs: durationAfter(text, CAP_KEYS) ?? unitlessAfter(text, String.raw`\bmax[\s_-]*delay|\bcap`) ?? formula.capMs,
    jitter: jitter.jitter,
    jitterRange: jitter.range,
    formula: formula.snippet,
    statedWindowMs: durationAfter(text, WINDOW_KEYS),
  };
}
