/**
 * Optional inputs read from one sentence: every quantity with its role (quantities.ts), latency said in words
 * ("near real time", "nightly"), stack, auth and compliance. Each detector reports the character spans it
 * consumed so the flow parser does not read them as data.
 */
import { readQuantities, unitSeconds, type Quantity } from './quantities.js';

export type Span = [number, number];

export interface SentenceFacts {
  /** The sentence as read, for cues that span quantities (a schedule said in words). */
  text: string;
  quantities: Quantity[];
  /** Latencies said in words ("near real time", "nightly"), in seconds. */
  latencies: number[];
  stack: string[];
  auth: { label: string; clause: string }[];
  compliance: string[];
  /** How we may reach a database ("read-only user", "no LogMiner/GoldenGate", "nothing installed on the box"). */
  access: string[];
  /** Where the team wants the integration's own alerts ("Slack #ops-alerts", "PagerDuty"), when the sentence says. */
  alertChannel?: string;
  /** How the destination stores what it receives ("stored as Parquet, partitioned by hour"), when said. */
  layout?: string;
  /** A bulk endpoint the person describes ("a bulk endpoint that takes up to 500 SKUs per call"). */
  bulk?: string;
  /** Readers must never see a partly loaded set ("without the API ever seeing a half-loaded set"). */
  atomic?: boolean;
  spans: Span[];
}

const DAY = 86_400;
/** Masks consumed text with spaces (same length) so later detectors skip it and offsets stay valid. */
class Masked {
  text: string;
  readonly spans: Span[] = [];
  constructor(text: string) {
    this.text = text;
  }
  consume(start: number, end: number): void {
    if (end <= start) return;
    this.text = this.text.slice(0, start) + ' '.repeat(end - start) + this.text.slice(end);
    this.spans.push([start, end]);
  }
}

/** Latency said in words; numbers ("within 5 minutes") are read with the other quantities. */
const LATENCY_PATTERNS: { re: RegExp; seconds: (m: RegExpMatchArray) => number | undefined }[] = [
  {
    re: /\b(?:within|in\s+under|under|in\s+less\s+than|less\s+than)\s+(?:a|an|one)\s+(second|minute|hour|day)\b/gi,
    seconds: (m) => unitSeconds(m[1]!),
  },
  { re: /\bnear[\s-]*real[\s-]*time\b/gi, seconds: () => 30 },
  { re: /\breal[\s-]*time\b|\binstant(?:ly)?\b|\bimmediately\b/gi, seconds: () => 5 },
  {
    re: /\bnightly\b|\bovernight\b|\bdaily\s+(?:batch|job|sync|export|import|load|run|file|report|extract|upload)s?\b|\bonce\s+(?:a|per)\s+day\b|\bend[\s-]of[\s-]day\b|\bevery\s+(?:night|day)\b|\bbatch(?:ed)?\s+daily\b|\bdaily\b/gi,
    seconds: () => DAY,
  },
  { re: /\bhourly\b|\bevery\s+hour\b|\bonce\s+(?:an|per)\s+hour\b/gi, seconds: () => 3600 },
  { re: /\bweekly\b|\bonce\s+(?:a|per)\s+week\b|\bevery\s+week\b/gi, seconds: () => 7 * DAY },
];

function readLatencies(m: Masked, out: SentenceFacts): void {
  for (const { re, seconds } of LATENCY_PATTERNS) {
    for (const match of m.text.matchAll(re)) {
      const value = seconds(match);
      if (value === undefined || !Number.isFinite(value) || value <= 0) continue;
      out.latencies.push(value);
      m.consume(match.index, match.index + match[0].length);
    }
  }
}

