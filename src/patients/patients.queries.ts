import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type {
  PatientAddressTable,
  PatientCoverageTable,
  PatientIdentifierTable,
  PatientOtherNameTable,
  PatientTable,
  PatientVersionTable,
} from './patients.tables.ts';

export type PatientRow = Selectable<PatientTable>;
export type AddressRow = Selectable<PatientAddressTable>;
export type OtherNameRow = Selectable<PatientOtherNameTable>;
export type IdentifierRow = Selectable<PatientIdentifierTable>;
export type CoverageRow = Selectable<PatientCoverageTable>;

export interface PatientAggregate {
  patient: PatientRow;
  addresses: AddressRow[];
  otherNames: OtherNameRow[];
  identifiers: IdentifierRow[];
  coverage: CoverageRow[];
}

export async function nextMrnSequence(db: DbOrTx): Promise<number> {
  const { rows } = await sql<{ n: number }>`select nextval('patient_mrn_seq') as n`.execute(db);
  return Number(rows[0]!.n);
}

export async function insertPatient(db: DbOrTx, row: Insertable<PatientTable>): Promise<string> {
  const r = await db.insertInto('patient').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertChildren(
  db: DbOrTx,
  rows: {
    otherNames?: Insertable<PatientOtherNameTable>[];
    addresses?: Insertable<PatientAddressTable>[];
    identifiers?: Insertable<PatientIdentifierTable>[];
    coverage?: Insertable<PatientCoverageTable>[];
  },
): Promise<void> {
  if (rows.otherNames?.length) await db.insertInto('patient_other_name').values(rows.otherNames).execute();
  if (rows.addresses?.length) await db.insertInto('patient_address').values(rows.addresses).execute();
  if (rows.identifiers?.length) await db.insertInto('patient_identifier').values(rows.identifiers).execute();
  if (rows.coverage?.length) await db.insertInto('patient_coverage').values(rows.coverage).execute();
}

/** The patient row and its child rows, or undefined. */
export async function loadPatient(
  db: DbOrTx,
  id: string,
  forUpdate = false,
): Promise<PatientAggregate | undefined> {
  let q = db.selectFrom('patient').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const patient = await q.executeTakeFirst();
  if (!patient) return undefined;
  const [addresses, otherNames, identifiers, coverage] = await Promise.all([
    db
      .selectFrom('patient_address')
      .selectAll()
      .where('patient_id', '=', id)
      .orderBy('valid_from', 'desc')
      .execute(),
    db
      .selectFrom('patient_other_name')
      .selectAll()
      .where('patient_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('patient_identifier')
      .selectAll()
      .where('patient_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('patient_coverage').selectAll().where('patient_id', '=', id).orderBy('priority').execute(),
  ]);
  return { patient, addresses, otherNames, identifiers, coverage };
}

/** Applies an update only if the row still has the expected version (optimistic concurrency). */
export async function updatePatientRow(
  db: DbOrTx,
  id: string,
  expectedVersion: number,
  values: Updateable<PatientTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('patient')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Closes the current address (history kept: valid_to set, never deleted). */
export async function closeCurrentAddress(db: DbOrTx, patientId: string, validTo: string): Promise<void> {
  await db
    .updateTable('patient_address')
    .set({ is_current: false, valid_to: validTo })
    .where('patient_id', '=', patientId)
    .where('is_current', '=', true)
    .execute();
}

export async function insertVersion(db: DbOrTx, row: Insertable<PatientVersionTable>): Promise<void> {
  await db.insertInto('patient_version').values(row).execute();
}

export async function listVersions(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('patient_version')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('version', 'desc')
    .execute();
}

export async function latestVersionSnapshot(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('patient_version')
    .select(['version', 'snapshot', 'changed_by', 'changed_at'])
    .where('patient_id', '=', patientId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Bulk insert of patient rows (the synthetic seed): returns ids in input order. */
export async function insertPatientsBulk(db: DbOrTx, rows: Insertable<PatientTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const r = await db.insertInto('patient').values(rows).returning('id').execute();
  return r.map((x) => x.id);
}

/** A block of MRN sequence values (the synthetic seed issues MRNs in bulk). */
export async function nextMrnSequences(db: DbOrTx, n: number): Promise<number[]> {
  const { rows } = await sql<{
    n: number;
  }>`select nextval('patient_mrn_seq') as n from generate_series(1, ${n})`.execute(db);
  return rows.map((r) => Number(r.n));
}

/** Sets demographics without a version check (bulk re-import) and returns the new version. */
export async function updatePatientDemographics(
  db: DbOrTx,
  id: string,
  values: Updateable<PatientTable>,
): Promise<number> {
  const r = await db
    .updateTable('patient')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return r.version;
}

/** Coverage is never deleted: replaced coverage is marked entered-in-error. */
export async function markCoverageInError(db: DbOrTx, ids: string[]): Promise<void> {
  await db
    .updateTable('patient_coverage')
    .set({ status: 'entered_in_error' })
    .where('id', 'in', ids)
    .execute();
}
