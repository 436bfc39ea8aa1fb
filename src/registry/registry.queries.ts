import type { Readable } from 'node:stream';
import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DbOrTx } from '../kernel/db.ts';
import type {
  RegistryDictionaryItemTable,
  RegistryPatientTable,
  RegistryTumourTable,
} from './registry.tables.ts';

/** All SQL over the registry's patient, tumour and dictionary tables (issue 12: one owner per table). */

export type TumourRow = Selectable<RegistryTumourTable>;
export type RegistryPatientRow = Selectable<RegistryPatientTable>;

export async function replaceDictionary(
  db: DbOrTx,
  version: string,
  rows: Insertable<RegistryDictionaryItemTable>[],
): Promise<void> {
  await db.deleteFrom('registry_dictionary_item').where('version', '=', version).execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('registry_dictionary_item')
      .values(rows.slice(i, i + 500))
      .execute();
}

export const dictionaryRows = (db: DbOrTx, version: string) =>
  db.selectFrom('registry_dictionary_item').selectAll().where('version', '=', version).execute();

export const loadedVersions = async (db: DbOrTx) =>
  (
    await db.selectFrom('registry_dictionary_item').select('version').distinct().orderBy('version').execute()
  ).map((r) => r.version);

export const findRegistryPatientByNumber = (db: DbOrTx, number: string) =>
  db
    .selectFrom('registry_patient')
    .selectAll()
    .where('patient_id_number', '=', number)
    .forUpdate()
    .executeTakeFirst();

export const findRegistryPatientByPatient = (db: DbOrTx, patientId: string) =>
  db.selectFrom('registry_patient').selectAll().where('patient_id', '=', patientId).executeTakeFirst();