const STACK_LEAD = String.raw`(?:\b(?:running\s+on|hosted\s+on|deployed\s+(?:on|to)|built\s+(?:with|on|in)|written\s+in|on|in|using|with|via)\s+(?:our\s+|the\s+)?)?`;
const STACK_TAIL = String.raw`(?:\s+(?:services?|microservices|backend|stack|workers?|functions|lambdas|apps?|code|cluster))?`;
/** [pattern, label, consume?]: queues and databases stay in the text because they can be endpoints. */
const STACK: [string, string, boolean][] = [
  [String.raw`\bAmazon\s+Web\s+Services\b|\bAWS\b`, 'AWS', true],
  [String.raw`\bGoogle\s+Cloud(?:\s+Platform)?\b|\bGCP\b`, 'GCP', true],
  [String.raw`\bAzure\b`, 'Azure', true],
  [String.raw`\bKubernetes\b|\b[Kk]8s\b|\bEKS\b|\bGKE\b|\bAKS\b`, 'Kubernetes', true],
  [String.raw`\b[Nn]ode(?:\.?[Jj][Ss])\b|\bNode\b`, 'Node.js', true],
  [String.raw`\bTypeScript\b`, 'TypeScript', true],
  [String.raw`\b[Pp]ython\b`, 'Python', true],
  [String.raw`\bJava\b`, 'Java', true],
  [String.raw`\bGolang\b|\bGo\b(?=\s+(?:services?|microservices|backend|workers?|code|stack))`, 'Go', true],
  [String.raw`\.NET\b|\bC#`, '.NET', true],
  [String.raw`\bRuby(?:\s+on\s+Rails)?\b|\bRails\b`, 'Ruby', true],
  [String.raw`\bPHP\b`, 'PHP', true],
  [String.raw`\bLambda\b`, 'AWS Lambda', true],
  [String.raw`\bCloud\s+Run\b`, 'Cloud Run', true],
  [String.raw`\bHeroku\b`, 'Heroku', true],
  [String.raw`\bDocker\b`, 'Docker', true],
  [String.raw`\bTerraform\b`, 'Terraform', true],
  [String.raw`\b(?:Apache\s+)?[Kk]afka\b`, 'Kafka', false],
  [String.raw`\bRabbitMQ\b`, 'RabbitMQ', false],
  [String.raw`\bSQS\b`, 'SQS', false],
  [String.raw`\bSNS\b`, 'SNS', false],
  [String.raw`\bEventBridge\b`, 'EventBridge', false],
  [String.raw`\bPub\/?Sub\b`, 'Pub/Sub', false],
  [String.raw`\bPostgre(?:s|SQL)\b`, 'PostgreSQL', false],
  [String.raw`\bMySQL\b`, 'MySQL', false],
  [String.raw`\bRedis\b`, 'Redis', false],
];

function readStack(m: Masked, out: SentenceFacts): void {
  for (const [pattern, label, consume] of STACK) {
    const re = new RegExp(consume ? `${STACK_LEAD}(?:${pattern})${STACK_TAIL}` : `(?:${pattern})`, 'g');
    for (const match of m.text.matchAll(re)) {
      if (!out.stack.includes(label)) out.stack.push(label);
      // "our Node backend", "the Go service": the stack names one of the systems, which stays in the text.
      // "from our k8s cluster": a platform where a flow starts or ends is one of the systems too.
      const names =
        (/\s(?:service|backend|app|api|server)$/i.test(match[0]) && /\b(?:our|my|the|their)\s+$/i.test(m.text.slice(Math.max(0, match.index - 8), match.index))) ||
        (/\scluster$/i.test(match[0]) && /\b(?:from|into|to|onto)\s+(?:our\s+|my\s+|the\s+|their\s+)?$/i.test(m.text.slice(Math.max(0, match.index - 14), match.index)));
      if (consume && !names) m.consume(match.index, match.index + match[0].length);
    }
  }
}

const AUTH_LEAD = String.raw`(?:\b(?:using|with|via|over|through|authenticated\s+(?:with|via|using|by)|auth(?:enticat(?:es|ion))?\s+(?:is\s+)?(?:via|with|using|by)|requires?|needs?|uses?|supports?|only\s+supports?)\s+(?:an?\s+|the\s+)?)?`;
const AUTH: [RegExp, string][] = [
  [/\bOAuth\s*2(?:\.0)?\s+client[\s-]credentials\b|\bclient[\s-]credentials(?:\s+(?:grant|flow))?\b/i, 'OAuth 2.0 client credentials'],
  [/\bOAuth\s*2(?:\.0)?\b|\bOAuth\b/i, 'OAuth 2.0'],
  [/\brestricted\s+(?:API\s+)?keys?\b/i, 'restricted API keys'],
  [/\bAPI[\s-]?keys?\b/i, 'API key'],
  [/\bJWTs?\b/, 'JWT'],
  [/\bbasic\s+auth(?:entication)?\b/i, 'HTTP Basic auth'],
  [/\bmTLS\b|\bmutual\s+TLS\b/i, 'mutual TLS'],
  [/\bSAML\b/, 'SAML'],
  [/\bSSO\b/, 'SSO'],
  [/\bservice\s+accounts?\b/i, 'service account'],
  [/\b(?:private[\s-]app|personal\s+access|bearer)\s+tokens?\b/i, ''],
  [/\bIP\s+(?:allow|white)[\s-]?list(?:ing|ed)?\b/i, 'IP allowlisting'],
  [/\bHMAC\b/, 'HMAC signatures'],
];

