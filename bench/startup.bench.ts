import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Figure, load, report, summarize } from './lib.ts';

/**
 * Server start-up (first start: initdb + migrations; later start: reuse) to the first /healthz 200,
 * and /healthz throughput on the started server.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startTimed(dataDir: string, port: number): Promise<{ child: ChildProcess; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/chartkeeper.mjs', 'serve'], {
    env: { ...process.env, CHARTKEEPER_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return { child, ms: performance.now() - t0 };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

const stop = (c: ChildProcess) =>
  new Promise<void>((r) => {
    c.once('exit', () => r());
    c.kill('SIGTERM');
  });

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-bench-start-'));
  const port = await freePort();
  try {
    const first = await startTimed(dir, port);
    await stop(first.child);
    const later = await startTimed(dir, port);
    const total = 20_000;
    const res = await load(total, 32, async () => {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      await r.arrayBuffer();
    });
    await stop(later.child);
    const lat = summarize(res.latencies);
    return [
      {
        name: 'first start to /healthz 200 (initdb + migrations)',
        value: first.ms / 1000,
        unit: 's',
        target: '< 60 s',
      },
      { name: 'later start to /healthz 200', value: later.ms / 1000, unit: 's', target: 'seconds' },
      { name: `/healthz throughput (${total} requests, 32 concurrent)`, value: res.perSecond, unit: 'req/s' },
      { name: '/healthz latency p95', value: lat.p95, unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) report('startup', await run());
