import { sectionText } from '../document.js';
import type { IntegrationInputs } from '../inputs.js';
import { contextAround, listItems, subheadings, tables } from '../markdown-blocks.js';
import { SECTION_TITLES, type ParsedDocument, type QualityCheck, type SectionId } from '../types.js';

/**
 * The content checks of the quality gate, one function per check id. Each returns a detail that says what
 * was found or exactly what is missing: failed details go back to Claude verbatim in the repair pass.
 * The retry checks, which need the calculators, live in quality-retry.ts; the polling check in quality-polling.ts.
 */

export interface CheckContext {
  markdown: string;
  doc: ParsedDocument;
  inputs: IntegrationInputs;
  outageSeconds: number;
  wordCount: number;
}

export const WORD_RANGE = { min: 500, max: 900 } as const;

const pass = (id: QualityCheck['id'], detail: string): QualityCheck => ({ id, passed: true, detail });
const fail = (id: QualityCheck['id'], detail: string): QualityCheck => ({ id, passed: false, detail });

const REQUIRED_SECTIONS: SectionId[] = ['pattern', 'authentication', 'resilience', 'observability', 'checklist'];
const RATIONALE = /\b(?:why|because|trade-?offs?|rather than|instead of|justif\w*|rationale|in favou?r of|chosen over|we chose|so that|the cost is|downside)\b/i;
const MIN_CHECKLIST_ITEMS = 4;

export function checkSections(ctx: CheckContext): QualityCheck {
  const present = new Set(ctx.doc.sections.map((s) => s.id));
  const problems: string[] = [];
  const missing = REQUIRED_SECTIONS.filter((id) => !present.has(id));
  if (missing.length > 0) {
    problems.push(`missing sections: ${missing.map((id) => `"## ${SECTION_TITLES[id]}"`).join(', ')}`);
  }
  if (present.has('pattern') && !RATIONALE.test(sectionText(ctx.doc, 'pattern'))) {
    problems.push(
      'the integration pattern section gives no rationale: say why this pattern fits and what it trades off against the alternatives (e.g. "webhooks into a queue rather than polling, because …")',
    );
  }
  const items = listItems(sectionText(ctx.doc, 'checklist')).length;
  if (present.has('checklist') && items < MIN_CHECKLIST_ITEMS) {
    problems.push(
      `the implementation checklist has ${items} list item${items === 1 ? '' : 's'}; give at least ${MIN_CHECKLIST_ITEMS} as a numbered list ordered by priority`,
    );
  }
  if (problems.length > 0) return fail('sections', capitalize(problems.join('; ')) + '.');
  return pass('sections', `All required sections present; pattern rationale given; checklist has ${items} items.`);
}

const IDEMPOTENCY = /\bidempoten(?:t|cy)\b/i;
const IDEMPOTENCY_KEY = /\bidempoten\w*[^.\n]{0,80}?\bkeys?\b|\bkeys?\b[^.\n]{0,80}?\bidempoten\w*|\bidempotency[\s_-]?key\b/i;
const DEDUPE_DESIGN =
  /\bunique[\s-]+(?:constraint|index|key)|\bdedup\w*|\bprocessed[_\s-]?(?:events|messages|ids|keys)\b|\bseen[_\s-]?(?:set|table|ids|keys)\b|\bon\s+conflict\b|\bset\s+nx\b|\bsetnx\b|\bupsert\w*|\bexternal[\s_-]?id\b|\b(?:event|message|delivery|request|charge|order|payment)[\s_.-]?id\b|\buuid\b|\bsha-?256\b|\bhash(?:ed)?\b|\bconditional\s+(?:write|put|insert)|\battribute_not_exists\b|\binsert[\s_-]?if[\s_-]?absent\b|\bkey\s*(?:=|:)\s*\S/i;

export function checkIdempotency(ctx: CheckContext): QualityCheck {
  const text = ctx.markdown;
  if (!IDEMPOTENCY.test(text)) {
    return fail(
      'idempotency',
      'No idempotency design: name the idempotency key (e.g. the source event id), where it is recorded (a processed-events table with a unique constraint, or an upsert on an external id) and what happens to a duplicate.',
    );
  }
  const key = IDEMPOTENCY_KEY.exec(text);
  const design = DEDUPE_DESIGN.exec(text);
  if (!key) {
    return fail('idempotency', 'Idempotency is mentioned but no idempotency key is defined: state what the key is built from (e.g. `stripe:{event.id}`) and where it is checked.');
  }
  if (!design) {
    return fail(
      'idempotency',
      'An idempotency key is mentioned but not designed: give its shape (e.g. the source event id) and the dedupe store (a table with a unique constraint, an upsert on an external id, or SET NX with a TTL) and its retention.',
    );
  }
  return pass('idempotency', `Idempotency key designed ("${clip(key[0])}"; dedupe via "${clip(design[0])}").`);
}

