import { sql } from 'kysely';
import { userDirectory } from '../access/index.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { type DateRange, NO_ID, type PageArgs } from '../kernel/paging.ts';

/**
 * Criteria searches over the chart for the FHIR facade (Observation, Condition, Encounter,
 * DocumentReference …, Provenance): the chart writes the SQL over its tables; the caller checks access,
 * filters labels and audits (issue 12). Content passes the caller's label filter before it is shown.
 */
export interface EntryCriteria {
  kinds: string[];
  patientIds?: string[];
  ids?: string[];
  /** data->>key equal to one of the values (an empty list matches nothing). */
  equals?: { keys: string[]; values: string[]; orKinds?: string[] }[];
  enteredInError?: boolean;
  date?: { key: string; range: DateRange; cast: 'date' | 'timestamptz' };
  number?: { key: string; op: '=' | '>' | '>=' | '<' | '<='; value: number };
}

/** Chart entries of the given kinds matching the criteria, one page plus the total. */
export async function searchEntryRows(db: DbOrTx, c: EntryCriteria, page: PageArgs & { dateKey?: string }) {
  if (c.kinds.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('chart_entry').where('kind', 'in', c.kinds);
  if (c.patientIds) q = q.where('patient_id', 'in', c.patientIds.length ? c.patientIds : [NO_ID]);
  if (c.ids) q = q.where('id', 'in', c.ids.length ? c.ids : [NO_ID]);
  for (const e of c.equals ?? [])
    q = q.where((eb) =>
      eb.or(
        e.keys.flatMap((k) =>
          e.values.length ? [eb(eb.ref('data', '->>').key(k), 'in', e.values)] : [eb.val(false)],
        ),
      ),
    );
  if (c.enteredInError !== undefined) q = q.where('entered_in_error', '=', c.enteredInError);
  if (c.date) {
    // Stored values were validated as dates / ISO instants on write, so the casts cannot fail.
    const col =
      c.date.cast === 'date' ? sql`(data->>${c.date.key})::date` : sql`(data->>${c.date.key})::timestamptz`;
    const at = (iso: string) => (c.date?.cast === 'date' ? iso.slice(0, 10) : iso);
    if (c.date.range.from) q = q.where(col, '>=', at(c.date.range.from));
    if (c.date.range.to) q = q.where(col, '<', at(c.date.range.to));
  }
  if (c.number) q = q.where(sql`(data->>${c.number.key})::float8`, c.number.op, c.number.value);
  const order = page.sort?.column === 'date' && page.dateKey ? sql`data->>${page.dateKey}` : sql`updated_at`;
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy(order, (ob) => (page.sort?.desc ? ob.desc() : ob.asc()).nullsLast())
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export interface EncounterCriteria {
  patientIds?: string[];
  ids?: string[];
  statuses?: string[];
  enteredInError?: boolean;
  classes?: string[];
  date?: DateRange;
}

export async function searchEncounterRows(db: DbOrTx, c: EncounterCriteria, page: PageArgs) {
  let q = db.selectFrom('chart_encounter');
  if (c.patientIds) q = q.where('patient_id', 'in', c.patientIds.length ? c.patientIds : [NO_ID]);
  if (c.ids) q = q.where('id', 'in', c.ids.length ? c.ids : [NO_ID]);
  if (c.statuses) q = q.where('status', 'in', (c.statuses.length ? c.statuses : ['none']) as never[]);
  if (c.enteredInError !== undefined) q = q.where('entered_in_error', '=', c.enteredInError);
  if (c.classes) q = q.where('class', 'in', (c.classes.length ? c.classes : ['none']) as never[]);
  if (c.date?.from) q = q.where('starts_at', '>=', new Date(c.date.from));
  if (c.date?.to) q = q.where('starts_at', '<', new Date(c.date.to));
  const column = page.sort?.column === 'date' ? 'starts_at' : 'updated_at';
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy(column, page.sort?.desc ? 'desc' : 'asc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function searchDocumentRows(
  db: DbOrTx,
  c: { patientIds?: string[]; ids?: string[] },
  page: PageArgs,
) {
  let q = db.selectFrom('chart_document');
  if (c.patientIds) q = q.where('patient_id', 'in', c.patientIds.length ? c.patientIds : [NO_ID]);
  if (c.ids) q = q.where('id', 'in', c.ids.length ? c.ids : [NO_ID]);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('service_date', page.sort?.desc ? 'desc' : 'asc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function chartVersionRows(db: DbOrTx, entityId: string) {
  return db
    .selectFrom('chart_version as v')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'v.changed_by')
    .selectAll('v')
    .select('u.full_name as changed_by_name')
    .where('v.entity_id', '=', entityId)
    .orderBy('v.version', 'desc')
    .execute();
}

/** Patients of the given encounters (to check an entry's encounter belongs to its patient). */
export async function encounterPatients(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('chart_encounter')
    .select(['id', 'patient_id'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.patient_id]));
}
