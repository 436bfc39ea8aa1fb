import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { KernelTables } from './kernel.tables.ts';

/**
 * The tables of the running database. The kernel declares only its own; src/database.ts (beside
 * src/app.ts, the composition root) adds every domain's tables by augmenting this interface, so the
 * kernel imports no domain while `Db` still knows every table.
 */
export interface Database extends KernelTables {}

export type Db = Kysely<Database>;
/** Either the pool-backed database or an open transaction: query functions accept both. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;
/** An open transaction. */
export type Tx = Transaction<Database>;

// Dates and timestamps: keep DATE columns as 'YYYY-MM-DD' strings (a date of birth has no time zone);
// timestamptz stays a JS Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// bigint counts fit comfortably in a JS number for our sizes (audit sequence, row counts).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * Opens a Kysely database over a pg pool.
 * @param connectionString - postgres:// URL
 * @param max - pool size
 */
export function openDb(connectionString: string, max = 10): DbHandle {
  const pool = new pg.Pool({ connectionString, max, application_name: 'chartkeeper' });
  // A dropped connection (e.g. PostgreSQL restarting) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}

/**
 * Runs work in one transaction: committed if it resolves, rolled back if it throws.
 * If `db` is already a transaction the work joins it.
 */
export async function withTransaction<T>(
  db: DbOrTx,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return (db as Kysely<Database>).transaction().execute(work);
}

/** Reports whether the database answers. */
export async function pingDb(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('select 1');
    return true;
  } catch {
    return false;
  }
}

/** The same server URL with another database name. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
