/**
 * Which systems send and which receive, read from the words around each mention the way people write
 * requests: prepositions ("from X", "into Y", "in Y" after a write), verbs ("consume X", "tell Y", "X drops each
 * order on Y", "Y should get …"), labels ("source:", "destination:"), triggers ("when … in X"), possessives
 * ("Stripe's plan name") and lists ("go to 3 places:" followed by items). The flows of a whole request are
 * then built from these roles across its sentences, so long, bulleted or loosely worded requests still get
 * their direction right.
 */
import { DETERMINERS, TRIGGER_WORDS } from './lexicon.js';
import type { Mention } from './mentions.js';
import type { Token } from './text.js';

export type Role = 'src' | 'dst';

export interface RoleCue {
  role: Role;
  /** 2: the wording says it (a preposition or verb right next to it); 1: it suggests it. */
  strength: 1 | 2;
}

export interface SentenceRoles {
  cues: (RoleCue | null)[];
  /** The sentence opens a list whose items all take this role ("go to 3 places:", "from three sources:"). */
  listRole: Role | null;
  /** "write the result back onto …": what this sentence sends goes back to where the data came from. */
  back: boolean;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

const TO = words('to into onto towards toward');
/**
 * Verbs whose object is the receiving system ("tell the billing service", "update HubSpot contacts from …").
 * Verbs whose object is the data ("sync Stripe payments into …", "push orders to …") are not here.
 */
const DST_VERBS = words('tell tells notify notifies update updates updating populate populates call calls calling hit hits fill fills enrich enriches ping pings alert alerts page pages feed feeds');
/** Verbs that move data: their object is the sender when a destination follows ("sync Stripe payments into …"). */
const MOVE_VERBS = words('sync syncs push pushes send sends copy copies load loads write writes post posts upsert upserts stream streams forward forwards export exports replicate replicates mirror mirrors move moves get');
/** Verbs that act on a record in a system ("transition the linked jira ticket", "create a Zendesk ticket"). */
const ACT_VERBS = words('create creates open opens raise raises file files transition transitions close closes resolve resolves assign assigns comment log logs add adds enroll enrolls provision provisions deactivate deactivates remove removes');
/** Verbs after which the named system is read ("consume Kafka topic …", "pull from …"). */
const SRC_VERBS = words('consume consumes consuming read reads reading pull pulls pulling ingest ingests ingesting poll polls polling tail tails watch watches subscribe');
/** Verbs a sending system is the subject of ("checkout service drops each order on …"). */
const SUBJECT_SENDS = words(`
  sends send drops drop pushes push emits emit publishes publish produces produce fires fire exports export writes
  write posts post generates generate builds lands delivers deliver streams forwards forward calls notifies notify
  triggers raises raise creates create uploads`);
/** What a reading system is the subject of ("the orders app consumes them", "a Snowflake task picks it up"). */
const SUBJECT_READS = /^(?:consumes?|consuming|picks?\s+(?:it|them|up)|subscribes?|listens?|ingests?|processes|loads?\s+(?:it|them))\b/;
/** What a receiving system is the subject of ("Zendesk should get …", "Y needs …"). */
const SUBJECT_RECEIVES = /^(?:should|must|needs?|has|have|wants?|will|to)\b(?:\s+(?:to|also|always|then|now))*\s+(?:get|receive|reflect|mirror|match|track|show|see|know|hear|be\s+(?:updated|told|notified|kept))|^(?:needs|wants)\s+(?!to\b)|^(?:gets|receives|reflects|mirrors)\b/;
/** What a sending system is the subject of, with a modal ("our Magento store needs to send orders to SAP"). */
const SUBJECT_MUST_SEND = /^(?:should|must|needs?|has|have|wants?|will)\s+(?:to\s+)?(?:send|push|post|publish|export|sync|forward|notify|tell|update|feed|call|emit|stream|write|charge|bill|pay|refund)\b/;
/** Verbs whose object is written "in" a system ("log a Task in Salesforce", "we need it in BigQuery"). */
const WRITE_BEFORE_IN = words(`
  create creates created add adds added log logs logged mark marks marked set sets attach attaches attached write writes
  written store put puts show shows shown land lands landed appear appears upsert upserts upserted update updates
  updated open opens opened raise raises raised post posts posted record records recorded index indexed need needs want
  wants land reflect reflected searchable queryable visible available loaded load built builds start starts continue
  continues synced pushed enroll enrolled provisioned drops drop dropped publishes publish published puts sends send
  sent writes`);
/** "prices are kept in Airtable", "runs on Twilio": where the data lives, so it is read from there. */
const LIVES_BEFORE_IN = words('keeps keep kept lives live living maintained maintain maintains managed manages hold holds held runs run running hosted sits sit stored');
const DATA_AFTER = words('webhooks webhook events event notifications notification changes change updates feed exports export data records');

function prevWord(tokens: Token[], k: number): number {
  let p = k - 1;
  while (p >= 0 && tokens[p]!.kind === 'word' && (DETERMINERS.has(tokens[p]!.lower) || /^(?:new|existing|same|whole|main|legacy|internal|linked|matching|related|right|correct|corresponding)$/.test(tokens[p]!.lower))) p--;
  return p;
}

/** Motion after some data words: "Stripe invoices need to go to …", "PR review requests to show up as …". */
const MOTION_AFTER = /^(?:[\w/-]+\s+){0,4}?(?:need\s+to\s+(?:go|be\s+(?:sent|pushed|synced|copied|loaded|mirrored))|needs\s+to\s+go|to\s+(?:go|show\s+up|appear|land|flow|reach|come)|should\s+(?:go|land|show\s+up|appear|flow)|get\s+(?:sent|pushed|synced)|are\s+(?:sent|pushed|synced|copied)|flows?\s+(?:to|into)|go(?:es)?\s+(?:to|into)|loaded\s+into|pushed\s+(?:to|into)|copied\s+(?:to|into)|mirrored\s+(?:to|into)|synced\s+(?:to|into))\b/;

function clauseStart(tokens: Token[], k: number): number {
  for (let p = k - 1; p >= 0; p--) if (tokens[p]!.text === ';' || tokens[p]!.text === ':' && p < k - 1) return p + 1;
  return 0;
}

function cueFor(tokens: Token[], mentions: Mention[], mi: number, possessive: ReadonlySet<string>): RoleCue | null {
  const m = mentions[mi]!;
  const p = prevWord(tokens, m.start);
  const prev = tokens[p]?.lower ?? '';
  const prev2 = tokens[p - 1]?.lower ?? '';
  const next = tokens.slice(m.tailEnd, m.tailEnd + 6).map((t) => t.lower).join(' ');
  const start = clauseStart(tokens, m.start);
  const before = tokens.slice(start, m.start).map((t) => t.lower);

  if (prev === ':' && /^(?:source|from|origin|input)$/.test(prev2)) return { role: 'src', strength: 2 };
  if (prev === ':' && /^(?:destination|target|to|sink|output|dest)$/.test(prev2)) return { role: 'dst', strength: 2 };
  // The middle of a chain ("A → B → C") both receives and sends: the arrows say it, not a role.
  if (/arrow/.test(tokens[m.start - 1]?.kind ?? '') && /arrow/.test(tokens[m.tailEnd]?.kind ?? '')) return null;
  if (tokens[m.start - 1]?.kind === 'arrow' || tokens[m.tailEnd]?.kind === 'back-arrow') return { role: 'dst', strength: 2 };
  if (tokens[m.tailEnd]?.kind === 'arrow' || tokens[m.start - 1]?.kind === 'back-arrow') return { role: 'src', strength: 2 };
  if (prev === 'from' || (prev === 'of' && prev2 === 'out')) return { role: 'src', strength: 2 };
  if (TO.has(prev)) return { role: 'dst', strength: 2 };
  if (SRC_VERBS.has(prev)) return { role: 'src', strength: 2 };
  if (DST_VERBS.has(prev)) return { role: 'dst', strength: 2 };
  if (MOVE_VERBS.has(prev)) {
    // "sync Stripe payments into Salesforce": the object sends; "populate Salesforce with …": it receives.
    const rest = tokens.slice(m.tailEnd, m.tailEnd + 8);
    if (rest.some((t) => /^(?:to|into|onto)$/.test(t.lower) || t.kind === 'arrow')) return { role: 'src', strength: 2 };
    if (rest[0]?.lower === 'with') return { role: 'dst', strength: 2 };
  }
  if (ACT_VERBS.has(prev)) return { role: 'dst', strength: 2 };
  if (prev === 'as' && before.some((w) => /^(?:show|shows|appear|appears|land|lands|go|goes|come|comes|up|created|logged|posted|out)$/.test(w))) return { role: 'dst', strength: 1 };
  if (/^keeps?$/.test(prev) && /\bup to date\b|\bupdated\b|\bcurrent\b|\bfresh\b/.test(next)) return { role: 'dst', strength: 2 };
  if (prev === 'through' && /^(?:bill|billing|sell|selling|charge|pay|take|process)$/.test(prev2)) return { role: 'src', strength: 1 };
  if (prev === 'with' && before.slice(-5).some((w) => /^(?:verify|check|validate|enrich|score|screen|look|lookup|geocode|translate|classify)$/.test(w))) return { role: 'dst', strength: 2 };
  if (/^(?:in|on|at|inside)$/.test(prev)) {
    // "when someone is deactivated in Okta": where the event happens; "log a Task in Salesforce": where it lands.
    // The trigger covers its own clause only: "when a deal closes in HubSpot, create an invoice in QuickBooks".
    // "once" is a trigger ("once an order ships"), not in "exactly once".
    const trig = before.findLastIndex((w, k) => (TRIGGER_WORDS.has(w) && !(w === 'once' && /^(?:exactly|only|just|least|most)$/.test(before[k - 1] ?? ''))) || (/^(?:every|each)$/.test(w) && /^(?:for|on)$/.test(before[k - 1] ?? '')));
    // A write between the trigger and the name ("for every call we want a Task logged … in Salesforce") makes it the action.
    if (trig >= 0 && !before.slice(trig).some((w) => w === ',' || w === 'then' || WRITE_BEFORE_IN.has(w))) return { role: 'src', strength: 2 };
    if (before.slice(-4, -1).some((w) => LIVES_BEFORE_IN.has(w))) return { role: 'src', strength: 1 };
    if (/^(?:should|will|must|can)?\s*(?:go|come|flow|be\s+sent|get\s+sent)\b/.test(next)) return { role: 'src', strength: 1 };
    if (before.some((w) => WRITE_BEFORE_IN.has(w)) || /\bup to date\b/.test(next)) return { role: 'dst', strength: 1 };
    if (/^(?:comes?|arrives?|lands?|happens?|changes?|occurs?)$/.test(before.at(-1) ?? '') || before.includes('comes')) return { role: 'src', strength: 1 };
    return null;
  }
  if (prev === 'via' && before.some((w) => /^(?:out|back|send|sent|reply|replies)$/.test(w))) return { role: 'dst', strength: 1 };
  if (SUBJECT_MUST_SEND.test(next)) return { role: 'src', strength: 2 };
  if (/^(?:needs?|has|have|must|should)\s+(?:to\s+)?(?:process|consume|handle|ingest|receive|get|pick\s+up)\b/.test(next)) return { role: 'dst', strength: 2 };
  if (SUBJECT_RECEIVES.test(next)) return { role: 'dst', strength: 2 };
  // "the Mailchimp audience should mirror …", "HubSpot contacts should get …": a part of the system between.
  // "a Snowflake task picks it up": the same for a reader.
  const skip = tokens.slice(m.tailEnd, m.tailEnd + 2).findIndex((t) => t.kind !== 'word' || /^(?:should|must|needs?|has|have|wants?|will|to|gets|receives|reflects|mirrors|picks?|consumes?|subscribes?|listens?|ingests?|loads?)$/.test(t.lower));
  const skipped = skip > 0 ? tokens.slice(m.tailEnd + skip, m.tailEnd + skip + 6).map((t) => t.lower).join(' ') : '';
  if (skip > 0 && (SUBJECT_RECEIVES.test(skipped) || SUBJECT_READS.test(skipped))) return { role: 'dst', strength: 1 };
  const firstAfter = tokens[m.tailEnd]?.lower ?? '';
  // "the apps post telemetry", but "the Slack post is edited", "the ES call fails": a noun there, not a verb.
  const nounAfter = /^(?:post|posts|calls|uploads|drop|export|push)$/.test(firstAfter) && /^(?:fails?|failed|failing|is|are|was|were|takes?|took|returns?|times?|errors?|succeeds?|count|counts|limit|limits|per)$/.test(tokens[m.tailEnd + 1]?.lower ?? '');
  if (SUBJECT_SENDS.has(firstAfter) && !nounAfter) return { role: 'src', strength: 2 };
  if (SUBJECT_READS.test(next)) return { role: 'dst', strength: 2 };
  if (possessive.has(m.key)) return { role: 'src', strength: 1 };
  if (DATA_AFTER.has(firstAfter)) return { role: 'src', strength: 1 };
  // "Stripe invoices need to go to …": the system that qualifies the data that moves.
  if (MOTION_AFTER.test(tokens.slice(m.tailEnd, m.tailEnd + 10).map((t) => t.lower).join(' '))) return { role: 'src', strength: 1 };
  return null;
}

/** Roles of the mentions of one sentence. `possessive` holds the keys written with "'s" in it. */
export function sentenceRoles(tokens: Token[], mentions: Mention[], possessive: ReadonlySet<string>): SentenceRoles {
  const cues = mentions.map((_, i) => cueFor(tokens, mentions, i, possessive));
  const lower = tokens.map((t) => t.lower);
  // "when someone is deactivated in okta, remove their zoom license …": the other systems are what the event acts on.
  // Only when the sender is the trigger's ("when … in okta"), not a sender elsewhere in the sentence.
  const triggered = (m: Mention) => {
    for (let k = m.start - 1; k >= 0 && lower[k] !== ',' && lower[k] !== ';'; k--) if (TRIGGER_WORDS.has(lower[k]!)) return true;
    return false;
  };
  if (cues.some((c, i) => c?.role === 'src' && triggered(mentions[i]!))) {
    cues.forEach((c, i) => {
      if (!c) cues[i] = { role: 'dst', strength: 1 };
    });
  }
  // "our backend needs to charge customers through Adyen": with a sender named, the service it goes through is
  // what it calls; without one ("we bill through Chargebee"), that service is where the data comes from.
  const sender = cues.findIndex((c) => c?.role === 'src' && c.strength === 2);
  mentions.forEach((m, i) => {
    if (sender >= 0 && i > sender && tokens[prevWord(tokens, m.start)]?.lower === 'through' && (!cues[i] || cues[i]!.strength === 1)) cues[i] = { role: 'dst', strength: 1 };
  });
  // Names joined by "and" or "," share the role of the first ("to NetSuite and HubSpot").
  for (let i = 1; i < mentions.length; i++) {
    if (cues[i]) continue;
    const between = tokens.slice(mentions[i - 1]!.tailEnd, mentions[i]!.start).map((t) => t.lower);
    // Not across clauses: "… into jira when an agent escalates them, and jira status changes back …".
    const clauseBreak = between.some((w, k) => TRIGGER_WORDS.has(w) || w === ';' || (w === ',' && /^(?:and|then|but)$/.test(between[k + 1] ?? '')));
    if (between.length > 0 && between.length <= 6 && !clauseBreak && between.some((w) => w === 'and' || w === ',' || w === '+' || w === '&') && !between.some((w) => /^(?:from|to|into)$/.test(w))) {
      cues[i] = cues[i - 1] ?? null;
    }
  }
  const text = lower.join(' ');
  const listRole: Role | null = /\b(?:to|into)\s+(?:\d+|two|three|four|five|several|multiple|a few|these)\s+(?:places|destinations|systems|targets|sinks|consumers|services)\b|\bfan(?:s|ned)?[\s-]*out\s+to\b/.test(text)
    ? 'dst'
    : /\bfrom\s+(?:\d+|two|three|four|five|several|multiple|a few|these)\s+(?:sources|places|systems|feeds|upstreams)\b/.test(text)
      ? 'src'
      : null;
  // "back onto the contact" returns data; "going back to 2019" is time.
  const back = /\bback\s+(?:onto|into|to|in|on|out)\b(?!\s+(?:\d|the\s+(?:start|beginning)))|\bwrite\s+(?:\w+\s+){0,3}back\b|\bcome\s+back\b/.test(text) && !/\bgo(?:es|ing)?\s+back\s+to\b/.test(text);
  // Names after "to 3 places:" in the same sentence are the places.
  if (listRole) {
    const at = lower.findIndex((w, k) => /^(?:places|destinations|systems|targets|sinks|sources|feeds|upstreams|out)$/.test(w) && k > 0);
    mentions.forEach((m, i) => {
      if (!cues[i] && m.start > at) cues[i] = { role: listRole, strength: 2 };
    });
  }
  return { cues, listRole, back };
}
