import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { userDirectory } from '../access/index.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { patientDirectory } from '../patients/index.ts';
import type {
  ChartDocumentTable,
  ChartEncounterTable,
  ChartEntryTable,
  ChartVersionTable,
  VersionedEntity,
} from './chart.tables.ts';

export type EntryRow = Selectable<ChartEntryTable>;
export type EncounterRow = Selectable<ChartEncounterTable>;
export type DocumentRow = Selectable<ChartDocumentTable>;
export type VersionRow = Selectable<ChartVersionTable>;

const TABLE = { entry: 'chart_entry', encounter: 'chart_encounter', document: 'chart_document' } as const;

/** The few patient fields the chart banner shows (name, MRN, date of birth). */
export async function findPatient(db: DbOrTx, id: string) {
  return db
    .selectFrom(patientDirectory(db).as('p'))
    .select(['id', 'mrn', 'family_name', 'given_name', 'birth_date', 'sex_at_birth', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertEntry(db: DbOrTx, row: Insertable<ChartEntryTable>): Promise<EntryRow> {
  return db.insertInto('chart_entry').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findEntry(db: DbOrTx, id: string, forUpdate = false): Promise<EntryRow | undefined> {
  let q = db.selectFrom('chart_entry').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export interface EntryFilter {
  kinds: readonly string[];
  limit: number;
  offset: number;
  code?: string | undefined;
  encounterId?: string | undefined;
  /** Items the actor may not see (sensitivity labels): left out of the page and the count. */
  excludeIds?: readonly string[];
}

/** A page of a patient's entries of the given kinds, newest first, and how many there are in all. */
export async function listEntries(db: DbOrTx, patientId: string, f: EntryFilter) {
  let q = db
    .selectFrom('chart_entry')
    .where('patient_id', '=', patientId)
    .where('kind', 'in', [...f.kinds]);
  if (f.code) q = q.where((eb) => eb(eb.ref('data', '->>').key('code'), '=', f.code as string));
  if (f.encounterId) q = q.where('encounter_id', '=', f.encounterId);
  if (f.excludeIds?.length) q = q.where('id', 'not in', [...f.excludeIds]);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function entriesOfEncounter(db: DbOrTx, encounterId: string): Promise<EntryRow[]> {
  return db
    .selectFrom('chart_entry')
    .selectAll()
    .where('encounter_id', '=', encounterId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every entry of a patient (the chart summary). */
export async function allEntries(db: DbOrTx, patientId: string): Promise<EntryRow[]> {
  return db
    .selectFrom('chart_entry')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * Writes a new state of an entity only if nobody changed it since `expectedVersion` was read (optimistic
 * concurrency); returns undefined when the version moved on.
 */
export async function updateEntry(
  db: DbOrTx,
  id: string,
  expectedVersion: number,
  patch: Updateable<ChartEntryTable>,
): Promise<EntryRow | undefined> {
  return db
    .updateTable('chart_entry')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function insertEncounter(
  db: DbOrTx,
  row: Insertable<ChartEncounterTable>,
): Promise<EncounterRow> {
  return db.insertInto('chart_encounter').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findEncounter(db: DbOrTx, id: string): Promise<EncounterRow | undefined> {
  return db.selectFrom('chart_encounter').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateEncounter(
  db: DbOrTx,
  id: string,
  expectedVersion: number,
  patch: Updateable<ChartEncounterTable>,
): Promise<EncounterRow | undefined> {
  return db
    .updateTable('chart_encounter')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function listEncounters(db: DbOrTx, patientId: string, limit: number, offset: number) {
  const q = db.selectFrom('chart_encounter').where('patient_id', '=', patientId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('starts_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertDocument(db: DbOrTx, row: Insertable<ChartDocumentTable>): Promise<DocumentRow> {
  return db.insertInto('chart_document').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findDocument(db: DbOrTx, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('chart_document').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDocument(
  db: DbOrTx,
  id: string,
  expectedVersion: number,
  patch: Updateable<ChartDocumentTable>,
): Promise<DocumentRow | undefined> {
  return db
    .updateTable('chart_document')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function listDocuments(
  db: DbOrTx,
  patientId: string,
  limit: number,
  offset: number,
  excludeIds: readonly string[] = [],
) {
  let q = db.selectFrom('chart_document').where('patient_id', '=', patientId);
  if (excludeIds.length) q = q.where('id', 'not in', [...excludeIds]);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('service_date', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertVersion(db: DbOrTx, row: Insertable<ChartVersionTable>): Promise<void> {
  await db.insertInto('chart_version').values(row).execute();
}

/** Every version of an entity, newest first, with the name of who made it (for "who, when, why"). */
export async function listVersions(db: DbOrTx, entity: VersionedEntity, id: string) {
  return db
    .selectFrom('chart_version as v')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'v.changed_by')
    .selectAll('v')
    .select('u.full_name as changed_by_name')
    .where('v.entity_type', '=', entity)
    .where('v.entity_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function latestVersion(db: DbOrTx, entity: VersionedEntity, id: string) {
  return db
    .selectFrom('chart_version')
    .selectAll()
    .where('entity_type', '=', entity)
    .where('entity_id', '=', id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export const tableOf = (entity: VersionedEntity) => TABLE[entity];

export async function userExists(db: DbOrTx, id: string): Promise<boolean> {
  const row = await db
    .selectFrom(userDirectory(db).as('u'))
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findPatientIdByMrn(db: DbOrTx, mrn: string): Promise<string | undefined> {
  const row = await db
    .selectFrom(patientDirectory(db).as('p'))
    .select('id')
    .where('mrn', '=', mrn)
    .executeTakeFirst();
  return row?.id;
}

/** Bulk import: many encounters in one statement, rows returned in input order. */
export async function insertEncountersBulk(
  db: DbOrTx,
  rows: Insertable<ChartEncounterTable>[],
): Promise<EncounterRow[]> {
  if (rows.length === 0) return [];
  return db.insertInto('chart_encounter').values(rows).returningAll().execute();
}

/** Bulk import: many entries in one statement, rows returned in input order. */
export async function insertEntriesBulk(
  db: DbOrTx,
  rows: Insertable<ChartEntryTable>[],
): Promise<EntryRow[]> {
  if (rows.length === 0) return [];
  return db.insertInto('chart_entry').values(rows).returningAll().execute();
}

export async function insertVersionsBulk(db: DbOrTx, rows: Insertable<ChartVersionTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('chart_version').values(rows).execute();
}

/** Rows a re-import is about to change, locked for the rest of the transaction. */
export async function findEncountersForImport(db: DbOrTx, ids: string[]): Promise<EncounterRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('chart_encounter').selectAll().where('id', 'in', ids).forUpdate().execute();
}

export async function findEntriesForImport(db: DbOrTx, ids: string[]): Promise<EntryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('chart_entry').selectAll().where('id', 'in', ids).forUpdate().execute();
}

/** Encounters and entries of many patients (bulk export), optionally only those changed after `since`. */
export async function chartRowsForPatients(db: DbOrTx, patientIds: string[], since: Date | null) {
  if (patientIds.length === 0) return { encounters: [], entries: [] };
  let enc = db.selectFrom('chart_encounter').selectAll().where('patient_id', 'in', patientIds);
  let ent = db.selectFrom('chart_entry').selectAll().where('patient_id', 'in', patientIds);
  if (since) {
    enc = enc.where('updated_at', '>', since);
    ent = ent.where('updated_at', '>', since);
  }
  const [encounters, entries] = await Promise.all([
    enc.orderBy('starts_at').orderBy('id').execute(),
    ent.orderBy('created_at').orderBy('id').execute(),
  ]);
  return { encounters, entries };
}

/** Entries of some kinds changed at or after `since`, after a keyset position (registry case finding). */
export async function entriesChangedPage(
  db: DbOrTx,
  kinds: string[],
  since: Date | null,
  after: { at: Date; id: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('chart_entry')
    .select(['id', 'patient_id', 'kind', 'data', 'created_by', 'created_at', 'updated_at'])
    .where('kind', 'in', kinds)
    .where('entered_in_error', '=', false)
    // Milliseconds: the cursor is a JS Date, and rows sharing a microsecond must not repeat a page forever.
    .orderBy(sql`date_trunc('milliseconds', updated_at)`)
    .orderBy('id')
    .limit(limit);
  if (since) q = q.where('updated_at', '>=', since);
  if (after)
    q = q.where(
      sql<boolean>`(date_trunc('milliseconds', updated_at), id) > (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  return q.execute();
}
