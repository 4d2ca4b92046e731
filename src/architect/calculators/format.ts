/**
 * Human-readable durations for documents: "450 ms", "1.5 s", "12 s", "5 min 30 s", "2 h", "1 h 5 min", "3 d".
 * Two units at most, so numbers stay scannable in prose.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? 'never (∞)' : '0 ms';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10 && Math.round(seconds * 10) % 10 !== 0) return `${trim(seconds, 1)} s`;
  const totalSeconds = Math.round(seconds);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  if (totalSeconds < 3600) return pair(Math.floor(totalSeconds / 60), 'min', totalSeconds % 60, 's');
  const totalMinutes = Math.round(totalSeconds / 60);
  if (totalMinutes < 24 * 60) return pair(Math.floor(totalMinutes / 60), 'h', totalMinutes % 60, 'min');
  const totalHours = Math.round(totalMinutes / 60);
  return pair(Math.floor(totalHours / 24), 'd', totalHours % 24, 'h');
}

function pair(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}

function trim(value: number, decimals: number): string {
  return Number(value.toFixed(decimals)).toString();
}

/** Compact numbers for prose: 1234.5 → "1,235", 0.5787 → "0.58", 12.34 → "12.3". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return trim(value, 1);
  if (abs >= 1) return trim(value, 2);
  if (abs === 0) return '0';
  return Number(value.toPrecision(2)).toString();
}