const BREAKER = /\bcircuit[\s-]*breakers?\b|\bbreaker\b/i;
const BREAKER_THRESHOLD =
  /\d+(?:\.\d+)?\s*%|\b\d+\s+(?:consecutive\s+)?(?:failures|errors|timeouts|failed\s+(?:calls|requests|attempts))\b|\bfailure[\s_-]*(?:rate[\s_-]*)?threshold\w*\s*[:=]?\s*\d+/i;
const OPEN_DURATION = new RegExp(
  String.raw`(?:(?:stays?|remains?|kept|held)\s+open|\bopen\s+(?:for|duration|state\s+(?:for|lasts?))|\bopen[\s_-]*(?:duration|timeout|period|interval|time|seconds|ms)|\bcool[\s-]*(?:down|off)|\bwait[\s_-]*duration\w*|\bbreak[\s_-]*duration|\breset[\s_-]*timeout|\bsleep[\s_-]*window|\bhalf[\s-]*open\s+(?:after|probes?\s+after)|\bprobe\w*\s+after)[^\n.;\d]{0,25}\d+(?:\.\d+)?\s*-?\s*(?:ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)?\b`,
  'i',
);

export function checkCircuitBreaker(ctx: CheckContext): QualityCheck {
  if (!BREAKER.test(ctx.markdown)) {
    return fail(
      'circuit-breaker',
      'No circuit breaker: add one around the external API with numbers — the failure-rate or consecutive-failure threshold that opens it, the window it is measured over, how long it stays open, and the half-open probes.',
    );
  }
  // Alert and metric lines mention the breaker with their own numbers ("breaker open > 5 min"); not thresholds.
  const context = contextAround(ctx.markdown, BREAKER)
    .split('\n')
    .filter((line) => !/\balert\w*|\bmetrics?\b|\bdashboards?\b|\bpage[sd]?\b/i.test(line))
    .join('\n');
  const threshold = BREAKER_THRESHOLD.exec(context);
  const open = OPEN_DURATION.exec(context);
  const missing: string[] = [];
  if (!threshold) missing.push('the threshold that opens it (e.g. "50% failures over the last 20 calls" or "5 consecutive failures")');
  if (!open) missing.push('how long it stays open before a half-open probe (e.g. "stays open for 30 s")');
  if (missing.length > 0) return fail('circuit-breaker', `The circuit breaker lacks numbers: state ${missing.join(' and ')}.`);
  return pass('circuit-breaker', `Breaker thresholds stated ("${clip(threshold![0])}", "${clip(open![0])}").`);
}

const DEAD_LETTER = /\bdead[\s-]*letter\w*|\bDLQs?\b|\bparking[\s-]*(?:lot|queue)\b|\bpoison[\s-]*(?:queue|messages?)\b|\bquarantine\w*/i;
const REPLAY = /\breplay\w*|\bre-?drive\w*|\bre-?process\w*|\bre-?queue\w*|\bre-?submit\w*|\bre-?enqueue\w*/i;

export function checkDeadLetter(ctx: CheckContext): QualityCheck {
  const dlq = DEAD_LETTER.exec(ctx.markdown);
  if (!dlq) {
    return fail(
      'dead-letter',
      'No dead-letter path: say where a message goes after its final retry (a dead-letter queue with the error attached), who is alerted, and how it is replayed once the cause is fixed.',
    );
  }
  const replay = REPLAY.test(contextAround(ctx.markdown, DEAD_LETTER));
  return pass('dead-letter', `Dead-letter path described ("${clip(dlq[0])}")${replay ? ', with replay' : '; consider describing how it is replayed'}.`);
}

const STRUCTURED =
  /\bstructured\s+(?:json\s+)?log\w*|\bjson[\s-]*(?:lines|logs?|logging|formatted|format)\b|\blog\w*\s+(?:as|in)\s+json\b|\b(?:pino|winston|bunyan|logfmt|structlog|serilog)\b/i;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
const MIN_LOG_FIELDS = 3;

