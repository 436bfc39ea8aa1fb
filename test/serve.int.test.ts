import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './db.ts';

const BIN = path.resolve('bin/chartkeeper.mjs');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ck-serve-'));
const children: ChildProcess[] = [];
// Its own database: never the template (a connection to it would block cloning for other test files).
let own: TestDatabase;
beforeAll(async () => {
  own = await createTestDatabase();
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  children.push(child);
  return { child, output: () => out };
}

async function waitHealthy(port: number, timeoutMs = 60_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return res.json();
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('server did not become healthy');
}

const exited = (c: ChildProcess) =>
  new Promise<number | null>((r) =>
    c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code)),
  );

function pgPid(): number | undefined {
  const f = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(f) ? Number(readFileSync(f, 'utf8').split('\n')[0]) : undefined;
}

/** Alive and not a zombie (an orphaned postmaster that exited may linger unreaped under init). */
function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

async function embeddedQuery(sql: string): Promise<pg.QueryResult> {
  const port = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim();
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'chartkeeper' });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await own.drop();
  const pid = pgPid();
  if (alive(pid)) process.kill(pid!, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('chartkeeper serve (embedded PostgreSQL)', () => {
  it('starts, stops cleanly on SIGTERM, and keeps data across restarts and kill -9', async () => {
    const port = await freePort();
    const env = { CHARTKEEPER_DATA_DIR: dataDir, PORT: String(port) };

    const first = start(env);
    expect(await waitHealthy(port)).toMatchObject({ status: 'ok', database: 'up' });
    expect(first.output()).toContain(`http://127.0.0.1:${port}`);
    await embeddedQuery(`insert into kernel_setting (key, value) values ('probe', '"kept"')`);
    const pid1 = pgPid();
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    expect(alive(pid1)).toBe(false);

    const second = start(env);
    await waitHealthy(port);
    expect((await embeddedQuery(`select value from kernel_setting where key = 'probe'`)).rows[0].value).toBe(
      'kept',
    );
    await embeddedQuery(`insert into kernel_setting (key, value) values ('before-crash', 'true')`);
    // Crash both the server and its PostgreSQL: the next start must clear the stale pid file and recover.
    const pid2 = pgPid();
    second.child.kill('SIGKILL');
    process.kill(pid2!, 'SIGKILL');
    await exited(second.child);
    await new Promise((r) => setTimeout(r, 300));

    const third = start(env);
    await waitHealthy(port);
    // Only this test's keys: the server itself keeps settings there too (e.g. the first-run setup token).
    const kept = await embeddedQuery(
      `select count(*)::int as n from kernel_setting where key in ('probe', 'before-crash')`,
    );
    expect(kept.rows[0].n).toBe(2);
    // Crash only the server: the orphaned PostgreSQL is adopted, then stopped on SIGTERM.
    third.child.kill('SIGKILL');
    await exited(third.child);
    const orphan = pgPid();
    expect(alive(orphan)).toBe(true);
    const fourth = start(env);
    await waitHealthy(port);
    fourth.child.kill('SIGTERM');
    expect(await exited(fourth.child)).toBe(0);
    expect(alive(orphan)).toBe(false);
  }, 180_000);
});

describe('start-up failures say what to fix in one line', () => {
  it('reports a port already in use', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((r) =>
      blocker.listen(0, '127.0.0.1', () => r((blocker.address() as net.AddressInfo).port)),
    );
    const url = own.url;
    const run = start({ PORT: String(port), DATABASE_URL: url, CHARTKEEPER_DATA_DIR: dataDir });
    expect(await exited(run.child)).toBe(1);
    blocker.close();
    expect(run.output()).toMatch(/Port \d+ on 127.0.0.1 is already in use/);
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it('reports an unreachable DATABASE_URL', async () => {
    const port = await freePort();
    const run = start({ PORT: '0', DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/x` });
    expect(await exited(run.child)).toBe(1);
    expect(run.output()).toMatch(/Cannot connect to DATABASE_URL \(127.0.0.1:\d+\/x\)/);
    expect(run.output()).not.toContain(':p@');
  });

  it('reports invalid configuration', async () => {
    const run = start({ PORT: 'eighty' });
    expect(await exited(run.child)).toBe(1);
    expect(run.output()).toMatch(/Invalid configuration: PORT/);
  });
});

describe('chartkeeper CLI', () => {
  it('prints help with the kernel commands', () => {
    const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const cmd of ['serve', 'migrate', 'db']) expect(r.stdout).toContain(cmd);
  });

  it('reports database status against DATABASE_URL', () => {
    const url = own.url;
    const r = spawnSync(process.execPath, [BIN, 'db', 'status'], {
      encoding: 'utf8',
      // The data directory of the server that ran on this database above: it holds the database's key.
      env: { ...process.env, DATABASE_URL: url, CHARTKEEPER_DATA_DIR: dataDir },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/mode:\s+external/);
    expect(r.stdout).toMatch(/key:\s+[0-9a-f]{12} \(from /);
    expect(r.stdout).toMatch(/migrations: \d+ applied, 0 pending/);
  });
});
