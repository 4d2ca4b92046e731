/** "when X happens in A, do Y in B" (and "do Y in B when X happens in A") → A → B with "X → Y" data. */
import { ACTION_VERBS, DETERMINERS, FLOW_VERBS, NOISE, PREPOSITIONS, TRIGGER_WORDS } from './lexicon.js';
import type { Mention } from './mentions.js';
import { eventPhrase, plural } from './phrases.js';
import type { HalfFlow, KeyFlow, SentenceFlows } from './flow-types.js';
import { clauses, dataRuns, inRange, mentionIndexAt, prevSignificant, withData, type Range } from './runs.js';
import type { Token } from './text.js';

/** Finds "when/whenever/once/after/if X, Y" or "Y when X"; returns the event and action ranges. */
function trigger(tokens: Token[]): { event: Range; action: Range } | undefined {
  const n = tokens.length;
  const lower = tokens.map((t) => t.lower);
  let t = -1;
  let len = 1;
  for (let k = 0; k < n; k++) {
    if (TRIGGER_WORDS.has(lower[k]!) || (lower[k] === 'if' && k <= 1)) t = k;
    else if ((lower[k] === 'each' || lower[k] === 'every') && lower[k + 1] === 'time') [t, len] = [k, 2];
    else if (lower[k] === 'as' && lower[k + 1] === 'soon' && lower[k + 2] === 'as') [t, len] = [k, 3];
    else if (k === 0 && /^(on|for|upon)$/.test(lower[k]!) && /^(each|every|any|a|new)$/.test(lower[k + 1] ?? '')) t = k;
    if (t >= 0) break;
  }
  if (t < 0) return undefined;
  if (t <= 1) {
    const from = t + len;
    let sep = tokens.findIndex((x, k) => k > from && (x.text === ',' || x.lower === 'then'));
    if (sep < 0) sep = tokens.findIndex((x, k) => k > from + 1 && ACTION_VERBS.has(x.lower)) - 1;
    if (sep < from) return undefined;
    let actionStart = sep + 1;
    while (actionStart < n && /^(then|,)$/.test(lower[actionStart]!)) actionStart++;
    return { event: [from, sep + (tokens[sep]?.text === ',' || lower[sep] === 'then' ? 0 : 1)], action: [actionStart, n] };
  }
  const head = tokens.slice(0, t);
  if (!head.some((x) => ACTION_VERBS.has(x.lower) || FLOW_VERBS.has(x.lower))) return undefined;
  return { event: [t + len, n], action: [0, t] };
}

function eventWords(tokens: Token[], mentions: Mention[], [a, b]: Range): string[] {
  const words: string[] = [];
  for (let k = a; k < b; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || mentionIndexAt(mentions, k) >= 0 || DETERMINERS.has(t.lower) || NOISE.has(t.lower)) continue;
    const next = mentions.find((m) => m.start > k && prevSignificant(tokens, m.start, a) === k);
    if (next && PREPOSITIONS.has(t.lower)) continue;
    if (/^(then|we|you|someone)$/.test(t.lower)) continue;
    words.push(t.text);
  }
  return words;
}

const UPDATE_VERBS = new Set(['update', 'upsert', 'mark', 'set', 'sync', 'close', 'transition', 'move', 'resolve', 'assign', 'label', 'tag']);

const ACTION_NOUNS: Record<string, string> = { notify: 'notifications', alert: 'alerts', page: 'pages', post: 'messages', send: 'messages' };

function actionPhrase(tokens: Token[], mentions: Mention[], range: Range): string | undefined {
  const [a, b] = range;
  const verbAt = tokens.findIndex((t, k) => k >= a && k < b && (ACTION_VERBS.has(t.lower) || FLOW_VERBS.has(t.lower)));
  const verb = verbAt >= 0 ? tokens[verbAt]!.lower : undefined;
  const obj = dataRuns(tokens, mentions, [verbAt >= 0 ? verbAt + 1 : a, b])[0]?.text;
  if (!obj) return verb ? ACTION_NOUNS[verb] : undefined;
  return verb && UPDATE_VERBS.has(verb) ? `${obj} updates` : plural(obj);
}

export function triggered(tokens: Token[], mentions: Mention[]): SentenceFlows | undefined {
  const parts = trigger(tokens);
  if (!parts) return undefined;
  const inEvent = mentions.filter((m) => inRange(m, parts.event));
  const event = eventPhrase(eventWords(tokens, mentions, parts.event));
  const src = inEvent[0];
  if (!src) {
    // "When a ticket is tagged bug, create a Linear issue": the event's system was named in another sentence.
    // Only "When X, do Y": in "do Y when X" the action's own systems already say the direction.
    if (!event || parts.event[0] > parts.action[0] || mentions.some((m) => inRange(m, parts.event))) return undefined;
    const half: HalfFlow[] = [];
    for (const action of clauses(tokens, parts.action, ACTION_VERBS)) {
      const dst = mentions.find((m) => inRange(m, action));
      const what = actionPhrase(tokens, mentions, action);
      if (dst) half.push(withData({ to: dst.key }, what ? `${event} → ${what}` : event));
    }
    return half.length > 0 ? { flows: [], half } : undefined;
  }
  const flows: KeyFlow[] = [];
  const half: HalfFlow[] = [];
  for (const action of clauses(tokens, parts.action, ACTION_VERBS)) {
    const dst = mentions.find((m) => inRange(m, action) && m.key !== src.key);
    const what = actionPhrase(tokens, mentions, action);
    const data = event && what ? `${event} → ${what}` : (event ?? what);
    if (dst) flows.push(withData({ from: src.key, to: dst.key }, data));
    else half.push(withData({ from: src.key }, data));
  }
  return { flows, half };
}