export async function insertRegistryPatient(db: DbOrTx, row: Insertable<RegistryPatientTable>) {
  return db.insertInto('registry_patient').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRegistryPatientItems(
  db: DbOrTx,
  id: string,
  items: Record<string, string>,
  now: Date,
) {
  await db
    .updateTable('registry_patient')
    .set({ items: sql`${JSON.stringify(items)}::jsonb`, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export const findTumourByRecord = (db: DbOrTx, registryPatientId: string, record: string) =>
  db
    .selectFrom('registry_tumour')
    .selectAll()
    .where('registry_patient_id', '=', registryPatientId)
    .where('tumor_record_number', '=', record)
    .forUpdate()
    .executeTakeFirst();

export const findTumour = (db: DbOrTx, id: string, forUpdate = false) => {
  const q = db.selectFrom('registry_tumour').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
};

export const findRegistryPatient = (db: DbOrTx, id: string) =>
  db.selectFrom('registry_patient').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const tumoursOfRegistryPatient = (db: DbOrTx, registryPatientId: string) =>
  db
    .selectFrom('registry_tumour')
    .selectAll()
    .where('registry_patient_id', '=', registryPatientId)
    .orderBy('tumor_record_number')
    .execute();

export async function insertTumour(db: DbOrTx, row: Insertable<RegistryTumourTable>) {
  return db.insertInto('registry_tumour').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateTumourRow(
  db: DbOrTx,
  id: string,
  set: {
    items: Record<string, string>;
    status?: 'abstracting' | 'complete';
    primary_decision?: Record<string, unknown> | null;
    updated_by: string;
    updated_at: Date;
  },
) {
  const { primary_decision, ...rest } = set;
  return db
    .updateTable('registry_tumour')
    .set({
      ...rest,
      ...(primary_decision !== undefined
        ? {
            primary_decision:
              primary_decision === null ? null : sql`${JSON.stringify(primary_decision)}::jsonb`,
          }
        : {}),
      items: sql`${JSON.stringify(set.items)}::jsonb`,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertTumourVersion(
  db: DbOrTx,
  t: TumourRow,
  changed: string[],
  by: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('registry_tumour_version')
    .values({
      tumour_id: t.id,
      patient_id: t.patient_id,
      version: t.version,
      items: sql`${JSON.stringify(t.items)}::jsonb`,
      changed_items: changed,
      changed_by: by,
      changed_at: at,
    })
    .execute();
}

export const tumourVersions = (db: DbOrTx, id: string) =>
  db
    .selectFrom('registry_tumour_version')
    .select(['version', 'changed_items', 'changed_by', 'changed_at'])
    .where('tumour_id', '=', id)
    .orderBy('version', 'desc')
    .execute();

export interface TumourFilter {
  diagnosisYear?: number;
  ids?: string[];
  patientId?: string;
  status?: 'abstracting' | 'complete';
}

/** Tumours with their patient-level items, in a stable order, one page at a time (keyset on id). */
export function tumoursWithPatients(db: DbOrTx, filter: TumourFilter, after: string | null, limit: number) {
  let q = db
    .selectFrom('registry_tumour as t')
    .innerJoin('registry_patient as p', 'p.id', 't.registry_patient_id')
    .select([
      't.id',
      't.patient_id',
      't.registry_patient_id',
      't.tumor_record_number',
      't.items',
      't.status',
      't.dictionary_version',
      't.updated_at',
      'p.patient_id_number',
      'p.items as patient_items',
    ])
    .orderBy('t.id')
    .limit(limit);
  if (after) q = q.where('t.id', '>', after);
  if (filter.ids)
    q = q.where('t.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.patientId) q = q.where('t.patient_id', '=', filter.patientId);
  if (filter.status) q = q.where('t.status', '=', filter.status);
  if (filter.diagnosisYear)
    q = q.where(sql<string>`left(t.items->>'dateOfDiagnosis', 4)`, '=', String(filter.diagnosisYear));
  return q.execute();
}

export type TumourWithPatient = Awaited<ReturnType<typeof tumoursWithPatients>>[number];

/**
 * The analysis columns in `ANALYSIS_COPY_COLUMNS` order, first non-blank NAACCR item of each list (the
 * same choice for every tumour): `t.` items are tumour-level, `p.` patient-level (#220 Sex in v25, #225
 * Sex Assigned at Birth in v26).
 */
const ANALYSIS_ITEMS: [string, ...string[]][] = [
  ['t.dateOfDiagnosis'],
  ['p.dateOfBirth'],
  ['p.dateOfLastContact'],
  ['p.vitalStatus'],
  ['p.causeOfDeath'],
  ['p.sexAssignedAtBirth', 'p.sex'],
  ['t.ageAtDiagnosis'],
  ['t.primarySite'],
  ['t.histologicTypeIcdO3'],
  ['t.behaviorCodeIcdO3'],
  ['t.grade', 't.gradeClinical'],
  ['t.laterality'],
  ['t.summaryStage2018', 't.derivedSummaryStage2018', 't.seerSummaryStage2000'],
  ['t.classOfCase'],
  ['t.sequenceNumberHospital', 't.sequenceNumberCentral'],
];

const itemSql = (ids: string[]) => {
  const parts = ids.map((q) => {
    const [alias, id] = q.split('.') as [string, string];
    return `nullif(${alias}.items->>'${id}', '')`;
  });
  return parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`;
};

/**
 * `COPY (select …) TO STDOUT` of the tumours in the filter with the fields analysis reads: id, patient_id,
 * registry_patient_id, status, then `ANALYSIS_ITEMS`. COPY streams the whole cohort in one round trip and
 * extracts the items in the server (a million keyset pages of whole JSONB rows took minutes). COPY takes
 * no bind parameters, so the filter's values are escaped as literals (a uuid, an enum and a year number).
 */
export function copyTumoursForAnalysis(client: pg.ClientBase, filter: Omit<TumourFilter, 'ids'>): Readable {
  const where: string[] = [];
  if (filter.patientId) where.push(`t.patient_id = ${client.escapeLiteral(filter.patientId)}::uuid`);
  if (filter.status) where.push(`t.status = ${client.escapeLiteral(filter.status)}`);
  if (filter.diagnosisYear !== undefined)
    where.push(
      `left(t.items->>'dateOfDiagnosis', 4) = ${client.escapeLiteral(String(filter.diagnosisYear))}`,
    );
  const select = `select t.id, t.patient_id, t.registry_patient_id, t.status, ${ANALYSIS_ITEMS.map(itemSql).join(', ')}
    from registry_tumour t join registry_patient p on p.id = t.registry_patient_id
    ${where.length ? `where ${where.join(' and ')}` : ''} order by t.id`;
  return client.query(copyTo(`copy (${select}) to stdout`));
}

export async function countTumours(db: DbOrTx, filter: TumourFilter): Promise<number> {
  let q = db.selectFrom('registry_tumour as t').select((e) => e.fn.countAll<number>().as('n'));
  if (filter.patientId) q = q.where('t.patient_id', '=', filter.patientId);
  if (filter.status) q = q.where('t.status', '=', filter.status);
  if (filter.diagnosisYear)
    q = q.where(sql<string>`left(t.items->>'dateOfDiagnosis', 4)`, '=', String(filter.diagnosisYear));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Registry patients with at least one tumour in the filter, by id after `after` (export pages). */
export function exportPatientsPage(db: DbOrTx, filter: TumourFilter, after: string | null, limit: number) {
  let q = db
    .selectFrom('registry_patient as p')
    .select(['p.id', 'p.patient_id', 'p.patient_id_number', 'p.items'])
    .where((eb) => {
      let t = eb
        .selectFrom('registry_tumour as t')
        .select('t.id')
        .whereRef('t.registry_patient_id', '=', 'p.id');
      if (filter.status) t = t.where('t.status', '=', filter.status);
      if (filter.diagnosisYear)
        t = t.where(sql<string>`left(t.items->>'dateOfDiagnosis', 4)`, '=', String(filter.diagnosisYear));
      return eb.exists(t);
    })
    .orderBy('p.id')
    .limit(limit);
  if (after) q = q.where('p.id', '>', after);
  return q.execute();
}

/** The tumours of some registry patients in the filter, by patient then Tumor Record Number. */
export function tumoursOfPatients(db: DbOrTx, registryPatientIds: string[], filter: TumourFilter) {
  if (registryPatientIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('registry_tumour as t')
    .select(['t.id', 't.registry_patient_id', 't.tumor_record_number', 't.items', 't.dictionary_version'])
    .where('t.registry_patient_id', 'in', registryPatientIds)
    .orderBy('t.registry_patient_id')
    .orderBy('t.tumor_record_number');
  if (filter.status) q = q.where('t.status', '=', filter.status);
  if (filter.diagnosisYear)
    q = q.where(sql<string>`left(t.items->>'dateOfDiagnosis', 4)`, '=', String(filter.diagnosisYear));
  return q.execute();
}

/* Batched import (issue 14 "the 1,000-record samples must import in seconds"): one round trip per step per batch. */

export const registryPatientsByNumbers = (db: DbOrTx, numbers: string[]) =>
  numbers.length === 0
    ? Promise.resolve([] as RegistryPatientRow[])
    : db
        .selectFrom('registry_patient')
        .selectAll()
        .where('patient_id_number', 'in', numbers)
        .forUpdate()
        .execute();

export const insertRegistryPatients = (db: DbOrTx, rows: Insertable<RegistryPatientTable>[]) =>
  rows.length === 0
    ? Promise.resolve([] as RegistryPatientRow[])
    : db.insertInto('registry_patient').values(rows).returningAll().execute();

/** Sets the items of several registry patients in one statement. */
export async function updateRegistryPatientsItems(
  db: DbOrTx,
  rows: { id: string; items: Record<string, string> }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update registry_patient p set items = v.items, updated_at = ${now}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, items jsonb)
    where p.id = v.id`.execute(db);
}

export const tumoursOfRegistryPatients = (db: DbOrTx, registryPatientIds: string[]) =>
  registryPatientIds.length === 0
    ? Promise.resolve([] as TumourRow[])
    : db
        .selectFrom('registry_tumour')
        .selectAll()
        .where('registry_patient_id', 'in', registryPatientIds)
        .forUpdate()
        .execute();

export const insertTumours = (db: DbOrTx, rows: Insertable<RegistryTumourTable>[]) =>
  rows.length === 0
    ? Promise.resolve([] as TumourRow[])
    : db.insertInto('registry_tumour').values(rows).returningAll().execute();

/** Sets the items of several tumours in one statement (version + 1), returning the new rows. */
export async function updateTumoursItems(
  db: DbOrTx,
  rows: { id: string; items: Record<string, string> }[],
  by: string,
  now: Date,
): Promise<TumourRow[]> {
  if (rows.length === 0) return [];
  const r = await sql<TumourRow>`
    update registry_tumour t set items = v.items, updated_by = ${by}, updated_at = ${now},
      version = t.version + 1
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, items jsonb)
    where t.id = v.id
    returning t.*`.execute(db);
  return r.rows;
}

export async function insertTumourVersions(
  db: DbOrTx,
  rows: { t: TumourRow; changed: string[] }[],
  by: string,
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('registry_tumour_version')
    .values(
      rows.map(({ t, changed }) => ({
        tumour_id: t.id,
        patient_id: t.patient_id,
        version: t.version,
        items: sql`${JSON.stringify(t.items)}::jsonb`,
        changed_items: changed,
        changed_by: by,
        changed_at: at,
      })),
    )
    .execute();
}
