import { escapeMrkdwn } from '../format/mentions.js';
import { ACTION_IDS, BLOCK_IDS } from './ids.js';
import { LIMITS, actions, button, context, divider, section, truncate } from './kit.js';
import type { Button, KnownBlock, SlackMessage } from './kit.js';
import { link, slackDate, userRef } from './text.js';

export interface SearchResultItem {
  title: string;
  systems: string[];
  /** Excerpt with «highlight» markers around matched terms. */
  snippet: string;
  authorId: string;
  createdAt: Date;
  /** Absent when Slack could not give one; the title is then shown without a link. */
  permalink?: string;
  revision: number;
}

export interface SearchResultsInput {
  query: string;
  results: SearchResultItem[];
  total: number;
  /** More designs match than were ranked: `total` is then the number ranked (the newest ones). */
  capped?: boolean;
  offset: number;
}

/** Results shown per message: 3 blocks each keeps well inside 50 blocks and the size budget. */
export const MAX_RESULTS_PER_MESSAGE = 10;

/** Escapes a snippet and renders «…» highlights as *bold* (Slack needs no space inside the markers). */
export function renderSnippet(snippet: string, max = 600): string {
  const flat = truncate(snippet.replace(/\s+/g, ' ').trim(), max);
  const escaped = escapeMrkdwn(flat);
  return escaped
    .replace(/«\s*([^«»]*?)\s*»/g, (_m, term: string) => (term ? `*${term}*` : ''))
    .replace(/[«»]/g, '');
}

function resultBlocks(r: SearchResultItem): KnownBlock[] {
  const title = `*${link(r.permalink, truncate(r.title.trim() || 'Untitled design', 150))}*  ·  revision ${r.revision}`;
  const systems = r.systems.length > 0 ? `\n_${escapeMrkdwn(truncate(r.systems.join(', '), 300))}_` : '';
  const snippet = r.snippet.trim() ? `\n${renderSnippet(r.snippet)}` : '';
  return [section(`${title}${systems}${snippet}`), context(`by ${userRef(r.authorId)} · ${slackDate(r.createdAt)}`)];
}

/** Page button value, or nothing when the query is too long to carry in an action value. */
function pageButton(label: string, query: string, offset: number): Button | undefined {
  const value = JSON.stringify({ query, offset });
  return value.length <= LIMITS.actionValue ? button(label, ACTION_IDS.searchPage, value) : undefined;
}

/** Ranked search results, meant for an ephemeral reply. */
export function searchResultsMessage(input: SearchResultsInput): SlackMessage {
  const query = escapeMrkdwn(truncate(input.query.trim(), 200));
  if (input.results.length === 0) {
    const text = input.offset > 0 ? `No more designs match “${query}”.` : `No designs match “${query}”.`;
    return {
      text,
      blocks: [
        section(`🔍 ${text}`),
        context('Try fewer or different words, or a system name, e.g. `/integration-design search stripe webhooks`.'),
      ],
    };
  }
  const shown = input.results.slice(0, MAX_RESULTS_PER_MESSAGE);
  const first = input.offset + 1;
  const last = input.offset + shown.length;
  const total = Math.max(input.total, last);
  const counted = input.capped ? `More than ${total.toLocaleString('en-US')} designs` : `${total.toLocaleString('en-US')} design${total === 1 ? '' : 's'}`;
  const summary = `🔍 *${counted}* match “${query}” — showing ${first}–${last}`;
  const blocks: KnownBlock[] = [section(summary)];
  shown.forEach((r, i) => {
    if (i > 0) blocks.push(divider());
    blocks.push(...resultBlocks(r));
  });
  const buttons: Button[] = [];
  if (input.offset > 0) {
    const prev = pageButton('Previous', input.query, Math.max(0, input.offset - MAX_RESULTS_PER_MESSAGE));
    if (prev) buttons.push(prev);
  }
  if (last < total) {
    const next = pageButton('Next results', input.query, last);
    if (next) buttons.push(next);
  }
  if (input.capped) {
    blocks.push(context(`Ranked among the newest ${total.toLocaleString('en-US')} — add words, \`system:\`, \`in:\` or \`after:\` to narrow the search.`));
  } else if (last < total) {
    blocks.push(context(`${total - last} more — refine the query to narrow them down.`));
  }
  if (buttons.length > 0) blocks.push(actions(BLOCK_IDS.searchPagination, ...buttons));
  return { text: `${counted} match “${query}”`, blocks };
}

export const HELP_LINES = [
  ['/integration-design <description>', 'start a design from a description, e.g. `/integration-design sync Stripe payments to Salesforce`'],
  ['/integration-design form', 'open a form with every input'],
  ['/integration-design search <query>', 'search past designs (only you see the results)'],
  ['/integration-design list', 'your recent designs'],
  ['/integration-design show <id> [revision]', "a design's canvas and thread"],
  ['/integration-design help', 'this message'],
] as const;

export function helpMessage(): SlackMessage {
  const usage = HELP_LINES.map(([cmd, what]) => `• \`${escapeMrkdwn(cmd)}\` — ${what}`).join('\n');
  return {
    text: 'How to use /integration-design',
    blocks: [
      section(`*Integration Architect* designs robust integrations between systems.\n\n${usage}`),
      context(
        'I ask for anything missing in the thread. Reply in the thread to ask questions or request changes; each change is a new revision.',
      ),
    ],
  };
}

export interface RecentDesign {
  title: string;
  permalink?: string;
  createdAt: Date;
  revision: number;
  status: string;
  /** The design's canvas (its latest revision in full), when it has one. */
  canvasUrl?: string;
  /** Feedback votes over its revisions. */
  feedback?: { up: number; down: number };
}

export function recentDesignLine(d: RecentDesign): string {
  const canvas = d.canvasUrl ? ` · <${d.canvasUrl}|open canvas>` : '';
  const votes = d.feedback && d.feedback.up + d.feedback.down > 0 ? ` · 👍 ${d.feedback.up} 👎 ${d.feedback.down}` : '';
  return `• ${link(d.permalink, truncate(d.title.trim() || 'Untitled design', 150))} — revision ${d.revision} · ${escapeMrkdwn(truncate(d.status, 40))} · ${slackDate(d.createdAt)}${canvas}${votes}`;
}

/** The caller's recent designs (the `list` subcommand). */
export function recentDesignsMessage(items: RecentDesign[]): SlackMessage {
  if (items.length === 0) {
    return {
      text: 'You have no designs yet.',
      blocks: [section('You have no designs yet. Start one with `/integration-design <description>`.')],
    };
  }
  const blocks: KnownBlock[] = [section('*Your recent designs*')];
  let current = '';
  for (const item of items.slice(0, 40)) {
    const line = recentDesignLine(item);
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push(section(current));
  return { text: `Your ${Math.min(items.length, 40)} most recent designs`, blocks };
}
