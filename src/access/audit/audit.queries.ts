import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import type { ChainedEvent } from './audit-chain.ts';
import type { StoredNode } from './merkle.ts';

/**
 * Appends events through the database function audit_append: one round trip, no lock and no hash. It
 * inserts the events and notes each in audit_pending for the sequencer (issue 18).
 */
export async function appendAuditEvents(trx: DbOrTx, rows: Omit<ChainedEvent, 'prev_hash'>[]): Promise<void> {
  const payload = rows.map((r) => ({
    ...r,
    occurred_at: r.occurred_at.toISOString(),
    details: r.details ?? null,
  }));
  await sql`select audit_append(${JSON.stringify(payload)}::jsonb)`.execute(trx);
}

/** Events of the pre-issue-18 hash chain after `afterSeq`, in chain order. */
export async function legacyChainBatch(db: DbOrTx, afterSeq: number, limit: number) {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .where('seq', '>', afterSeq)
    .where('hash', 'is not', null)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows as (Omit<(typeof rows)[number], 'hash'> & { hash: string })[];
}

/** The sequencer's election: one integrator at a time across processes, held until commit. */
export async function takeSequencerLock(trx: DbOrTx, wait: boolean): Promise<boolean> {
  if (wait) {
    await sql`select pg_advisory_xact_lock(72011205)`.execute(trx);
    return true;
  }
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(72011205) as ok`.execute(trx);
  return r.rows[0]?.ok === true;
}

export async function treeState(db: DbOrTx, forUpdate = false) {
  const q = db.selectFrom('audit_tree').select(['size', 'root', 'frontier', 'updated_at']);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirstOrThrow();
}

/** Committed, not yet integrated events, oldest sequence number first. */
export async function pendingEvents(trx: DbOrTx, limit: number) {
  return trx
    .selectFrom('audit_pending as p')
    .innerJoin('audit_event as e', 'e.seq', 'p.seq')
    .selectAll('e')
    .orderBy('p.seq')
    .limit(limit)
    .execute();
}

export async function countPending(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('audit_pending')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countEvents(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Writes one integration: leaves, stored nodes, the new tree state; removes the pending marks. */
export async function saveIntegration(
  trx: DbOrTx,
  leaves: { idx: number; seq: number; hash: Buffer }[],
  nodes: StoredNode[],
  tree: { size: number; root: Buffer; frontier: Buffer[] },
): Promise<void> {
  await sql`insert into audit_leaf (idx, seq, hash)
    select * from unnest(${leaves.map((l) => l.idx)}::bigint[], ${leaves.map((l) => l.seq)}::bigint[],
      ${leaves.map((l) => l.hash)}::bytea[])`.execute(trx);
  if (nodes.length > 0)
    await sql`insert into audit_tree_node (level, idx, hash)
      select * from unnest(${nodes.map((n) => n.level)}::smallint[], ${nodes.map((n) => n.index)}::bigint[],
        ${nodes.map((n) => n.hash)}::bytea[])`.execute(trx);
  await trx
    .deleteFrom('audit_pending')
    .where('seq', '=', sql<number>`any(${leaves.map((l) => l.seq)}::bigint[])`)
    .execute();
  await trx
    .updateTable('audit_tree')
    .set({ size: tree.size, root: tree.root, frontier: tree.frontier, updated_at: sql`now()` })
    .execute();
}

/** Leaves [from, to) with their events (null where the event row is gone), in index order. */
export async function leafBatch(db: DbOrTx, from: number, to: number) {
  return db
    .selectFrom('audit_leaf as l')
    .leftJoin('audit_event as e', 'e.seq', 'l.seq')
    .select(['l.idx', 'l.seq', 'l.hash as leaf_hash'])
    .select([
      'e.id',
      'e.occurred_at',
      'e.actor_user_id',
      'e.actor_username',
      'e.actor_roles',
      'e.facility_id',
      'e.action',
      'e.outcome',
      'e.patient_ids',
      'e.resource_type',
      'e.resource_id',
      'e.purpose_of_use',
      'e.break_glass',
      'e.source_ip',
      'e.user_agent',
      'e.request_id',
      'e.channel',
      'e.details',
    ])
    .where('l.idx', '>=', from)
    .where('l.idx', '<', to)
    .orderBy('l.idx')
    .execute();
}

export async function leafHashes(db: DbOrTx, from: number, to: number): Promise<Buffer[]> {
  const rows = await db
    .selectFrom('audit_leaf')
    .select('hash')
    .where('idx', '>=', from)
    .where('idx', '<', to)
    .orderBy('idx')
    .execute();
  return rows.map((r) => r.hash);
}

export async function storedNodes(db: DbOrTx, level: number, from: number, to: number): Promise<Buffer[]> {
  const rows = await db
    .selectFrom('audit_tree_node')
    .select('hash')
    .where('level', '=', level)
    .where('idx', '>=', from)
    .where('idx', '<', to)
    .orderBy('idx')
    .execute();
  return rows.map((r) => r.hash);
}

/** Stored interior nodes of one level with index in [from, to), with their index. */
export async function storedNodeRange(db: DbOrTx, level: number, from: number, to: number) {
  return db
    .selectFrom('audit_tree_node')
    .select(['idx', 'hash'])
    .where('level', '=', level)
    .where('idx', '>=', from)
    .where('idx', '<', to)
    .orderBy('idx')
    .execute();
}

export async function countStoredNodes(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('audit_tree_node')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A stored node that covers leaves at or beyond `size` (one a complete tree of that size would not have). */
export async function firstStoredNodeBeyond(db: DbOrTx, size: number) {
  return db
    .selectFrom('audit_tree_node')
    .select(['level', 'idx'])
    .where(sql<boolean>`(idx + 1) * (2::numeric ^ level) > ${size}`)
    .orderBy('level')
    .orderBy('idx')
    .limit(1)
    .executeTakeFirst();
}

/** The leaf of an event (by event id), or whether it still waits for the sequencer. */
export async function leafOfEvent(db: DbOrTx, eventId: string) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('audit_leaf as l', 'l.seq', 'e.seq')
    .select(['e.seq', 'l.idx', 'l.hash'])
    .where('e.id', '=', eventId)
    .executeTakeFirst();
}

export async function insertCheckpoint(
  trx: DbOrTx,
  c: { tree_size: number; root: Buffer; key_id: string; signature: Buffer; note: string; signed_at: Date },
): Promise<void> {
  await trx
    .insertInto('audit_checkpoint')
    .values(c)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function latestCheckpoint(db: DbOrTx) {
  return db
    .selectFrom('audit_checkpoint')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function allCheckpoints(db: DbOrTx) {
  return db.selectFrom('audit_checkpoint').selectAll().orderBy('tree_size').execute();
}
