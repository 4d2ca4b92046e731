import { SECTION_TITLES, type DesignSection, type SectionId } from '../../types.js';
import { rationaleFor } from './rationale.js';

/** Offline answers: a question is answered by quoting the matching parts of the current design. */

interface Topic {
  pattern: RegExp;
  section: SectionId;
  /** Which paragraphs or lines of the section to quote. */
  focus: RegExp;
}

const TOPICS: Topic[] = [
  { pattern: /idempoten|duplicat|dedup|exactly[- ]once|twice/i, section: 'resilience', focus: /idempot|duplicat|upsert/i },
  { pattern: /circuit|breaker|half[- ]open/i, section: 'resilience', focus: /breaker|\| Destination|^\|/i },
  { pattern: /dead[- ]?letter|\bdlq\b|poison|replay/i, section: 'resilience', focus: /dead-letter|DLQ|replay/i },
  { pattern: /rate[- ]?limit|quota|429|token bucket|throttl|budget/i, section: 'resilience', focus: /rate limit|token bucket|^\|/i },
  { pattern: /how fast|throughput|speed|how many (?:calls|requests)|calls? (?:per|a) (?:second|minute)|concurren|in parallel|permits?/i, section: 'requirements', focus: /limits:/i },
  { pattern: /how fast|throughput|speed|concurren|in parallel|permits?/i, section: 'resilience', focus: /semaphore|permits|token bucket/i },
  { pattern: /backlog|drain|queue size|outage/i, section: 'resilience', focus: /backlog|outage|^\|/i },
  { pattern: /retr(y|ies)|backoff|jitter|attempts?|timeout/i, section: 'resilience', focus: /attempt|backoff|jitter|retry|retries|timeout/i },
  { pattern: /auth|oauth|token|secret|credential|signature|hmac|api key|rotation|scope|privilege/i, section: 'authentication', focus: /./ },
  { pattern: /monitor|metric|alert|\blogs?\b|logging|trac(e|ing)|observab|dashboard|correlation/i, section: 'observability', focus: /./ },
  { pattern: /fail|risk|what (if|happens)|go wrong|mitigat/i, section: 'failure-modes', focus: /./ },
  { pattern: /pattern|webhook|batch|poll|architecture|queue|kafka|sqs|pub\/?sub|protocol|sync|why not|alternative/i, section: 'pattern', focus: /./ },
  { pattern: /requirement|volume|latency|complian|pci|gdpr|hipaa|residency|stack/i, section: 'requirements', focus: /./ },
  { pattern: /checklist|first|priorit|order|phase|plan|start|implement|risk/i, section: 'checklist', focus: /./ },
];

const MAX_BLOCKS = 3;

/** Quotes the parts of the design that answer the question, naming the section they come from. */
export function answerFromDesign(sections: DesignSection[], question: string): string {
  const topics = TOPICS.filter((t) => t.pattern.test(question));
  const quoted: string[] = [];
  const used = new Set<string>();
  for (const topic of topics) {
    const section = sections.find((s) => s.id === topic.section);
    if (!section || used.size >= 2) continue;
    const key = `${topic.section}:${topic.focus.source}`;
    if (used.has(key)) continue;
    used.add(key);
    const blocks = proseBlocks(section.markdown);
    const matching = blocks.filter((b) => topic.focus.test(b)).slice(0, MAX_BLOCKS);
    const chosen = matching.length > 0 ? matching : blocks.slice(0, MAX_BLOCKS);
    quoted.push(`From *${SECTION_TITLES[topic.section]}*:\n${chosen.map(quote).join('\n\n')}`);
  }
  const why = rationaleFor(question);
  if (why) quoted.unshift(`*Why:* ${why}`);
  if (quoted.length === 0) {
    const names = sections.map((s) => s.heading).join(', ');
    return `I could not match that question to one part of the design. It covers: ${names}. Ask about retries, idempotency, the circuit breaker, rate limits, the dead-letter queue, authentication or monitoring, or reply with a change to make.`;
  }
  return quoted.join('\n\n');
}

/** Paragraphs, list items and whole tables (kept together so a quoted table still renders) outside fenced code. */
function proseBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let inFence = false;
  let paragraph: string[] = [];
  let table: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push(paragraph.join(' ').trim());
    if (table.length > 0) blocks.push(table.join('\n'));
    paragraph = [];
    table = [];
  };
  for (const line of markdown.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) {
      inFence = !inFence;
      flush();
      continue;
    }
    if (inFence) continue;
    if (line.trim() === '') flush();
    else if (/^\s*\|/.test(line)) {
      if (paragraph.length > 0) {
        blocks.push(paragraph.join(' ').trim());
        paragraph = [];
      }
      table.push(line.trim());
    } else if (/^\s*([-*]|\d+\.)/.test(line)) {
      flush();
      blocks.push(line.trim());
    } else paragraph.push(line.trim());
  }
  flush();
  return blocks.filter((b) => b.length > 0);
}

/** Prose is block-quoted; a table stays a plain table so it still renders (Slack shows it as a code block). */
function quote(block: string): string {
  return block.startsWith('|') ? block : block.split('\n').map((line) => `> ${line}`).join('\n');
}
