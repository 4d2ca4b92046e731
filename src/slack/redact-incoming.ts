import { redactSecrets, type Redaction } from '../conversation/redact.js';

/**
 * Secrets are removed from every Slack payload the moment it arrives, before any listener reads it: the
 * command's text, a reply's text and its rich-text blocks, the form's values, a search query, an unknown
 * subcommand. Nothing downstream (the database, the model, logs, echoes in replies) can then see one.
 * Identifiers Slack mints (ids, timestamps, trigger ids, response URLs, the verification token) are
 * never rewritten, so routing and signatures of replies are unaffected. NUL characters are dropped on the way.
 */

const SLACK_FIELDS = new Set([
  'token', 'trigger_id', 'response_url', 'response_urls', 'api_app_id', 'app_id', 'team_id', 'enterprise_id', 'user_id',
  'channel_id', 'ts', 'thread_ts', 'event_ts', 'message_ts', 'action_ts', 'client_msg_id', 'event_id', 'event_context',
  'type', 'subtype', 'id', 'callback_id', 'action_id', 'block_id', 'hash', 'private_metadata', 'bot_id', 'root_view_id',
  'previous_view_id', 'external_id', 'authorizations', 'command', 'user', 'channel', 'team', 'enterprise',
]);

/** Rewrites the payload's user-written strings in place (Bolt hands listeners objects that share them). */
export function redactIncoming(body: unknown): Redaction[] {
  const counts = new Map<string, number>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        if (typeof item === 'string') node[i] = clean(item);
        else visit(item);
      });
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === 'string') {
        if (!SLACK_FIELDS.has(key)) record[key] = clean(value);
      } else if (key !== 'authorizations') visit(value);
    }
  };
  const clean = (text: string): string => {
    // NUL cannot be stored in PostgreSQL text (a reply containing one failed its insert with a 500).
    const result = redactSecrets(text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);
    for (const r of result.redactions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + r.count);
    return result.text;
  };
  visit(body);
  return [...counts].map(([kind, count]) => ({ kind, count }));
}
