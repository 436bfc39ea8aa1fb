import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One measured figure: what, how much, in which unit, and an optional target to compare against. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Latency summary of a list of millisecond samples. */
export function summarize(samples: number[]): { p50: number; p95: number; p99: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

/**
 * Runs `task` from `concurrency` workers until `total` calls are done; returns per-call latencies and
 * the overall rate.
 */
export async function load(total: number, concurrency: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { latencies, perSecond: total / seconds, seconds };
}

export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** Prints a table and saves `bench/results/<name>-<timestamp>.json`. */
export function report(name: string, figures: Figure[]): void {
  console.table(
    figures.map((f) => ({ figure: f.name, value: round(f.value), unit: f.unit, target: f.target ?? '' })),
  );
  const dir = path.resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify({ name, at: new Date().toISOString(), node: process.version, figures }, null, 2),
  );
  process.stderr.write(`saved ${path.relative(process.cwd(), file)}\n`);
}
