import type { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * Catalog-driven SQL for backup and restore. It names no table of any domain: it walks every ordinary
 * table of the database's own schemas (public, and pg-boss's `pgboss`), so a table added by a later
 * migration is backed up without a change here.
 */
export interface TableRef {
  schema: string;
  table: string;
}

export interface SequenceState {
  schema: string;
  name: string;
  lastValue: string | null;
}

const OWN_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`;

/** Ordinary and partition-leaf tables (relkind 'r'); partitioned parents hold no rows of their own. */
export async function listTables(client: pg.ClientBase): Promise<TableRef[]> {
  const { rows } = await client.query<TableRef>(
    `select n.nspname as schema, c.relname as "table"
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and ${OWN_SCHEMAS}
      order by n.nspname, c.relname`,
  );
  return rows;
}

export async function listSequences(client: pg.ClientBase): Promise<SequenceState[]> {
  const { rows } = await client.query<SequenceState>(
    `select schemaname as schema, sequencename as name, last_value::text as "lastValue"
       from pg_sequences
      where schemaname not in ('pg_catalog', 'information_schema')
      order by schemaname, sequencename`,
  );
  return rows;
}

export async function serverVersion(client: pg.ClientBase): Promise<string> {
  const { rows } = await client.query<{ v: string }>("select current_setting('server_version') as v");
  return rows[0]?.v ?? '';
}

export async function countOwnTables(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `select count(*)::text as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and ${OWN_SCHEMAS}`,
  );
  return Number(rows[0]?.n ?? 0);
}

const qualified = (client: pg.ClientBase, t: TableRef) =>
  `${client.escapeIdentifier(t.schema)}.${client.escapeIdentifier(t.table)}`;

/** COPY … TO STDOUT in text format: portable across PostgreSQL versions, and what restore reads back. */
export const copyOut = (client: pg.ClientBase, t: TableRef): Readable =>
  client.query(copyTo(`copy ${qualified(client, t)} to stdout`));

export const copyIn = (client: pg.ClientBase, t: TableRef) =>
  client.query(copyFrom(`copy ${qualified(client, t)} from stdin`));

/** Empties the rows the migrations seeded (roles, code samples…), so the backup's own rows replace them. */
export async function truncateAll(client: pg.ClientBase, tables: TableRef[]): Promise<void> {
  if (tables.length === 0) return;
  await client.query(`truncate ${tables.map((t) => qualified(client, t)).join(', ')}`);
}

export async function setSequence(client: pg.ClientBase, s: SequenceState): Promise<void> {
  if (s.lastValue === null) return;
  const name = `${client.escapeIdentifier(s.schema)}.${client.escapeIdentifier(s.name)}`;
  await client.query('select setval($1::regclass, $2::bigint, true)', [name, s.lastValue]);
}

/**
 * Restored rows go in exactly as they were: triggers (append-only guards, audit hashing) and foreign-key
 * checks are off for this transaction only (`session_replication_role = replica`, superuser only).
 */
export async function beginRawLoad(client: pg.ClientBase): Promise<void> {
  await client.query('begin');
  await client.query('set local session_replication_role = replica');
}
