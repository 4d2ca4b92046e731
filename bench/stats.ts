import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';

/** Small helpers shared by the benchmarks: percentiles, formatting, and "am I the script being run". */

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    n: sorted.length,
    mean: sorted.length > 0 ? total / sorted.length : NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : NaN,
  };
}

export const ms = (value: number, digits = 1): string => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a');
export const ratio = (a: number, b: number, digits = 2): string => (Number.isFinite(a / b) ? `${(a / b).toFixed(digits)}x` : 'n/a');
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function summaryLine(s: Summary): string {
  return `n=${s.n}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`;
}

/** True when `moduleUrl` is the file node/tsx was asked to run (so importing a benchmark never runs it). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl;
  } catch {
    return false; // argv[1] is not a file (e.g. node -e): not us
  }
}

/** Prints rows as an aligned two-column table. */
export function printTable(title: string, rows: readonly (readonly [string, string])[]): void {
  const width = Math.max(...rows.map(([k]) => k.length), 6);
  console.log(`\n${title}`);
  console.log(`${'-'.repeat(width + 2)}${'-'.repeat(Math.max(...rows.map(([, v]) => v.length), 5))}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

/** A worker thread running a TypeScript entry: a worker does not inherit tsx's loader, so it registers it first. */
export function tsWorker(entry: URL, workerData: unknown): Worker {
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * Sends each lane's items one after another, all lanes at once (one connection each), skipping what is left
 * once the deadline passes.
 */
export async function runLanes<I, T>(lanes: readonly (readonly I[])[], deadlineEpochMs: number, send: (item: I) => Promise<T>): Promise<{ results: T[]; skipped: number }> {
  const results: T[] = [];
  let skipped = 0;
  await Promise.all(
    lanes.map(async (items) => {
      for (const item of items) {
        if (Date.now() > deadlineEpochMs) {
          skipped += 1;
          continue;
        }
        results.push(await send(item));
      }
    }),
  );
  return { results, skipped };
}

/** One statement on its own connection (CREATE/DROP DATABASE cannot run inside the pool's transactions). */
export async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}
