import type { HistoryMessage } from '../architect/types.js';
import type { ThreadMessage } from './ports.js';

/** Rough token estimate (≈ 4 characters a token for English); good enough to keep context within a budget. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/**
 * Thread history for the model, newest kept: the oldest messages go first when the budget is exceeded.
 * A single message larger than the whole budget is truncated from its start rather than dropped.
 */
export function trimHistory(messages: ThreadMessage[], budgetTokens = 3_000): HistoryMessage[] {
  const kept: HistoryMessage[] = [];
  let used = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'system') continue;
    const cost = estimateTokens(m.text);
    if (used + cost > budgetTokens) {
      if (kept.length === 0) kept.unshift({ role: m.role, author: m.author, text: `…${m.text.slice(-budgetTokens * 4 + 1)}` });
      break;
    }
    kept.unshift({ role: m.role, author: m.author, text: m.text });
    used += cost;
  }
  return kept;
}
