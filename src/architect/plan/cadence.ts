/** Delivery schedules sources state about themselves, as the extractor writes them into a description. */

const UNIT: Record<string, number> = { s: 1, min: 60, h: 3600, d: 86_400 };

/** How often a source says it delivers ("delivers every 1 h 30 min" in its description), in seconds. */
export function deliveryCadence(description: string): number | null {
  const m = /\bdelivers\s+every\s+((?:\d+(?:\.\d+)?\s*(?:s|min|h|d)\b\s*)+)/.exec(description);
  if (!m) return null;
  let seconds = 0;
  for (const part of m[1]!.matchAll(/(\d+(?:\.\d+)?)\s*(s|min|h|d)\b/g)) seconds += Number(part[1]) * UNIT[part[2]!]!;
  return seconds > 0 ? seconds : null;
}
