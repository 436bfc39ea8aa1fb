import { type Insertable, type Selectable, sql } from 'kysely';
import { userDirectory } from '../../access/index.ts';
import { encounterDirectory, encounterHasNote } from '../../chart/index.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { patientDirectory, primaryPayerOf } from '../../patients/index.ts';
import type { QueueQuery } from './workbench.schemas.ts';
import type { CodingEncounterTable, CodingEncounterVersionTable } from './workbench.tables.ts';

export type CodingRow = Selectable<CodingEncounterTable>;

/**
 * The coding workbench reads the chart's encounters, notes and documents and the patient index (the
 * coding screen shows them beside the code entry, issue 7); it never writes those tables.
 */
export async function findEncounterForCoding(db: DbOrTx, encounterId: string) {
  return db
    .selectFrom(encounterDirectory(db).as('e'))
    .innerJoin(patientDirectory(db).as('p'), 'p.id', 'e.patient_id')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'e.provider_id')
    .select([
      'e.id',
      'e.patient_id',
      'e.class',
      'e.status',
      'e.data',
      'e.starts_at',
      'e.entered_in_error',
      'e.provider_id',
      'u.full_name as provider_name',
      'p.mrn',
      'p.family_name',
      'p.given_name',
      'p.birth_date',
      'p.sex_at_birth',
    ])
    .select((eb) => primaryPayer(eb.ref('p.id')).as('payer'))
    .where('e.id', '=', encounterId)
    .executeTakeFirst();
}
export type EncounterForCoding = NonNullable<Awaited<ReturnType<typeof findEncounterForCoding>>>;

/** The patient's first active coverage (primary before secondary before tertiary). */
const primaryPayer = primaryPayerOf;

