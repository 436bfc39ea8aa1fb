import type { DbOrTx } from '../kernel/db.ts';

export async function activeLabels(
  db: DbOrTx,
  patientIds: string[],
): Promise<{ patient_id: string; label: string }[]> {
  if (patientIds.length === 0) return [];
  return db
    .selectFrom('access_patient_label')
    .select(['patient_id', 'label'])
    .where('patient_id', 'in', patientIds)
    .where('removed_at', 'is', null)
    .execute();
}

export async function patientsWithCareRelationship(
  db: DbOrTx,
  userId: string,
  patientIds: string[],
  at: Date,
): Promise<Set<string>> {
  if (patientIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('access_care_relationship')
    .select('patient_id')
    .where('user_id', '=', userId)
    .where('patient_id', 'in', patientIds)
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', at)]))
    .execute();
  return new Set(rows.map((r) => r.patient_id));
}

export async function patientsUnderBreakGlass(
  db: DbOrTx,
  userId: string,
  patientIds: string[],
  at: Date,
): Promise<Set<string>> {
  if (patientIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('access_break_glass')
    .select('patient_id')
    .where('user_id', '=', userId)
    .where('patient_id', 'in', patientIds)
    .where('started_at', '<=', at)
    .where('expires_at', '>', at)
    .execute();
  return new Set(rows.map((r) => r.patient_id));
}

export async function insertBreakGlass(
  db: DbOrTx,
  row: {
    user_id: string;
    patient_id: string;
    reason_code: string;
    reason_text: string;
    started_at: Date;
    expires_at: Date;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('access_break_glass')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertCareRelationship(
  db: DbOrTx,
  row: {
    user_id: string;
    patient_id: string;
    kind: string;
    valid_from: Date;
    valid_until: Date | null;
    source: string | null;
  },
): Promise<void> {
  await db.insertInto('access_care_relationship').values(row).execute();
}

export async function insertLabel(
  db: DbOrTx,
  row: {
    patient_id: string;
    label: string;
    note: string | null;
    created_at: Date;
    created_by: string | null;
  },
): Promise<void> {
  await db
    .insertInto('access_patient_label')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
