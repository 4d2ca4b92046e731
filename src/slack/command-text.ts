/** Parses what follows /integration-design into a subcommand; anything longer than one word is a design request. */
export type ParsedCommand =
  | { kind: 'help'; unknown?: string }
  | { kind: 'form' }
  | { kind: 'list' }
  | { kind: 'show'; id: string; revision?: number }
  | { kind: 'search'; query: string; filters: SearchFilters }
  | { kind: 'design'; text: string };

export interface SearchFilters {
  system?: string;
  channelId?: string;
  authorId?: string;
  from?: Date;
  to?: Date;
}

const FILTER = /(?:^|\s)(system|in|from|by|after|before):(\S+)/gi;

export function parseCommandText(raw: string): ParsedCommand {
  const text = raw.trim();
  const [first = '', ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  if (text === '' || word === 'help' || word === '?') return { kind: 'help' };
  if (word === 'form' && rest.length === 0) return { kind: 'form' };
  if (word === 'list' && rest.length === 0) return { kind: 'list' };
  if (word === 'search') return parseSearch(text.slice(first.length).trim());
  if (word === 'show' && rest.length >= 1 && rest.length <= 2 && /^[0-9a-f-]{36}$/i.test(rest[0]!) && (rest[1] === undefined || /^\d{1,5}$/.test(rest[1]))) {
    return { kind: 'show', id: rest[0]!.toLowerCase(), ...(rest[1] ? { revision: Number(rest[1]) } : {}) };
  }
  // One word can't describe an integration: treat it as a subcommand we don't know.
  if (rest.length === 0) return { kind: 'help', unknown: first };
  return { kind: 'design', text };
}

/**
 * Search filters use Slack-like modifiers: `system:Stripe`, `in:<#C123|name>`, `by:<@U123>`, `after:2026-01-01`,
 * `before:2026-12-31`. Everything else is the full-text query.
 */
function parseSearch(input: string): ParsedCommand {
  const filters: SearchFilters = {};
  const query = input
    .replace(FILTER, (_m, key: string, value: string) => {
      const k = key.toLowerCase();
      if (k === 'system') filters.system = value;
      else if (k === 'in') filters.channelId = /<#([A-Z0-9]+)/i.exec(value)?.[1] ?? value.replace(/^#/, '');
      else if (k === 'by' || k === 'from') filters.authorId = /<@([A-Z0-9]+)/i.exec(value)?.[1] ?? value.replace(/^@/, '');
      else {
        const d = new Date(value);
        if (!Number.isNaN(d.getTime())) {
          if (k === 'after') filters.from = d;
          else filters.to = d;
        }
      }
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { kind: 'search', query, filters };
}
