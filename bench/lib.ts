import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { appJobQueue, hooks, runtimeDeps } from '../src/app.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { loadConfig } from '../src/kernel/config.ts';
import type { AppDeps } from '../src/kernel/context.ts';
import { openDb } from '../src/kernel/db.ts';
import { startEmbedded } from '../src/kernel/embedded-postgres.ts';
import { migrateBehindKeyGate } from '../src/kernel/keyring.ts';
import { openRuntimeDatabase } from '../src/kernel/runtime-db.ts';

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

/**
 * Runs `work` over a fresh, migrated embedded database in a temporary data directory (the server's own
 * deps, silent logs), then shuts it down and removes the directory.
 * @param env - extra configuration, e.g. `{ AUDIT_CHECKPOINT_SECONDS: '1' }`
 */
export async function withBenchDatabase<T>(
  name: string,
  env: Record<string, string>,
  work: (deps: AppDeps) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ck-bench-${name}-`));
  const config = loadConfig({ CHARTKEEPER_DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const database = await openRuntimeDatabase(config, 'server');
  try {
    await migrateBehindKeyGate(database.db, config);
    return await work(runtimeDeps(config, database, pino({ level: 'silent' })));
  } finally {
    await database.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `work` over a fresh, migrated embedded cluster tuned for bulk loading (fsync and synchronous_commit
 * off: bench data is thrown away, and loading millions of rows must not time the disk), with the app's
 * deps on a pool of 10 and silent logs; `dir` is the temporary data directory, for a bench's scratch
 * files. Everything is stopped and removed afterwards.
 */
export async function withLoadDatabase<T>(
  name: string,
  work: (deps: AppDeps, dir: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ck-bench-${name}-`));
  const cluster = await startEmbedded({ dir, settings: { fsync: 'off', synchronous_commit: 'off' } });
  const handle = openDb(cluster.url('postgres'), 10);
  try {
    const config = loadConfig({ CHARTKEEPER_DATA_DIR: dir, LOG_LEVEL: 'silent' });
    await migrateBehindKeyGate(handle.db, config);
    const log = pino({ level: 'silent' });
    const deps: AppDeps = {
      config,
      db: handle.db,
      pool: handle.pool,
      clock: systemClock,
      log,
      dbMode: 'external',
      jobs: appJobQueue(handle.pool, log),
      hooks,
    };
    return await work(deps, dir);
  } finally {
    await handle.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
