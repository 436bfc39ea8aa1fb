import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import type { DateRange } from './search-params.ts';

/**
 * SQL for FHIR searches: it finds which records match and how many, by id. Loading the records, the
 * access decision and the audit event stay in the services (CONVENTIONS 4 and 7).
 */
export interface PatientCriteria {
  ids?: string[];
  /** Any identifier (MRN or external) equal to one of the values, optionally within a system. */
  identifiers?: { mrn: boolean; system?: string; value: string }[];
  name?: string[];
  family?: string[];
  given?: string[];
  birthDate?: DateRange;
  sex?: string[];
  phoneDigits?: string[];
  postalCode?: string[];
}

export interface PageArgs {
  limit: number;
  offset: number;
  sort?: { column: 'date' | 'updated'; desc: boolean };
}

const prefix = (v: string) => `${v.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const day = (iso: string) => iso.slice(0, 10);

type PatientEb = ExpressionBuilder<Database, 'patient'>;

function identifierMatch(eb: PatientEb, i: NonNullable<PatientCriteria['identifiers']>[number]) {
  const external = eb.exists(
    eb
      .selectFrom('patient_identifier as pi')
      .select('pi.id')
      .whereRef('pi.patient_id', '=', 'patient.id')
      .where('pi.value', '=', i.value)
      .$if(i.system !== undefined, (q) => q.where('pi.system', '=', i.system as string)),
  );
  if (i.mrn) return eb('patient.mrn', '=', i.value);
  return i.system === undefined ? eb.or([eb('patient.mrn', '=', i.value), external]) : external;
}

/** Ids of patients matching every criterion (parameters AND, values of one parameter OR). */
export async function searchPatientIds(db: DbOrTx, c: PatientCriteria, page: PageArgs) {
  let q = db.selectFrom('patient');
  if (c.ids) q = q.where('patient.id', 'in', c.ids.length ? c.ids : ['00000000-0000-0000-0000-000000000000']);
  if (c.identifiers) {
    const list = c.identifiers;
    q = q.where((eb) => eb.or(list.map((i) => identifierMatch(eb, i))));
  }
  for (const n of c.name ?? [])
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['patient.family_name']), 'like', prefix(n)),
        eb(eb.fn('lower', ['patient.given_name']), 'like', prefix(n)),
        eb(eb.fn('lower', ['patient.middle_name']), 'like', prefix(n)),
        eb.exists(
          eb
            .selectFrom('patient_other_name as o')
            .select('o.id')
            .whereRef('o.patient_id', '=', 'patient.id')
            .where(sql`lower(o.family_name)`, 'like', prefix(n)),
        ),
      ]),
    );
  for (const f of c.family ?? [])
    q = q.where((eb) => eb(eb.fn('lower', ['patient.family_name']), 'like', prefix(f)));
  for (const g of c.given ?? [])
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['patient.given_name']), 'like', prefix(g)),
        eb(eb.fn('lower', ['patient.middle_name']), 'like', prefix(g)),
      ]),
    );
  if (c.birthDate?.from) q = q.where('patient.birth_date', '>=', day(c.birthDate.from));
  if (c.birthDate?.to) q = q.where('patient.birth_date', '<', day(c.birthDate.to));
  if (c.sex)
    q = q.where('patient.sex_at_birth', 'in', c.sex.length ? (c.sex as ('F' | 'M' | 'U')[]) : ['X' as 'F']);
  if (c.phoneDigits)
    q = q.where((eb) =>
      eb.or(c.phoneDigits!.map((d) => eb(sql.val(d), '=', eb.fn.any('patient.phone_digits')))),
    );
  if (c.postalCode)
    q = q.where((eb) =>
      eb.or(c.postalCode!.map((p) => eb(eb.fn('lower', ['patient.postal_code']), 'like', prefix(p)))),
    );
  const column = page.sort?.column === 'date' ? 'patient.birth_date' : 'patient.updated_at';
  const [rows, count] = await Promise.all([
    q
      .select('patient.id')
      .orderBy(column, page.sort?.desc ? 'desc' : 'asc')
      .orderBy('patient.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(count.n) };
}

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

const NONE = '00000000-0000-0000-0000-000000000000';

/** Chart entries of the given kinds matching the criteria, one page plus the total. */
export async function searchEntryRows(db: DbOrTx, c: EntryCriteria, page: PageArgs & { dateKey?: string }) {
  if (c.kinds.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('chart_entry').where('kind', 'in', c.kinds);
  if (c.patientIds) q = q.where('patient_id', 'in', c.patientIds.length ? c.patientIds : [NONE]);
  if (c.ids) q = q.where('id', 'in', c.ids.length ? c.ids : [NONE]);
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
  if (c.patientIds) q = q.where('patient_id', 'in', c.patientIds.length ? c.patientIds : [NONE]);
  if (c.ids) q = q.where('id', 'in', c.ids.length ? c.ids : [NONE]);
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
  if (c.patientIds) q = q.where('patient_id', 'in', c.patientIds.length ? c.patientIds : [NONE]);
  if (c.ids) q = q.where('id', 'in', c.ids.length ? c.ids : [NONE]);
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

/** Which patient a chart row belongs to and its kind (for reads that must check access first). */
export async function chartOwner(
  db: DbOrTx,
  table: 'chart_entry' | 'chart_encounter' | 'chart_document',
  id: string,
) {
  if (table === 'chart_entry')
    return db
      .selectFrom('chart_entry')
      .select(['patient_id', 'kind'])
      .where('id', '=', id)
      .executeTakeFirst();
  const row = await db.selectFrom(table).select('patient_id').where('id', '=', id).executeTakeFirst();
  return row ? { patient_id: row.patient_id, kind: table } : undefined;
}

/** Active coverage rows of patients (Coverage search) or one by id. */
export async function coverageRows(db: DbOrTx, c: { patientIds?: string[]; id?: string }) {
  let q = db.selectFrom('patient_coverage').selectAll().where('status', '=', 'active');
  if (c.patientIds) q = q.where('patient_id', 'in', c.patientIds.length ? c.patientIds : [NONE]);
  if (c.id) q = q.where('id', '=', c.id);
  return q.orderBy('patient_id').orderBy('priority').execute();
}

export async function patientVersionRows(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('patient_version')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('version', 'desc')
    .execute();
}

export async function chartVersionRows(db: DbOrTx, entityId: string) {
  return db
    .selectFrom('chart_version as v')
    .leftJoin('access_user as u', 'u.id', 'v.changed_by')
    .selectAll('v')
    .select('u.full_name as changed_by_name')
    .where('v.entity_id', '=', entityId)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function userRows(db: DbOrTx, c: { ids?: string[]; name?: string }, page: PageArgs) {
  let q = db.selectFrom('access_user');
  if (c.ids) q = q.where('id', 'in', c.ids.length ? c.ids : [NONE]);
  if (c.name) q = q.where((eb) => eb(eb.fn('lower', ['full_name']), 'like', `%${c.name!.toLowerCase()}%`));
  const [rows, count] = await Promise.all([
    q
      .select(['id', 'username', 'full_name', 'credentials', 'active'])
      .orderBy('full_name')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function facilityRows(db: DbOrTx, c: { ids?: string[] }) {
  let q = db.selectFrom('access_facility').select(['id', 'code', 'name']);
  if (c.ids) q = q.where('id', 'in', c.ids.length ? c.ids : [NONE]);
  return q.orderBy('name').execute();
}

/** One audit-trail event by id (AuditEvent read); the columns the AuditEvent mapper shows. */
export async function auditEventRow(db: DbOrTx, id: string) {
  return db
    .selectFrom('audit_event')
    .select([
      'seq',
      'id',
      'occurred_at',
      'actor_user_id',
      'actor_username',
      'actor_roles',
      'action',
      'outcome',
      'patient_ids',
      'resource_type',
      'resource_id',
      'purpose_of_use',
      'break_glass',
      'source_ip',
      'channel',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}
