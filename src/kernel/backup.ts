import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import {
  beginRawLoad,
  copyIn,
  copyOut,
  countOwnTables,
  listSequences,
  listTables,
  type SequenceState,
  serverVersion,
  setSequence,
  type TableRef,
  truncateAll,
} from './backup.queries.ts';
import {
  ArchiveWriter,
  BackupFileError,
  openArchive,
  readAll,
  readEntries,
  sha256OfStream,
} from './backup-archive.ts';
import type { Config } from './config.ts';
import { keyId, keySource, readKey } from './crypto.ts';

/** Parts of one table's COPY stream are cut at this size: tar needs each entry's size up front. */
const CHUNK = 8 * 1024 * 1024;

export interface TablePart extends TableRef {
  rows: number;
  bytes: number;
  sha256: string;
  /** The tar entries holding this table's COPY text, in order. */
  parts: string[];
}

export interface Manifest {
  format: 'chartkeeper-backup';
  version: 1;
  createdAt: string;
  chartkeeper: string;
  postgres: string;
  /** Migrations applied at backup time, in order: the schema version. */
  migrations: string[];
  keyId: string | null;
  includesKey: boolean;
  /** The audit chain as verified just before the snapshot was taken. */
  auditCheckpoint: { events: number; verified: boolean };
  tables: TablePart[];
  sequences: SequenceState[];
  blobs: { count: number; bytes: number };
  /** SHA-256 of every other entry of the archive. */
  entries: Record<string, string>;
}

export interface BackupOptions {
  out: string;
  passphrase?: string;
  includeKey?: boolean;
  migrations: string[];
  /** The product version writing the backup (src/version.ts; passed in: the kernel imports no outer module). */
  chartkeeper: string;
  auditCheckpoint: Manifest['auditCheckpoint'];
  onTable?: (t: TableRef, rows: number) => void;
}

const BLOB_NAME = /^blobs\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

async function blobFiles(dataDir: string): Promise<string[]> {
  const root = path.join(dataDir, 'blobs');
  if (!existsSync(root)) return [];
  const found: string[] = [];
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(dataDir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    if (BLOB_NAME.test(rel)) found.push(rel); // half-written `.tmp` files are skipped
  }
  return found.sort();
}