function logFields(ctx: CheckContext): string[] {
  const logText = [sectionText(ctx.doc, 'observability'), contextAround(ctx.markdown, /\blog(?:s|ged|ging)?\b/i, 3)].join('\n');
  const fields = new Set<string>();
  for (const m of logText.matchAll(/`([^`\n]+)`/g)) if (FIELD_NAME.test(m[1]!)) fields.add(m[1]!);
  for (const m of ctx.markdown.matchAll(/"([A-Za-z_][\w.]*)"\s*:/g)) fields.add(m[1]!);
  for (const m of logText.matchAll(/\bfields?\b\s*(?::|\(|such as|including|like|=)\s*([^.\n)]+)/gi)) {
    for (const raw of m[1]!.split(/,|;|\/|\band\b/)) {
      const name = raw.trim().replace(/^`|`$/g, '');
      if (FIELD_NAME.test(name)) fields.add(name);
    }
  }
  return [...fields];
}

export function checkStructuredLogs(ctx: CheckContext): QualityCheck {
  const structured = STRUCTURED.exec(ctx.markdown);
  const fields = logFields(ctx);
  if (!structured) {
    return fail(
      'structured-logs',
      'No structured logging: specify JSON logs and name their fields (e.g. `correlation_id`, `event_id`, `attempt`, `status`, `latency_ms`), with secrets and personal data redacted.',
    );
  }
  if (fields.length < MIN_LOG_FIELDS) {
    return fail(
      'structured-logs',
      `Structured logs are mentioned but only ${fields.length} field name${fields.length === 1 ? '' : 's'} found${fields.length ? ` (${fields.join(', ')})` : ''}; name at least ${MIN_LOG_FIELDS} fields in backticks (e.g. \`correlation_id\`, \`event_id\`, \`attempt\`, \`latency_ms\`).`,
    );
  }
  return pass('structured-logs', `Structured logs with fields ${fields.slice(0, 6).join(', ')}${fields.length > 6 ? ', …' : ''}.`);
}

const CORRELATION = /\bcorrelation[\s_-]?ids?\b|\bx-correlation-id\b|\btrace[\s_-]?ids?\b|\btraceparent\b|\bw3c\s+trace\s+context\b/i;

export function checkCorrelationIds(ctx: CheckContext): QualityCheck {
  const found = CORRELATION.exec(ctx.markdown);
  if (!found) {
    return fail(
      'correlation-ids',
      'No correlation ids: say which id ties one event together across systems (e.g. the source event id as `correlation_id`, a W3C `traceparent` header propagated through the queue), and that every log line carries it.',
    );
  }
  return pass('correlation-ids', `Correlation mentioned ("${clip(found[0])}").`);
}

const MIN_FAILURE_MODES = 3;
const FAILURE_TABLE_HEADER = /\b(?:failure|risk|scenario|what can go wrong|fault)\w*/i;

export function checkFailureModes(ctx: CheckContext): QualityCheck {
  const text = sectionText(ctx.doc, 'failure-modes');
  const hasSection = ctx.doc.sections.some((s) => s.id === 'failure-modes');
  let count: number;
  if (hasSection) {
    const tableRows = tables(text).reduce((n, t) => n + t.rows.length, 0);
    count = Math.max(tableRows, listItems(text).length, subheadings(text).length);
  } else {
    // No dedicated section: a failure table elsewhere (often under resilience) still counts.
    count = tables(ctx.markdown)
      .filter((t) => FAILURE_TABLE_HEADER.test(t.header.join(' ')))
      .reduce((n, t) => n + t.rows.length, 0);
  }
  if (count >= MIN_FAILURE_MODES) return pass('failure-modes', `${count} failure modes listed${hasSection ? '' : ' in a failure table'}.`);
  const what =
    'each with its mitigation (e.g. the API down for 5 minutes, duplicate or out-of-order deliveries, the rate limit exhausted, a poison message)';
  if (!hasSection && count === 0) {
    return fail('failure-modes', `No failure modes called out: add a "## Failure modes" section with at least ${MIN_FAILURE_MODES} entries (a table or list), ${what}.`);
  }
  return fail('failure-modes', `Only ${count} failure mode${count === 1 ? '' : 's'} listed; list at least ${MIN_FAILURE_MODES}, ${what}.`);
}

/** The headline number of a limit ("100 requests per 10 seconds" → 100), via the calculators' parser. */
export type LimitNumber = (limit: string) => number | null;

export function checkWordCount(ctx: CheckContext): QualityCheck {
  const { min, max } = WORD_RANGE;
  const n = ctx.wordCount;
  if (n < min) return fail('word-count', `${n} prose words, ${min - n} short of the ${min}–${max} range (code blocks are not counted); add substance, not filler.`);
  if (n > max) return fail('word-count', `${n} prose words, ${n - max} over the ${min}–${max} range (code blocks are not counted); tighten the prose.`);
  return pass('word-count', `${n} prose words (target ${min}–${max}).`);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A snippet for a detail line: single-line, at most `max` characters. */
export function clip(s: string, max = 60): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
