import { formatDuration, formatNumber } from './calculators/format.js';

/** Phrasing helpers shared by the planner's rules and the renderer: numbers, durations, rates, lists. */

export const fmt = formatNumber;
export const dur = formatDuration;
export const durS = (seconds: number): string => formatDuration(seconds * 1000);

/** "a", "a and b", "a, b and c". */
export function listing(items: string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** Per-second rates read better per minute or hour when they are small. */
export function rate(perSecond: number, unit = 'calls'): string {
  if (perSecond >= 1) return `${fmt(perSecond)} ${unit}/s`;
  if (perSecond * 60 >= 1) return `${fmt(perSecond * 60)} ${unit}/min`;
  return `${fmt(perSecond * 3600)} ${unit}/h`;
}

export function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${fmt(n / 1024 ** 3)} GB`;
  if (n >= 1024 ** 2) return `${fmt(n / 1024 ** 2)} MB`;
  if (n >= 1024) return `${fmt(n / 1024)} KB`;
  return `${n} B`;
}

/** "a" or "an" before a word ("an order", "a payment"). */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(?:uni|use|eu)/i.test(word) ? `an ${word}` : `a ${word}`;
}

/** English plural of an entity noun ("order" → "orders", "sms" → "SMS messages", "entry" → "entries"). */
export function plural(word: string): string {
  if (/^(?:sms|mms)$/i.test(word)) return `${word.toUpperCase()} messages`;
  if (/(?:s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Lower-case identifier for keys and metric labels: "Orders DB" → "orders-db". */
export function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'system';
}

/** A regular expression that matches the text literally. */
export function literal(text: string, flags = 'i'): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
}

/** Every way a number may be written in prose: 100000 → "100000", "100,000", "100k" (for matching). */
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

export function numberPattern(n: number): RegExp {
  const forms = new Set<string>([String(n), n.toLocaleString('en-US'), fmt(n)]);
  if (Number.isInteger(n) && n < NUMBER_WORDS.length) forms.add(NUMBER_WORDS[n]!);
  if (n >= 1000 && n % 1000 === 0) forms.add(`${n / 1000}k`);
  if (n >= 1_000_000 && n % 1_000_000 === 0) forms.add(`${n / 1_000_000}M`);
  const alternatives = [...forms].map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\d.,])(?:${alternatives.join('|')})(?![\\d]|[.,]\\d)`, 'i');
}