function clauseAround(sentence: string, index: number): string {
  const parts = sentence.split(/(?<=[,;])|\s(?=\b(?:but|while|whereas|and)\b)/);
  let at = 0;
  for (const p of parts) {
    if (index < at + p.length) return p.replace(/^[\s,;]*(?:but|while|whereas|and)?\s*/i, '').replace(/[\s,;]+$/, '');
    at += p.length;
  }
  return sentence;
}

function readAuth(m: Masked, sentence: string, out: SentenceFacts): void {
  for (const [re, label] of AUTH) {
    const full = new RegExp(AUTH_LEAD + `(?:${re.source})`, re.flags.includes('i') ? 'gi' : 'g');
    for (const match of m.text.matchAll(full)) {
      const core = match[0].match(re)?.[0] ?? match[0];
      out.auth.push({ label: label || core.toLowerCase().replace(/\s+/g, ' '), clause: clauseAround(sentence, match.index) });
      m.consume(match.index, match.index + match[0].length);
    }
  }
}

const COMPLIANCE_TAIL = String.raw`(?:[\s-]+(?:compliant|compliance|requirements?|rules|regulated|scope|constraints?))?`;
const COMPLIANCE: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/\b(EU|EEA|US|UK|Canadian|Canada|German|Germany|Australian|Australia|Swiss|Indian|India)[\s-]+(?:only\s+)?data[\s-]+residency\b/g, (m) => `${m[1]} data residency`],
  [/\bdata[\s-]+residency\s+(?:in|within)\s+(?:the\s+)?([A-Z][\w-]*)/g, (m) => `data residency in ${m[1]}`],
  [
    /\b(?:data|it|everything|records|all\s+data|customer\s+data|personal\s+data)\s+(?:must|should|has\s+to|needs\s+to)\s+(?:stay|remain|be\s+stored|be\s+kept|reside)\s+(?:in|within)\s+(?:the\s+)?([A-Z][\w-]*)/g,
    (m) => `data must stay in ${m[1]}`,
  ],
  [/\bdata[\s-]+residency\b/gi, () => 'data residency'],
  [/\bGDPR\b/g, () => 'GDPR'],
  [/\bCCPA\b/g, () => 'CCPA'],
  [/\bHIPAA\b/gi, () => 'HIPAA'],
  [/\bPCI(?:[\s-]?DSS)?\b/g, () => 'PCI DSS'],
  [/\bSOC\s?2\b/g, () => 'SOC 2'],
  [/\bSOX\b/g, () => 'SOX'],
  [/\bISO\s?27001\b/g, () => 'ISO 27001'],
  [/\bFedRAMP\b/gi, () => 'FedRAMP'],
  [/\bPII\b/g, () => 'PII'],
  [/\bPHI\b/g, () => 'PHI'],
  [/\b(?:PGP|GPG)(?:[\s-]?encrypted)?\b/gi, () => 'files PGP-encrypted with the recipient\'s public key'],
];

function readCompliance(m: Masked, out: SentenceFacts): void {
  for (const [re, label] of COMPLIANCE) {
    const full = new RegExp(`(?:${re.source})${COMPLIANCE_TAIL}`, re.flags);
    for (const match of m.text.matchAll(full)) {
      const text = label(match);
      if (text === 'data residency' && out.compliance.some((c) => c.includes('residency') || c.startsWith('data must'))) continue;
      if (!out.compliance.includes(text)) out.compliance.push(text);
      m.consume(match.index, match.index + match[0].length);
    }
  }
}

/** Pasted errors and status codes ("ERROR: 429 Too Many Requests", "ETIMEDOUT", "5xx"): symptoms, never data or names. */
const ERRORS = [
  /\b(?:HTTP\s*)?[45]\d\d(?:\s*[:-])?\s+(?:Too\s+Many\s+Requests|Bad\s+Request|Unauthori[sz]ed|Forbidden|Not\s+Found|Conflict|Request\s+Time-?out|Payload\s+Too\s+Large|Unprocessable\s+(?:Entity|Content)|Internal\s+Server\s+Error|Bad\s+Gateway|Service\s+Unavailable|Gateway\s+Time-?out)\b/gi,
  /\b(?:ERROR|Error|WARN(?:ING)?|FATAL|Exception|Traceback)\s*:/g,
  /\bE[A-Z]{4,}\b|\b[A-Z][A-Z0-9]{2,}(?:_[A-Z0-9]+){2,}\b/g,
  /\b[45](?:\d\d|xx)s\b|\b[45]xx\b/gi,
];

