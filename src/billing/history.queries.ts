import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

/**
 * Billing history: claims and EOBs a FHIR bulk import keeps whole (the interop adapter writes them through
 * billing's index, issue 12). They follow the patient through a merge and back.
 */

export async function insertBillingRecords(
  db: DbOrTx,
  rows: {
    patient_id: string;
    resource_type: 'Claim' | 'ExplanationOfBenefit';
    resource: string;
    entered_in_error: boolean;
  }[],
  at: Date,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const r = await db
    .insertInto('billing_history_record')
    .values(rows.map((x) => ({ ...x, created_at: at, updated_at: at })))
    .returning('id')
    .execute();
  return r.map((x) => x.id);
}

/** Billing history changes by version (the previous content is superseded, the count kept). */
export async function updateBillingRecord(
  db: DbOrTx,
  id: string,
  resource: string,
  enteredInError: boolean,
  at: Date,
) {
  await db
    .updateTable('billing_history_record')
    .set({ resource, entered_in_error: enteredInError, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Kept claims and EOBs of these patients (bulk export), optionally only those changed after `since`. */
export async function billingForPatients(db: DbOrTx, patientIds: string[], since: Date | null) {
  if (patientIds.length === 0) return [];
  let q = db.selectFrom('billing_history_record').selectAll().where('patient_id', 'in', patientIds);
  if (since) q = q.where('updated_at', '>', since);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** Patient merge support: billing history moves to the survivor, and back on unmerge (exactly those rows). */
export async function moveBillingRows(db: DbOrTx, fromPatient: string, toPatient: string): Promise<string[]> {
  const r = await db
    .updateTable('billing_history_record')
    .set({ patient_id: toPatient })
    .where('patient_id', '=', fromPatient)
    .returning('id')
    .execute();
  return r.map((x) => x.id);
}

export async function restoreBillingRows(db: DbOrTx, ids: string[], toPatient: string): Promise<void> {
  if (ids.length)
    await db
      .updateTable('billing_history_record')
      .set({ patient_id: toPatient })
      .where('id', 'in', ids)
      .execute();
}
