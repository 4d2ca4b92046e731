import { formatDuration, formatNumber } from '../../calculators/index.js';

/** Small phrasing helpers shared by the section writers. */

export const fmt = formatNumber;
export const dur = formatDuration;
export const durS = (seconds: number): string => formatDuration(seconds * 1000);

/** "a", "a and b", "a, b and c". */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
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

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