/** What we may not do on a database: no change log, nothing installed, a read-only login. */
const ACCESS =
  /\b(?:no\s+(?:access\s+to\s+(?:the\s+)?)?(?:LogMiner|GoldenGate|Debezium|CDC|change\s+data\s+capture|binlogs?|WAL|redo\s+logs?|log\s+(?:access|mining)|replication(?:\s+slots?)?|triggers?|agents?)(?:\s*(?:\/|or|,)\s*(?:LogMiner|GoldenGate|Debezium|CDC|binlogs?|triggers?|agents?))*|nothing\s+(?:can\s+be\s+)?installed(?:\s+on\s+the\s+(?:box|server|host|machine|db))?|(?:can'?t|cannot|not\s+allowed\s+to)\s+install\s+(?:anything|agents?|software)(?:\s+on\s+(?:it|the\s+(?:box|server|host)))?|read[\s-]only\s+(?:user|account|access|login|credentials|role|replica)|(?:won'?t|will\s+not|can'?t|cannot|don'?t|do\s+not)\s+(?:give|grant|allow|let)\s+us\s+(?:use\s+|have\s+)?(?:any\s+)?(?:replication(?:\s+slots?)?|triggers?|binlogs?|CDC|LogMiner|log\s+access|agents?)(?:\s+(?:or|and|nor)\s+(?:replication(?:\s+slots?)?|triggers?|binlogs?|CDC|LogMiner|log\s+access|agents?))*)\b/gi;

function readAccess(m: Masked, out: SentenceFacts): void {
  for (const match of m.text.matchAll(ACCESS)) {
    out.access.push(match[0].replace(/\s+/g, ' ').trim());
    m.consume(match.index, match.index + match[0].length);
  }
}

/**
 * The integration's own alerts, not a flow: "alert #ops-alerts in Slack when the DLQ has anything", "page us in
 * PagerDuty if it fails". The sentence must be about failures; the channel or product is where alerts go.
 */
// Failures of the integration itself ("if the load fails", "when the sync is down"), not of a record that moves
// ("when a payment fails" is data for a flow).
const ALERT_TOPIC =
  /\b(?:alerts?|alerting|alarm|page\s+(?:us|me|someone|on-?call)|paging|on-?call|dlq|dead[\s-]?letter|breaker|backlog)\b|\b(?:sync|load|loads|job|jobs|integration|pipeline|export|import|it|worker|workers|consumer|connector)\s+(?:fails?|failed|errors?|is\s+down|goes\s+down|breaks|stalls|stops)\b/i;
const ALERT_VERB = /\b(?:alerts?|notify|ping|page|post|send|ring|escalate)\b/i;
const ALERT_CHANNEL = /#[\w-]{2,40}/;
const ALERT_PRODUCT = /\b(pagerduty|opsgenie|slack|microsoft\s+teams|teams|email|e-mail|sms)\b/i;
const PRODUCT_LABEL: Record<string, string> = { slack: 'Slack', teams: 'Microsoft Teams', 'microsoft teams': 'Microsoft Teams', pagerduty: 'PagerDuty', opsgenie: 'Opsgenie', email: 'email', 'e-mail': 'email', sms: 'SMS' };

function readAlertChannel(sentence: string, out: SentenceFacts): void {
  if (!ALERT_TOPIC.test(sentence) || !ALERT_VERB.test(sentence)) return;
  const channel = ALERT_CHANNEL.exec(sentence)?.[0];
  const product = ALERT_PRODUCT.exec(sentence)?.[1]?.toLowerCase().replace(/\s+/g, ' ');
  if (!channel && !product) return;
  // A #channel is Slack's unless Teams is named.
  const where = product ? (PRODUCT_LABEL[product] ?? product) : 'Slack';
  out.alertChannel = channel ? `${/^(?:Slack|Microsoft Teams)$/.test(where) ? where : 'Slack'} ${channel}` : where;
}

/** A storage format and partitioning ("as parquet partitioned by hour", "in Avro, partitioned by date"). */
const LAYOUT = /\b(?:as|in|into)\s+(parquet|avro|orc|csv|json|jsonl|ndjson|json\s+lines|delta(?:\s+lake)?|iceberg)(?:\s+files?|\s+tables?)?(?:\s*,?\s*(?:and\s+)?partitioned\s+by\s+([a-z_]+(?:\s*(?:\/|,|and|then)\s*(?:date|day|hour|month|year|region|tenant|customer|country|type|event_type|source)\b)?))?/i;
const FORMAT_NAMES: Record<string, string> = { parquet: 'Parquet', avro: 'Avro', orc: 'ORC', csv: 'CSV', json: 'JSON', jsonl: 'JSON Lines', ndjson: 'JSON Lines', 'json lines': 'JSON Lines', delta: 'Delta Lake', 'delta lake': 'Delta Lake', iceberg: 'Iceberg' };

