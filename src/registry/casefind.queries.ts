import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type {
  RegistryCasefindRunTable,
  RegistryReportableRuleTable,
  RegistrySuspenseTable,
} from './registry.tables.ts';

/** All SQL over the case-finding tables: reportable list, suspense queue and runs. */

export type SuspenseRow = Selectable<RegistrySuspenseTable>;
export type RunRow = Selectable<RegistryCasefindRunTable>;
export type RuleRow = Selectable<RegistryReportableRuleTable>;

export const reportableRuleRows = (db: DbOrTx) =>
  db.selectFrom('registry_reportable_rule').selectAll().orderBy('code_system').orderBy('code_from').execute();

export async function insertReportableRules(db: DbOrTx, rows: Insertable<RegistryReportableRuleTable>[]) {
  if (rows.length === 0) return [];
  return db.insertInto('registry_reportable_rule').values(rows).returningAll().execute();
}

export const deleteReportableRule = (db: DbOrTx, id: string) =>
  db.deleteFrom('registry_reportable_rule').where('id', '=', id).returningAll().executeTakeFirst();

/** Takes the reportable list's lock so two first runs do not both load the default list. */
export const lockReportableList = (db: DbOrTx) =>
  sql`select pg_advisory_xact_lock(hashtext('registry_reportable_rule'))`.execute(db);

/** Inserts hits; a source already in the queue is left alone. Returns the rows that are new. */
export async function insertSuspense(db: DbOrTx, rows: Omit<Insertable<RegistrySuspenseTable>, 'status'>[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto('registry_suspense')
    .values(rows.map((r) => ({ ...r, status: 'open' as const })))
    .onConflict((oc) => oc.constraint('registry_suspense_once').doNothing())
    .returning(['id', 'patient_id'])
    .execute();
}

export const findSuspense = (db: DbOrTx, id: string, forUpdate = false) => {
  const q = db.selectFrom('registry_suspense').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
};

export function suspensePage(
  db: DbOrTx,
  f: { status?: SuspenseRow['status']; patientId?: string },
  after: string | null,
  limit: number,
) {
  let q = db.selectFrom('registry_suspense').selectAll().orderBy('found_at').orderBy('id').limit(limit);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.patientId) q = q.where('patient_id', '=', f.patientId);
  if (after)
    q = q.where(
      sql<boolean>`(found_at, id) > (select a.found_at, a.id from registry_suspense a where a.id = ${after})`,
    );
  return q.execute();
}

export async function countSuspense(db: DbOrTx, f: { status?: SuspenseRow['status']; patientId?: string }) {
  let q = db.selectFrom('registry_suspense').select((e) => e.fn.countAll<number>().as('n'));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.patientId) q = q.where('patient_id', '=', f.patientId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export const resolveSuspense = (
  db: DbOrTx,
  id: string,
  set: Pick<SuspenseRow, 'status' | 'tumour_id' | 'resolution_reason' | 'resolved_by' | 'resolved_at'>,
) =>
  db.updateTable('registry_suspense').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const unfinishedRun = (db: DbOrTx) =>
  db
    .selectFrom('registry_casefind_run')
    .selectAll()
    .where('finished_at', 'is', null)
    .orderBy('started_at', 'desc')
    .executeTakeFirst();

export const lastFinishedRun = (db: DbOrTx) =>
  db
    .selectFrom('registry_casefind_run')
    .selectAll()
    .where('finished_at', 'is not', null)
    .orderBy('finished_at', 'desc')
    .executeTakeFirst();

export const insertRun = (db: DbOrTx, row: Insertable<RegistryCasefindRunTable>) =>
  db.insertInto('registry_casefind_run').values(row).returningAll().executeTakeFirstOrThrow();

export const updateRun = (
  db: DbOrTx,
  id: string,
  set: {
    cursor: Record<string, string>;
    screened: number;
    hits: number;
    new_hits: number;
    finished_at?: Date;
  },
) =>
  db
    .updateTable('registry_casefind_run')
    .set({ ...set, cursor: sql`${JSON.stringify(set.cursor)}::jsonb` })
    .where('id', '=', id)
    .execute();

/** The next free Patient ID Number (#20): 8 digits, zero-filled. */
export async function nextPatientIdNumber(db: DbOrTx): Promise<string> {
  await sql`select pg_advisory_xact_lock(hashtext('registry_patient_id_number'))`.execute(db);
  const r = await db
    .selectFrom('registry_patient')
    .select(
      sql<string | null>`max(patient_id_number) filter (where patient_id_number ~ '^[0-9]{8}$')`.as('m'),
    )
    .executeTakeFirstOrThrow();
  return String(Number(r.m ?? '0') + 1).padStart(8, '0');
}

/** The next Tumor Record Number (#60) of a patient (never reused). */
export async function nextTumourRecordNumber(db: DbOrTx, registryPatientId: string): Promise<string> {
  const r = await db
    .selectFrom('registry_tumour')
    .select(sql<string | null>`max(tumor_record_number)`.as('m'))
    .where('registry_patient_id', '=', registryPatientId)
    .executeTakeFirstOrThrow();
  return String(Number(r.m ?? '0') + 1).padStart(2, '0');
}
