/** Small English helpers for turning the user's words into a data phrase ("a deal closes" → "closed deals"). */

const IRREGULAR_PLURALS: Record<string, string> = { person: 'people', child: 'children', entry: 'entries', status: 'statuses' };

export function singular(word: string): string {
  const w = word.toLowerCase();
  if (/ies$/.test(w) && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(w)) return w;
  if (/(ches|shes|xes|sses)$/.test(w)) return w.slice(0, -2);
  if (/s$/.test(w) && w.length > 3) return w.slice(0, -1);
  return w;
}

/** Pluralises the last word of a noun phrase; already-plural words are left alone. */
export function plural(phrase: string): string {
  const words = phrase.trim().split(/\s+/);
  const last = words.pop() ?? '';
  const lower = last.toLowerCase();
  // "above 0.8", "over 5%": a phrase ending in a number or a symbol has no noun to pluralise.
  if (!/[a-z]$/i.test(lower)) return phrase.trim();
  let out: string;
  if (IRREGULAR_PLURALS[lower]) out = IRREGULAR_PLURALS[lower];
  else if (/[^s]s$/.test(lower) && !/(us|is)$/.test(lower)) out = last;
  else if (/[^aeiou]y$/.test(lower)) out = `${last.slice(0, -1)}ies`;
  else if (/(s|x|z|ch|sh)$/.test(lower)) out = `${last}es`;
  else out = `${last}s`;
  return [...words, out].join(' ');
}

/** "closes" → "close", "pushes" → "push", "pays" → "pay". */
export function baseVerb(verb: string): string {
  const v = verb.toLowerCase();
  if (/^(?:goes|does)$/.test(v)) return v.slice(0, -2);
  if (/[^aeiou]ies$/.test(v)) return `${v.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes|zes)$/.test(v)) return v.slice(0, -2);
  if (/s$/.test(v) && !/ss$/.test(v)) return v.slice(0, -1);
  return v;
}

const ADJECTIVES: Record<string, string> = {
  close: 'closed',
  succeed: 'successful',
  fail: 'failed',
  pay: 'paid',
  win: 'won',
  lose: 'lost',
  ship: 'shipped',
  cancel: 'cancelled',
  arrive: 'incoming',
  sign: 'signed',
  open: 'opened',
  submit: 'submitted',
  book: 'booked',
  place: 'placed',
};

export function participle(verb: string): string {
  const base = baseVerb(verb);
  if (ADJECTIVES[base]) return ADJECTIVES[base];
  if (/ed$/.test(base)) return base;
  if (/e$/.test(base)) return `${base}d`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ied`;
  return `${base}ed`;
}

/** Acts a person does, said with the person dropped ("when someone submits the form"). */
const SUBJECTLESS_VERBS = new Set(['submits', 'fills', 'signs', 'books', 'cancels', 'places', 'completes', 'uploads', 'registers', 'subscribes', 'unsubscribes', 'buys', 'pays', 'requests', 'downloads', 'starts', 'finishes', 'abandons', 'rates', 'reviews']);

const AUX = new Set(['is', 'are', 'was', 'were', 'gets', 'get', 'got', 'becomes', 'become', 'has', 'have']);
const PARTICLES = new Set(['up', 'in', 'out', 'over', 'back', 'off', 'down']);
const EVENT_VERBS = new Set([
  'closes', 'closed', 'succeeds', 'succeeded', 'fails', 'failed', 'pays', 'wins', 'loses', 'ships', 'cancels', 'arrives', 'signs',
  'opens', 'changes', 'updates', 'completes', 'renews', 'expires', 'churns', 'converts', 'comes', 'lands', 'moves', 'starts', 'ends',
  'goes', 'rises', 'drops', 'falls', 'exceeds', 'crosses', 'reaches', 'hits', 'breaches',
]);

/**
 * Turns the words of an event clause into a plural data phrase:
 * ["deal", "closes"] → "closed deals"; ["order", "is", "placed"] → "placed orders"; ["new", "order"] → "new orders".
 */
export function eventPhrase(words: string[]): string | undefined {
  const ws = words.map((w) => w.toLowerCase()).filter((w) => w !== 'been');
  if (ws.length === 0) return undefined;
  // "(someone) submits the contact form" → "submitted contact forms": the person's act names the record.
  if (ws.length > 1 && SUBJECTLESS_VERBS.has(ws[0]!)) return `${participle(ws[0]!)} ${plural(ws.slice(1).join(' '))}`;
  const aux = ws.findIndex((w, k) => k >= 1 && AUX.has(w));
  if (aux >= 1) {
    const after = ws.slice(aux + 1);
    // "a new order is placed" → "placed orders": the participle already says it is new.
    const noun = ws.slice(after.length > 0 && ws[0] === 'new' && aux > 1 ? 1 : 0, aux).join(' ');
    if (after.length === 0) return plural(noun);
    if (after.length === 1) return `${after[0]} ${plural(noun)}`;
    return `${plural(noun)} ${after.join(' ')}`;
  }
  const verb = ws.findIndex(
    (w, k) =>
      k >= 1 &&
      (EVENT_VERBS.has(w) || (k === ws.length - 1 && /[^s]s$/.test(w)) || (PARTICLES.has(ws[k + 1] ?? '') && /[^s]s$/.test(w))),
  );
  if (verb >= 1) {
    const noun = ws.slice(0, verb).join(' ');
    const rest = ws.slice(verb + 1);
    if (rest.length === 0) return `${participle(ws[verb]!)} ${plural(noun)}`;
    return `${plural(noun)} that ${baseVerb(ws[verb]!)} ${rest.join(' ')}`;
  }
  return plural(ws.join(' '));
}