function readLayout(m: Masked, out: SentenceFacts): void {
  const match = LAYOUT.exec(m.text);
  if (!match) return;
  const format = FORMAT_NAMES[match[1]!.toLowerCase().replace(/\s+/g, ' ')] ?? match[1]!;
  out.layout = `stored as ${format}${match[2] ? `, partitioned by ${match[2].replace(/\s+/g, ' ').toLowerCase()}` : ''}`;
  m.consume(match.index, match.index + match[0].length);
}

/** "there's a bulk endpoint that takes up to 500 SKUs per call", "batch API accepts 100 records per request". */
const BULK = /\b(?:bulk|batch)\s+(?:endpoint|api|call|upload|import)\b[^.;]{0,40}?\b(?:up\s+to|max(?:imum)?\s+(?:of\s+)?|at\s+most\s+)?(\d[\d,]*)\s+([a-z-]+)\s+(?:per|a|each|in\s+one)\s+(?:call|request|batch)\b/i;

function readBulk(sentence: string, out: SentenceFacts): [number, number] | undefined {
  const match = BULK.exec(sentence);
  if (!match) return undefined;
  out.bulk = `bulk endpoint: up to ${match[1]} ${match[2]} per call`;
  return [match.index, match.index + match[0].length];
}

/** "without the API ever seeing a half-loaded set", "swap it in atomically", "all or nothing". */
const ATOMIC =
  /\bwithout\s+(?:the\s+[\w-]+\s+|anyone\s+|readers?\s+|users?\s+)?(?:ever\s+)?(?:seeing|reading|serving|hitting)\s+(?:a\s+|an\s+)?(?:half[\s-]loaded|partial(?:ly\s+loaded)?|incomplete|mixed)\b[^.;,]{0,20}|\b(?:swap(?:ped)?|switch(?:ed)?|cut\s*over|replace[sd]?|publish(?:ed)?)\s+(?:\w+\s+){0,3}atomically\b|\batomic(?:ally)?\s+(?:swap|switch|load|replace|cut\s*over)\b|\ball[\s-]or[\s-]nothing\b|\bnever\s+(?:sees?|reads?|serves?)\s+(?:a\s+)?(?:half[\s-]loaded|partial|incomplete)\b[^.;,]{0,20}/i;

function readAtomic(m: Masked, out: SentenceFacts): void {
  const match = ATOMIC.exec(m.text);
  if (!match) return;
  out.atomic = true;
  m.consume(match.index, match.index + match[0].length);
}

/** An environment said of a limit ("100 writes/sec in live mode"): never data. */
const MODE = /\bin\s+(?:live|test|sandbox|production|prod|dev|development)\s+mode\b/gi;

/** Percentiles ("p99 under 5 min", "P95") qualify a latency: never data. */
const PERCENTILE = /\b[pP]\d{2}(?:\.\d+)?\b/g;

function readErrors(m: Masked): void {
  for (const re of [...ERRORS, PERCENTILE, MODE]) for (const match of m.text.matchAll(re)) m.consume(match.index, match.index + match[0].length);
}

export function readFacts(sentence: string): SentenceFacts {
  const out: SentenceFacts = { text: sentence, quantities: [], latencies: [], stack: [], auth: [], compliance: [], access: [], spans: [] };
  const m = new Masked(sentence);
  // A bulk endpoint's size ("up to 500 SKUs per call") reads like a rate: it is taken first, whole.
  const bulk = readBulk(sentence, out);
  out.quantities = readQuantities(sentence).filter((q) => !bulk || q.at < bulk[0] || q.at >= bulk[1]);
  for (const q of out.quantities) for (const [s, e] of q.consumed) m.consume(s, e);
  if (bulk) m.consume(bulk[0], bulk[1]);
  readErrors(m);
  readAccess(m, out);
  readAlertChannel(sentence, out);
  readLayout(m, out);
  readAtomic(m, out);
  readCompliance(m, out);
  readLatencies(m, out);
  readStack(m, out);
  readAuth(m, sentence, out);
  out.spans = m.spans;
  return out;
}
