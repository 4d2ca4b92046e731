import { computeRetrySchedule, formatDuration } from '../calculators/index.js';
import type { RetryPolicy, RetrySchedule } from '../calculators/types.js';
import { sectionText } from '../document.js';
import { clip, type CheckContext } from './checks.js';
import { parseRetryText, type ParsedRetryText } from '../retry-text.js';
import type { QualityCheck } from '../types.js';

/**
 * The two retry checks: are the parameters stated specifically (seed: "max attempts, backoff formula,
 * jitter range"), and does the window they produce ride out the outage (seed: "unavailable for up to
 * 5 minutes")? The window is recomputed from the parsed parameters with the same calculator the engines use.
 */

/** Parameters read from the resilience section first, then from the whole document for anything missing. */
export function retryParameters(ctx: CheckContext): ParsedRetryText {
  const resilience = sectionText(ctx.doc, 'resilience');
  if (!resilience) return parseRetryText(ctx.markdown);
  const local = parseRetryText(resilience);
  // The whole document only fills what the resilience section leaves out (parsing it costs as much again).
  if (Object.values(local).every((v) => v !== null)) return local;
  const whole = parseRetryText(ctx.markdown);
  return {
    maxAttempts: local.maxAttempts ?? whole.maxAttempts,
    baseDelayMs: local.baseDelayMs ?? whole.baseDelayMs,
    factor: local.factor ?? whole.factor,
    capMs: local.capMs ?? whole.capMs,
    jitter: local.jitter ?? whole.jitter,
    jitterRange: local.jitterRange ?? whole.jitterRange,
    formula: local.formula ?? whole.formula,
    statedWindowMs: local.statedWindowMs ?? whole.statedWindowMs,
  };
}

export function checkRetryParameters(ctx: CheckContext, p: ParsedRetryText): QualityCheck {
  const missing: string[] = [];
  if (p.maxAttempts === null) missing.push('the maximum number of attempts (e.g. "Max attempts: 10 (1 try + 9 retries)")');
  if (p.formula === null) missing.push('the backoff formula (e.g. "delay_n = min(60 s, 1 s × 2^(n−1))")');
  if (p.jitterRange === null) {
    missing.push(
      p.jitter
        ? 'the jitter range — jitter is named but not its range (e.g. "full jitter: wait random(0, delay_n)")'
        : 'jitter with its range (e.g. "full jitter: wait random(0, delay_n)")',
    );
  }
  if (missing.length > 0) {
    return { id: 'retry-parameters', passed: false, detail: `The retry strategy is not specific: state ${missing.join('; ')}.` };
  }
  return {
    id: 'retry-parameters',
    passed: true,
    detail: `Max attempts ${p.maxAttempts}, backoff "${clip(p.formula!)}", jitter "${clip(p.jitterRange!)}".`,
  };
}

const DEFAULT_FACTOR = 2;
/** An unstated cap: effectively uncapped within any realistic retry window. */
const UNCAPPED_MS = 24 * 3600 * 1000;
const MAX_ATTEMPTS = 50;

/** The policy the text describes, or a list of what could not be read. */
function toPolicy(p: ParsedRetryText, minWindowMs: number | undefined): RetryPolicy | string[] {
  const missing: string[] = [];
  if (p.maxAttempts === null) missing.push('max attempts');
  if (p.baseDelayMs === null) missing.push('base delay');
  if (p.maxAttempts === null || p.baseDelayMs === null) return missing;
  const base = p.baseDelayMs;
  return {
    baseDelayMs: base,
    factor: Math.min(10, Math.max(1, p.factor ?? DEFAULT_FACTOR)),
    capMs: Math.max(base, p.capMs ?? UNCAPPED_MS),
    maxAttempts: Math.min(MAX_ATTEMPTS, p.maxAttempts),
    jitter: p.jitter ?? 'none',
    ...(minWindowMs !== undefined ? { minWindowMs } : {}),
  };
}

function describe(s: RetrySchedule): string {
  return `minimum ${formatDuration(s.cumulativeMinMs)}, expected ${formatDuration(s.cumulativeExpectedMs)}, maximum ${formatDuration(s.cumulativeMaxMs)}`;
}

export function checkRetryWindow(ctx: CheckContext, p: ParsedRetryText): QualityCheck {
  const outageMs = ctx.outageSeconds * 1000;
  const outage = formatDuration(outageMs);
  const stated = p.statedWindowMs ?? undefined;
  const policy = toPolicy(p, stated);
  const fail = (detail: string): QualityCheck => ({ id: 'retry-window', passed: false, detail });
  const pass = (detail: string): QualityCheck => ({ id: 'retry-window', passed: true, detail });

  if (Array.isArray(policy)) {
    // Parameters incomplete: an explicit window statement is the fallback.
    if (stated === undefined) {
      return fail(
        `Cannot tell whether retries ride out a ${outage} outage: ${policy.join(' and ')} not found and no total retry window stated. State base delay, factor, cap and max attempts, and the total retry window (e.g. "retry deadline: the last retry waits until at least ${outage} after the first failure").`,
      );
    }
    if (stated < outageMs) {
      return fail(`The stated retry window (${formatDuration(stated)}) is shorter than the ${outage} outage the API may have; lengthen it to at least ${outage} (more attempts, a higher cap, or a retry deadline).`);
    }
    return pass(`Stated retry window ${formatDuration(stated)} covers the ${outage} outage (parameters not fully stated: ${policy.join(', ')}).`);
  }

  let schedule: RetrySchedule;
  try {
    schedule = computeRetrySchedule(policy);
  } catch (error) {
    return fail(`The retry parameters as written do not form a valid policy (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); state base delay, factor, cap and max attempts consistently.`);
  }
  const params = `${policy.maxAttempts} attempts, base ${formatDuration(policy.baseDelayMs)}, factor ${policy.factor}, ${p.capMs === null ? 'no cap' : `cap ${formatDuration(policy.capMs)}`}, ${policy.jitter} jitter`;
  if (schedule.cumulativeMinMs >= outageMs) {
    return pass(`Retry window ${describe(schedule)} (${params}${stated !== undefined ? `, stated window ${formatDuration(stated)}` : ''}) covers the ${outage} outage.`);
  }
  if (stated !== undefined) {
    return fail(`The stated retry window (${formatDuration(stated)}) is shorter than the ${outage} outage; with ${params} retries span ${describe(schedule)}. Raise attempts or cap, or hold the last retry until at least ${outage} after the first failure.`);
  }
  // The team capped attempts: retries cannot span the outage, so the document must say what does instead.
  if (ctx.inputs.maxAttempts !== undefined && /shorter than the[^.]*outage[^.]*\b(?:pause|wait)/i.test(sectionText(ctx.doc, 'resilience'))) {
    return pass(`Attempts capped at ${ctx.inputs.maxAttempts} as asked; retries span ${describe(schedule)} and the document says the breaker pauses the workers while messages wait out the ${outage} outage.`);
  }
  const jitterNote =
    policy.jitter === 'full' || policy.jitter === 'decorrelated'
      ? ` With ${policy.jitter} jitter the guaranteed window is only ${formatDuration(schedule.cumulativeMinMs)}, so add a retry deadline: "the last retry waits until at least ${outage} after the first failure" (and keep the expected window near ${outage}).`
      : ` Raise max attempts or the cap until the minimum cumulative delay reaches ${outage}, or add a retry deadline.`;
  return fail(`Retries give up before a ${outage} outage ends: with ${params}, retries span ${describe(schedule)}.${jitterNote}`);
}
