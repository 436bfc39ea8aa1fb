import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import { patientDirectory } from '../patients/index.ts';
import type { FollowupPatient } from './followup.ts';
import type { RegistryFollowupContactTable, RegistryFollowupLetterTable } from './registry.tables.ts';

/** All SQL over the follow-up tables (contacts, letters) and the follow-up read of patients and tumours. */

export type ContactRow = Selectable<RegistryFollowupContactTable>;
export type LetterRow = Selectable<RegistryFollowupLetterTable>;

/** The Tumor-level items follow-up looks at, pulled out in the server so pages stay small. */
const TUMOUR_ITEMS = [
  'dateOfDiagnosis',
  'classOfCase',
  'behaviorCodeIcdO3',
  'primarySite',
  'histologicTypeIcdO3',
  'nextFollowUpSource',
];
const PATIENT_ITEMS = ['dateOfLastContact', 'vitalStatus', 'dateOfBirth', 'nameLast', 'nameFirst'];

const pick = (alias: string, ids: string[]) =>
  sql.raw(
    `jsonb_strip_nulls(jsonb_build_object(${ids.map((id) => `'${id}', ${alias}.items->'${id}'`).join(', ')}))`,
  );

/**
 * Registry patients (by id after `after`) with the follow-up items and their tumours, one page.
 * `ids` narrows to some registry patients.
 */
export async function followupPatientsPage(
  db: DbOrTx,
  after: string | null,
  limit: number,
  ids?: string[],
): Promise<FollowupPatient[]> {
  let q = db
    .selectFrom('registry_patient as p')
    .select([
      'p.id',
      'p.patient_id',
      'p.patient_id_number',
      sql<Record<string, string>>`${pick('p', PATIENT_ITEMS)}`.as('items'),
      sql<{ id: string; items: Record<string, string> }[]>`coalesce((
        select jsonb_agg(jsonb_build_object('id', t.id, 'items', ${pick('t', TUMOUR_ITEMS)}) order by t.tumor_record_number)
        from registry_tumour t where t.registry_patient_id = p.id), '[]'::jsonb)`.as('tumours'),
    ])
    .orderBy('p.id')
    .limit(limit);
  if (after) q = q.where('p.id', '>', after);
  if (ids) q = q.where('p.id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.execute();
  return rows.map((r) => ({
    registryPatientId: r.id,
    patientId: r.patient_id,
    patientIdNumber: r.patient_id_number,
    items: r.items,
    tumours: r.tumours,
  }));
}

export const insertContact = (db: DbOrTx, row: Insertable<RegistryFollowupContactTable>) =>
  db.insertInto('registry_followup_contact').values(row).returningAll().executeTakeFirstOrThrow();

export const contactsOf = (db: DbOrTx, registryPatientId: string) =>
  db
    .selectFrom('registry_followup_contact')
    .selectAll()
    .where('registry_patient_id', '=', registryPatientId)
    .orderBy('contact_date', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();

export const insertLetters = (db: DbOrTx, rows: Insertable<RegistryFollowupLetterTable>[]) =>
  rows.length === 0
    ? Promise.resolve([] as LetterRow[])
    : db.insertInto('registry_followup_letter').values(rows).returningAll().execute();

export const lettersOfBatch = (db: DbOrTx, batchId: string) =>
  db
    .selectFrom('registry_followup_letter')
    .selectAll()
    .where('batch_id', '=', batchId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const findLetter = (db: DbOrTx, id: string) =>
  db.selectFrom('registry_followup_letter').selectAll().where('id', '=', id).executeTakeFirst();

/** The latest letter sent to each of some registry patients (for the due list's "letter sent" column). */
export async function lastLetterDates(db: DbOrTx, registryPatientIds: string[]): Promise<Map<string, Date>> {
  if (registryPatientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('registry_followup_letter')
    .select(['registry_patient_id', (e) => e.fn.max('created_at').as('at')])
    .where('registry_patient_id', 'in', registryPatientIds)
    .groupBy('registry_patient_id')
    .execute();
  return new Map(rows.map((r) => [r.registry_patient_id, new Date(r.at as unknown as string)]));
}

/** Replied letters (a contact points at them), of some letters. */
export async function repliedLetters(db: DbOrTx, letterIds: string[]): Promise<Set<string>> {
  if (letterIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('registry_followup_contact')
    .select('letter_id')
    .where('letter_id', 'in', letterIds)
    .execute();
  return new Set(rows.flatMap((r) => (r.letter_id ? [r.letter_id] : [])));
}

/** The registry patient, locked for a follow-up write (two contacts at once must not both be "the latest"). */
export const lockRegistryPatient = (db: DbOrTx, id: string) =>
  db.selectFrom('registry_patient').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export interface PassiveCandidateRow {
  registry_patient_id: string;
  patient_id: string;
  items: Record<string, string>;
  date_of_death: string | null;
  /** The tumours' #390 Date of Diagnosis values (NAACCR dates). */
  diagnoses: string[];
}

/**
 * Registry patients linked to a Chartkeeper patient, with the follow-up items, the patient index's date of
 * death (its directory fragment, issue 12 ownership) and the tumours' diagnosis dates: a page by registry
 * patient id, or the ones of some patients (`patientIds`).
 */
export async function passiveCandidates(
  db: DbOrTx,
  page: { after: string | null; limit: number; patientIds?: string[] },
): Promise<PassiveCandidateRow[]> {
  let q = db
    .selectFrom('registry_patient as p')
    .innerJoin(patientDirectory(db).as('d'), 'd.id', 'p.patient_id')
    .select([
      'p.id as registry_patient_id',
      'd.id as patient_id',
      sql<Record<string, string>>`${pick('p', ['dateOfLastContact', 'vitalStatus', 'dateOfBirth'])}`.as(
        'items',
      ),
      sql<string | null>`d.date_of_death::text`.as('date_of_death'),
      sql<string[]>`coalesce((select array_agg(t.items->>'dateOfDiagnosis') from registry_tumour t
        where t.registry_patient_id = p.id and t.items ? 'dateOfDiagnosis'), '{}')`.as('diagnoses'),
    ])
    .orderBy('p.id')
    .limit(page.limit);
  if (page.after) q = q.where('p.id', '>', page.after);
  if (page.patientIds) q = q.where('p.patient_id', 'in', page.patientIds.length ? page.patientIds : [NO_ID]);
  return q.execute();
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Records a passive contact once per source (unique source kind + id); undefined when it was recorded before. */
export const insertPassiveContact = (db: DbOrTx, row: Insertable<RegistryFollowupContactTable>) =>
  db
    .insertInto('registry_followup_contact')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['source_kind', 'source_id']).where('source_id', 'is not', null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();

/** The contact that gave the patient's current date of last contact (#1750): the latest by date. */
export const latestContact = (db: DbOrTx, registryPatientId: string) =>
  db
    .selectFrom('registry_followup_contact')
    .selectAll()
    .where('registry_patient_id', '=', registryPatientId)
    .orderBy('contact_date', 'desc')
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
