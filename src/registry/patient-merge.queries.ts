import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import { movePatientRows, movePatientRowsBack } from '../kernel/patient-rows.queries.ts';

/** SQL of the registry's part of a patient merge (issue 12 merge handlers, issue 14 registry). */

/** Re-points every suspense hit of one patient to another; returns the ids moved. */
export const moveSuspenseRows = (db: DbOrTx, fromId: string, toId: string) =>
  movePatientRows(db, 'registry_suspense', fromId, toId);

/** Re-points the given suspense hits back, only where they still sit with `fromId`. */
export const moveSuspenseRowsBack = (db: DbOrTx, ids: string[], fromId: string, toId: string) =>
  movePatientRowsBack(db, 'registry_suspense', ids, fromId, toId);

export const registryPatientOf = (db: DbOrTx, patientId: string) =>
  db
    .selectFrom('registry_patient')
    .select(['id'])
    .where('patient_id', '=', patientId)
    .forUpdate()
    .executeTakeFirst();

export const tumourKeysOf = (db: DbOrTx, registryPatientId: string) =>
  db
    .selectFrom('registry_tumour')
    .select(['id', 'tumor_record_number'])
    .where('registry_patient_id', '=', registryPatientId)
    .orderBy('tumor_record_number')
    .forUpdate()
    .execute();

/** Hands a whole registry patient (and its tumours) to another patient of the index. */
export async function repointRegistryPatient(db: DbOrTx, registryPatientId: string, toId: string, now: Date) {
  await db
    .updateTable('registry_patient')
    .set({ patient_id: toId, updated_at: now })
    .where('id', '=', registryPatientId)
    .execute();
  await db
    .updateTable('registry_tumour')
    .set({ patient_id: toId })
    .where('registry_patient_id', '=', registryPatientId)
    .execute();
}

/** Gives a registry patient back to its patient, only while it still sits with `fromId`. */
export async function repointRegistryPatientBack(
  db: DbOrTx,
  registryPatientId: string,
  fromId: string,
  toId: string,
  now: Date,
) {
  const r = await db
    .updateTable('registry_patient')
    .set({ patient_id: toId, updated_at: now })
    .where('id', '=', registryPatientId)
    .where('patient_id', '=', fromId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return;
  await db
    .updateTable('registry_tumour')
    .set({ patient_id: toId })
    .where('registry_patient_id', '=', registryPatientId)
    .where('patient_id', '=', fromId)
    .execute();
}

/** Moves one tumour under another registry patient with the record number it takes there. */
export async function moveTumour(
  db: DbOrTx,
  tumourId: string,
  to: { registryPatientId: string; patientId: string; recordNumber: string },
  onlyFromPatient?: string,
) {
  let q = db
    .updateTable('registry_tumour')
    .set({
      registry_patient_id: to.registryPatientId,
      patient_id: to.patientId,
      tumor_record_number: to.recordNumber,
    })
    .where('id', '=', tumourId);
  if (onlyFromPatient) q = q.where('patient_id', '=', onlyFromPatient);
  await q.execute();
}

/** The highest Tumor Record Number (#60) in use under a registry patient, as a number (0 when none). */
export async function maxRecordNumber(db: DbOrTx, registryPatientId: string): Promise<number> {
  const r = await db
    .selectFrom('registry_tumour')
    .select(sql<string | null>`max(tumor_record_number)`.as('m'))
    .where('registry_patient_id', '=', registryPatientId)
    .executeTakeFirstOrThrow();
  return Number(r.m ?? '0') || 0;
}