/** Streams one table's COPY text into tar entries of at most CHUNK bytes each. */
async function dumpTable(client: pg.ClientBase, t: TableRef, index: number, writer: ArchiveWriter) {
  const base = `db/${String(index).padStart(4, '0')}-${t.schema}.${t.table}`;
  const hash = createHash('sha256');
  const parts: string[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let rows = 0;
  const flush = async () => {
    const name = `${base}.${String(parts.length).padStart(4, '0')}`;
    await writer.add(name, Buffer.concat(pending));
    parts.push(name);
    pending = [];
    pendingBytes = 0;
  };
  for await (const chunk of copyOut(client, t)) {
    const b = chunk as Buffer;
    hash.update(b);
    bytes += b.length;
    for (let i = 0; i < b.length; i++) if (b[i] === 0x0a) rows++;
    pending.push(b);
    pendingBytes += b.length;
    if (pendingBytes >= CHUNK) await flush();
  }
  if (pendingBytes > 0 || parts.length === 0) await flush();
  return { ...t, rows, bytes, sha256: hash.digest('hex'), parts };
}

/**
 * A consistent logical backup: every table's rows read in one REPEATABLE READ snapshot (so the copy is
 * one moment of the database, while the server keeps working), plus the document blob store, plus a
 * manifest. Written to `<out>.partial` and renamed at the end, so a crash never leaves a file that
 * looks complete.
 */
export async function createBackup(pool: pg.Pool, config: Config, opts: BackupOptions): Promise<Manifest> {
  const partial = `${opts.out}.partial`;
  const writer = new ArchiveWriter(partial, opts.passphrase);
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const tables: TablePart[] = [];
    const list = await listTables(client);
    for (const [i, t] of list.entries()) {
      const part = await dumpTable(client, t, i, writer);
      tables.push(part);
      opts.onTable?.(t, part.rows);
    }
    const sequences = await listSequences(client);
    const postgres = await serverVersion(client);
    await client.query('commit');

    let blobBytes = 0;
    const blobs = await blobFiles(config.dataDir);
    for (const rel of blobs) {
      const bytes = await readFile(path.join(config.dataDir, rel));
      blobBytes += bytes.length;
      await writer.add(rel, bytes);
    }
    const key = readKey(config);
    // The identifier key stays out of the backup unless asked for (DESIGN invariant 6): a stolen backup
    // without it reveals no SSN.
    if (opts.includeKey && key) await writer.add('key/secret.key', Buffer.from(key.toString('base64')));
    const manifest: Manifest = {
      format: 'chartkeeper-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      chartkeeper: opts.chartkeeper,
      postgres,
      migrations: opts.migrations,
      keyId: key ? keyId(key) : null,
      includesKey: Boolean(opts.includeKey && key),
      auditCheckpoint: opts.auditCheckpoint,
      tables,
      sequences,
      blobs: { count: blobs.length, bytes: blobBytes },
      entries: Object.fromEntries(writer.hashes),
    };
    await writer.add('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
    await writer.finish();
    await rename(partial, opts.out);
    return manifest;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    await writer.abort();
    await rm(partial, { force: true });
    throw e;
  } finally {
    client.release();
  }
}

/** Reads the manifest and checks every entry against it; throws naming the first part that differs. */
export async function verifyArchive(tarFile: string): Promise<Manifest> {
  const seen = new Map<string, string>();
  let manifest: Manifest | undefined;
  await readEntries(tarFile, async (name, body) => {
    if (name === 'manifest.json') {
      const text = (await readAll(body)).toString('utf8');
      try {
        manifest = JSON.parse(text) as Manifest;
      } catch {
        throw new BackupFileError('The backup manifest is not valid JSON; the file is damaged.');
      }
      return;
    }
    seen.set(name, await sha256OfStream(body));
  });
  if (manifest?.format !== 'chartkeeper-backup')
    throw new BackupFileError('This file is not a Chartkeeper backup (no manifest.json).');
  for (const [name, sha] of Object.entries(manifest.entries)) {
    const got = seen.get(name);
    if (got === undefined) throw new BackupFileError(`The backup is missing ${name}; nothing was restored.`);
    if (got !== sha)
      throw new BackupFileError(`${name} does not match its SHA-256 in the manifest; nothing was restored.`);
  }
  for (const name of seen.keys())
    if (!(name in manifest.entries))
      throw new BackupFileError(`${name} is not listed in the manifest; nothing was restored.`);
  return manifest;
}

export interface RestorePlan {
  manifest: Manifest;
  tarFile: string;
  dispose: () => Promise<void>;
}

/** Opens (decrypting if needed) and verifies a backup before anything is touched. */
export async function planRestore(file: string, passphrase?: string): Promise<RestorePlan> {
  if (!existsSync(file)) throw new BackupFileError(`${file} does not exist.`);
  const { tarFile, dispose } = await openArchive(file, passphrase);
  try {
    return { manifest: await verifyArchive(tarFile), tarFile, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

/**
 * The key the restored database will be opened with must be the one it was written with (issue 22):
 * the key inside the backup when it carries one, else this installation's key.
 */
export async function prepareKey(config: Config, plan: RestorePlan): Promise<void> {
  const present = readKey(config);
  if (plan.manifest.includesKey) {
    let inside: Buffer | undefined;
    await readEntries(plan.tarFile, async (name, body) => {
      if (name === 'key/secret.key') inside = Buffer.from((await readAll(body)).toString('utf8'), 'base64');
    });
    if (!inside) throw new BackupFileError('The manifest says the key is inside, but it is not.');
    if (present && !present.equals(inside))
      throw new BackupFileError(
        `The target already has another identifier key (${keySource(config)}); restore into an empty data directory.`,
      );
    if (!present) {
      await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
      await writeFile(path.join(config.dataDir, 'secret.key'), inside.toString('base64'), {
        mode: 0o600,
        flag: 'wx',
      });
    }
    return;
  }
  if (plan.manifest.keyId === null) return;
  if (!present)
    throw new BackupFileError(
      `This backup was written with identifier key ${plan.manifest.keyId}, which is not in it. Put that key in ${keySource(config)} (or set CHARTKEEPER_KEY) and run restore again; nothing was restored.`,
    );
  if (keyId(present) !== plan.manifest.keyId)
    throw new BackupFileError(
      `This backup was written with identifier key ${plan.manifest.keyId}, but the key here (${keySource(config)}) is ${keyId(present)}. Use the key the backup was written with; nothing was restored.`,
    );
}

/** Refuses a target that holds any table or any document: restore never overwrites. */
export async function assertEmptyTarget(pool: pg.Pool, config: Config): Promise<void> {
  const client = await pool.connect();
  try {
    const n = await countOwnTables(client);
    if (n > 0)
      throw new BackupFileError(
        `The target database is not empty (${n} tables). Restore into an empty database or a new data directory (--data-dir).`,
      );
  } finally {
    client.release();
  }
  if ((await blobFiles(config.dataDir)).length > 0)
    throw new BackupFileError(
      `${path.join(config.dataDir, 'blobs')} already holds documents. Restore into a new data directory.`,
    );
}

/**
 * Loads the rows: the schema is already migrated to the backup's version; its seeded rows are emptied and
 * every table gets the backup's rows in one transaction, then sequences continue where they were.
 */
export async function loadRows(
  pool: pg.Pool,
  plan: RestorePlan,
  onTable?: (t: TableRef, rows: number) => void,
): Promise<void> {
  const byPart = new Map<string, TablePart>();
  for (const t of plan.manifest.tables) for (const p of t.parts) byPart.set(p, t);
  const client = await pool.connect();
  try {
    await beginRawLoad(client);
    const present = new Set((await listTables(client)).map((t) => `${t.schema}.${t.table}`));
    for (const t of plan.manifest.tables)
      if (!present.has(`${t.schema}.${t.table}`))
        throw new BackupFileError(
          `Table ${t.schema}.${t.table} of the backup does not exist after migrating.`,
        );
    await truncateAll(client, await listTables(client));
    let current: { table: TablePart; stream: ReturnType<typeof copyIn>; left: number } | undefined;
    const finishCurrent = async () => {
      if (!current) return;
      const done = new Promise<void>((resolve, reject) => {
        current!.stream.on('finish', resolve);
        current!.stream.on('error', reject);
      });
      current.stream.end();
      await done;
      onTable?.(current.table, current.table.rows);
      current = undefined;
    };
    await readEntries(plan.tarFile, async (name, body: Readable) => {
      const table = byPart.get(name);
      if (!table) return;
      if (current && current.table !== table) await finishCurrent();
      if (!current) current = { table, stream: copyIn(client, table), left: table.parts.length };
      await pipeline(body, current.stream, { end: false });
      current.left--;
      if (current.left === 0) await finishCurrent();
    });
    await finishCurrent();
    for (const s of plan.manifest.sequences) await setSequence(client, s);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Writes the documents back under their content addresses, checking each against its name. */
export async function restoreBlobs(config: Config, plan: RestorePlan): Promise<number> {
  let n = 0;
  await readEntries(plan.tarFile, async (name, body) => {
    if (!BLOB_NAME.test(name)) return;
    const bytes = await readAll(body);
    if (createHash('sha256').update(bytes).digest('hex') !== path.basename(name))
      throw new BackupFileError(`${name} does not match its own address.`);
    const file = path.join(config.dataDir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
    n++;
  });
  return n;
}