export async function findCoding(db: DbOrTx, encounterId: string, forUpdate = false) {
  let q = db.selectFrom('coding_encounter').selectAll().where('encounter_id', '=', encounterId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertCoding(db: DbOrTx, row: Insertable<CodingEncounterTable>) {
  return db
    .insertInto('coding_encounter')
    .values(row)
    .onConflict((oc) => oc.column('encounter_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Writes the next version only if nobody else did since `expected` (optimistic concurrency). */
export async function updateCoding(
  db: DbOrTx,
  encounterId: string,
  expected: number,
  row: Omit<Insertable<CodingEncounterTable>, 'encounter_id' | 'patient_id' | 'created_at'>,
) {
  return db
    .updateTable('coding_encounter')
    .set(row)
    .where('encounter_id', '=', encounterId)
    .where('version', '=', expected)
    .returningAll()
    .executeTakeFirst();
}

export async function insertCodingVersion(db: DbOrTx, row: Insertable<CodingEncounterVersionTable>) {
  await db.insertInto('coding_encounter_version').values(row).execute();
}

export async function listCodingVersions(db: DbOrTx, encounterId: string) {
  return db
    .selectFrom('coding_encounter_version as v')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'v.changed_by')
    .selectAll('v')
    .select('u.full_name as changed_by_name')
    .where('v.encounter_id', '=', encounterId)
    .orderBy('v.version', 'desc')
    .execute();
}

const likeContains = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of the coder work queue: completed encounters, complete charts first, oldest first. */
export async function queuePage(db: DbOrTx, q: QueueQuery) {
  const age = sql<number>`date_part('year', age((e.starts_at at time zone 'UTC')::date, p.birth_date))::int`;
  const notes = (extra?: ReturnType<typeof sql>) => encounterHasNote(sql.ref('e.id'), extra);
  const complete = sql<boolean>`(${notes()} and not ${notes(sql`and n.data->>'status' = 'draft'`)})`;
  const status = sql<string>`coalesce(c.status, 'uncoded')`;
  let base = db
    .selectFrom(encounterDirectory(db).as('e'))
    .innerJoin(patientDirectory(db).as('p'), 'p.id', 'e.patient_id')
    .leftJoin('coding_encounter as c', 'c.encounter_id', 'e.id')
    .where('e.status', '=', 'completed')
    .where('e.entered_in_error', '=', false)
    .where('p.status', '=', 'active');
  base =
    q.status === 'open'
      ? base.where(status, 'in', ['uncoded', 'coded', 'on_hold'])
      : base.where(status, '=', q.status);
  if (q.class) base = base.where('e.class', '=', q.class);
  if (q.type) base = base.where(sql`e.data->>'type'`, 'ilike', likeContains(q.type));
  if (q.facility) base = base.where(sql`e.data->>'location'`, 'ilike', likeContains(q.facility));
  if (q.minAge !== undefined) base = base.where(age, '>=', q.minAge);
  if (q.maxAge !== undefined) base = base.where(age, '<=', q.maxAge);
  if (q.payer) base = base.where(primaryPayer(sql.ref('p.id')), 'ilike', likeContains(q.payer));
  const [rows, count] = await Promise.all([
    base
      .select(['e.id', 'e.patient_id', 'e.class', 'e.data', 'e.starts_at', 'p.mrn'])
      .select(['p.family_name', 'p.given_name'])
      .select([age.as('age_years'), complete.as('chart_complete'), status.as('coding_status')])
      .select(primaryPayer(sql.ref('p.id')).as('payer'))
      .orderBy(complete, 'desc')
      .orderBy(sql`coalesce((e.data->>'dischargedAt')::timestamptz, e.starts_at)`)
      .orderBy('e.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Per coder and day (UTC): encounters saved as coded, encounters finalized, and the edit findings the
 * coder met on each save or finalization attempt.
 */
export async function productivity(db: DbOrTx, from: string, to: string) {
  const day = sql<string>`to_char(v.changed_at at time zone 'UTC', 'YYYY-MM-DD')`;
  return db
    .selectFrom('coding_encounter_version as v')
    .innerJoin(userDirectory(db).as('u'), 'u.id', 'v.changed_by')
    .select([day.as('day'), 'v.changed_by', 'u.full_name'])
    .select([
      sql<number>`count(distinct v.encounter_id) filter (where v.action = 'save' and v.status <> 'uncoded')::int`.as(
        'coded',
      ),
      sql<number>`count(distinct v.encounter_id) filter (where v.action = 'finalize')::int`.as('finalized'),
      sql<number>`coalesce(sum(v.error_count), 0)::int`.as('errors'),
      sql<number>`coalesce(sum(v.warning_count), 0)::int`.as('warnings'),
    ])
    .where('v.changed_at', '>=', sql<Date>`${from}::date::timestamp at time zone 'UTC'`)
    .where('v.changed_at', '<', sql<Date>`(${to}::date + 1)::timestamp at time zone 'UTC'`)
    .groupBy([day, 'v.changed_by', 'u.full_name'])
    .orderBy(day)
    .orderBy('u.full_name')
    .execute();
}

/** Patient merge: re-points a retired record's encounter coding to the survivor; returns the encounter ids. */
export async function moveCodingRows(db: DbOrTx, from: string, to: string): Promise<string[]> {
  const rows = await db
    .updateTable('coding_encounter')
    .set({ patient_id: to })
    .where('patient_id', '=', from)
    .returning('encounter_id')
    .execute();
  return rows.map((r) => r.encounter_id);
}

/** Unmerge: puts exactly those rows back where they still sit with the survivor. */
export async function moveCodingRowsBack(db: DbOrTx, ids: string[], from: string, to: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('coding_encounter')
    .set({ patient_id: to })
    .where('encounter_id', 'in', ids)
    .where('patient_id', '=', from)
    .execute();
}

/** Which of the encounters are coded (coded or final): chart completion's chart status asks (issue 5). */
export async function codedEncounterIds(db: DbOrTx, encounterIds: string[]): Promise<Set<string>> {
  if (encounterIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('coding_encounter')
    .select('encounter_id')
    .where('encounter_id', 'in', encounterIds)
    .where('status', 'in', ['coded', 'final'])
    .execute();
  return new Set(rows.map((r) => r.encounter_id));
}

/** Final coded encounters finalized at or after `since`, after a keyset position (registry case finding). */
export async function finalCodingPage(
  db: DbOrTx,
  since: Date | null,
  after: { at: Date; id: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('coding_encounter')
    .select(['encounter_id', 'patient_id', 'diagnoses', 'finalized_at'])
    .where('status', '=', 'final')
    .where('finalized_at', 'is not', null)
    // Milliseconds: the cursor is a JS Date, and rows sharing a microsecond must not repeat a page forever.
    .orderBy(sql`date_trunc('milliseconds', finalized_at)`)
    .orderBy('encounter_id')
    .limit(limit);
  if (since) q = q.where('finalized_at', '>=', since);
  if (after)
    q = q.where(
      sql<boolean>`(date_trunc('milliseconds', finalized_at), encounter_id) > (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  return q.execute();
}
