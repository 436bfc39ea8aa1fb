import { type Insertable, sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type { PatientDuplicateTable, PatientMergeTable } from './patients.tables.ts';

/** Locks both records in id order (so two concurrent merges cannot deadlock). */
export async function lockPatients(db: DbOrTx, ids: string[]) {
  return db
    .selectFrom('patient')
    .select(['id', 'status', 'version'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function setMerged(
  db: DbOrTx,
  retiredId: string,
  survivorId: string | null,
  now: Date,
  by: string,
) {
  await db
    .updateTable('patient')
    .set({
      status: survivorId ? 'merged' : 'active',
      merged_into: survivorId,
      version: sql`version + 1`,
      updated_at: now,
      updated_by: by,
    })
    .where('id', '=', retiredId)
    .execute();
}

export async function bumpVersion(db: DbOrTx, id: string, now: Date, by: string) {
  await db
    .updateTable('patient')
    .set({ version: sql`version + 1`, updated_at: now, updated_by: by })
    .where('id', '=', id)
    .execute();
}

/** Moves rows of a patient-scoped table to another patient; returns the ids moved (kept on the merge). */
export async function moveRows(
  db: DbOrTx,
  table: 'patient_identifier',
  from: string,
  to: string,
): Promise<string[]> {
  const rows = await db
    .updateTable(table)
    .set({ patient_id: to })
    .where('patient_id', '=', from)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function moveRowsBack(db: DbOrTx, table: 'patient_identifier', ids: string[], to: string) {
  if (ids.length === 0) return;
  await db.updateTable(table).set({ patient_id: to }).where('id', 'in', ids).execute();
}

export async function insertMerge(db: DbOrTx, row: Insertable<PatientMergeTable>): Promise<string> {
  return (await db.insertInto('patient_merge').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findMerge(db: DbOrTx, id: string, forUpdate = false) {
  let q = db.selectFrom('patient_merge').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function markUnmerged(db: DbOrTx, id: string, now: Date, by: string) {
  await db
    .updateTable('patient_merge')
    .set({ unmerged_at: now, unmerged_by: by })
    .where('id', '=', id)
    .execute();
}

export async function mergesOf(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('patient_merge')
    .selectAll()
    .where((eb) => eb.or([eb('survivor_id', '=', patientId), eb('retired_id', '=', patientId)]))
    .orderBy('merged_at', 'desc')
    .execute();
}

const ordered = (a: string, b: string) => (a < b ? [a, b] : [b, a]) as [string, string];

export async function setPairStatus(
  db: DbOrTx,
  a: string,
  b: string,
  status: 'open' | 'merged' | 'not_duplicate',
  now: Date | null,
  by: string | null,
) {
  const [x, y] = ordered(a, b);
  await db
    .updateTable('patient_duplicate')
    .set({ status, resolved_at: now, resolved_by: by })
    .where('patient_a', '=', x)
    .where('patient_b', '=', y)
    .execute();
}

/** Queues pairs; a pair already queued (including one marked not-a-duplicate) is never proposed again. */
export async function insertPairs(db: DbOrTx, rows: Insertable<PatientDuplicateTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db
    .insertInto('patient_duplicate')
    .values(
      rows.map((row) => {
        const [a, b] = ordered(row.patient_a, row.patient_b);
        return { ...row, patient_a: a, patient_b: b };
      }),
    )
    .onConflict((oc) => oc.columns(['patient_a', 'patient_b']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function findPair(db: DbOrTx, id: string) {
  return db.selectFrom('patient_duplicate').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface PairFilter {
  /** The review view: pairs waiting (open) or put aside by a reviewer (deferred). */
  status: 'open' | 'deferred';
  /** Only pairs graded in this band. */
  band?: string | undefined;
  limit: number;
  offset: number;
}

/** One page of queued pairs, best score first; one row more than asked tells whether more follow. */
export async function queuedPairs(db: DbOrTx, f: PairFilter) {
  let q = db.selectFrom('patient_duplicate').selectAll().where('status', '=', f.status);
  if (f.band) q = q.where('band', '=', f.band);
  return q
    .orderBy('score', 'desc')
    .orderBy('id')
    .limit(f.limit + 1)
    .offset(f.offset)
    .execute();
}

/** How many pairs wait in each band and how many are deferred (the filter's counts). */
export async function pairCounts(db: DbOrTx) {
  const rows = await db
    .selectFrom('patient_duplicate')
    .select(['status', 'band', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', 'in', ['open', 'deferred'])
    .groupBy(['status', 'band'])
    .execute();
  return rows.map((r) => ({ status: r.status, band: r.band, n: Number(r.n) }));
}

/** Defers an open pair or returns a deferred one to the queue; false when it was not in that state. */
export async function setPairDeferred(
  db: DbOrTx,
  id: string,
  deferred: boolean,
  note: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable('patient_duplicate')
    .set({ status: deferred ? 'deferred' : 'open', deferred_note: deferred ? note : null })
    .where('id', '=', id)
    .where('status', '=', deferred ? 'open' : 'deferred')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
