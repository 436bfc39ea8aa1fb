import { type Insertable, sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import { patientDirectory } from '../patients/index.ts';
import type { AlertStatus, PrivacyScanTable } from './privacy.tables.ts';

/** An alert as the scan writes it (the queue keeps status, notes and version across rescans). */
export interface AlertRow {
  day: string;
  user_id: string;
  username: string;
  role: string | null;
  patient_id: string | null;
  rules: string[];
  evidence: unknown;
  event_count: number;
  first_at: string;
  last_at: string;
}

/**
 * Writes the day's alerts in one statement. A rescan of the same day meets the unique key (user,
 * patient, day): it adds newly fired rules and refreshes the evidence, and keeps the review state.
 * @returns how many were new and how many were already there
 */
export async function upsertAlerts(db: DbOrTx, rows: AlertRow[], now: Date) {
  if (rows.length === 0) return { created: 0, updated: 0 };
  const { rows: out } = await sql<{ inserted: boolean }>`
    insert into privacy_alert (day, user_id, username, role, patient_id, rules, evidence, event_count,
      first_at, last_at, created_at, updated_at)
    select x.day, x.user_id, x.username, x.role, x.patient_id, x.rules, x.evidence, x.event_count,
      x.first_at, x.last_at, ${now}, ${now}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(day date, user_id uuid, username text,
      role text, patient_id uuid, rules text[], evidence jsonb, event_count int, first_at timestamptz,
      last_at timestamptz)
    on conflict (user_id, coalesce(patient_id, '00000000-0000-0000-0000-000000000000'::uuid), day)
    do update set
      rules = array(select distinct r from unnest(privacy_alert.rules || excluded.rules) r order by r),
      evidence = excluded.evidence, event_count = excluded.event_count,
      first_at = least(privacy_alert.first_at, excluded.first_at),
      last_at = greatest(privacy_alert.last_at, excluded.last_at), updated_at = excluded.updated_at
    returning (xmax = 0) as inserted`.execute(db);
  const created = out.filter((r) => r.inserted).length;
  return { created, updated: out.length - created };
}

/** Replaces one day's per-user chart counts (the volume rule's history). */
export async function saveUserDays(
  db: DbOrTx,
  day: string,
  rows: { user_id: string; role: string | null; charts: number }[],
) {
  await db.deleteFrom('privacy_user_day').where('day', '=', day).execute();
  if (rows.length === 0) return;
  await sql`insert into privacy_user_day (user_id, day, role, charts)
    select x.user_id, ${day}::date, x.role, x.charts
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(user_id uuid, role text, charts int)`.execute(
    db,
  );
}

export async function addUserDays(
  db: DbOrTx,
  rows: { user_id: string; day: string; role: string | null; charts: number }[],
) {
  if (rows.length === 0) return;
  await sql`insert into privacy_user_day (user_id, day, role, charts)
    select x.user_id, x.day, x.role, x.charts
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(user_id uuid, day date, role text, charts int)
    on conflict (user_id, day) do nothing`.execute(db);
}

/** The per-user counts of days in [from, to) (exclusive of the scanned day). */
export async function userDays(db: DbOrTx, from: string, to: string) {
  return db
    .selectFrom('privacy_user_day')
    .select(['user_id', 'day', 'role', 'charts'])
    .where('day', '>=', from)
    .where('day', '<', to)
    .execute();
}

export async function daysWithHistory(db: DbOrTx, from: string, to: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('privacy_scan')
    .select('day')
    .distinct()
    .where('day', '>=', from)
    .where('day', '<', to)
    .execute();
  const kept = await db
    .selectFrom('privacy_user_day')
    .select('day')
    .distinct()
    .where('day', '>=', from)
    .where('day', '<', to)
    .execute();
  return new Set([...rows, ...kept].map((r) => r.day));
}

export async function insertScan(db: DbOrTx, row: Insertable<PrivacyScanTable>) {
  return db.insertInto('privacy_scan').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function lastScan(db: DbOrTx) {
  return db.selectFrom('privacy_scan').selectAll().orderBy('finished_at', 'desc').limit(1).executeTakeFirst();
}

export interface AlertFilter {
  status?: AlertStatus | 'open';
  rule?: string;
  userId?: string;
  patientId?: string;
  page: number;
  pageSize: number;
}

/** The alert queue: newest day first, with the patient's name and MRN from the patient index's fragment. */
export async function listAlerts(db: DbOrTx, f: AlertFilter) {
  let q = db.selectFrom('privacy_alert as a').leftJoin(patientDirectory(db).as('p'), 'p.id', 'a.patient_id');
  if (f.status === 'open') q = q.where('a.status', 'in', ['new', 'under_review']);
  else if (f.status) q = q.where('a.status', '=', f.status);
  if (f.rule) q = q.where(sql<boolean>`${f.rule} = any(a.rules)`);
  if (f.userId) q = q.where('a.user_id', '=', f.userId);
  if (f.patientId) q = q.where('a.patient_id', '=', f.patientId);
  const [items, total] = await Promise.all([
    q
      .select([
        'a.id',
        'a.day',
        'a.user_id',
        'a.username',
        'a.role',
        'a.patient_id',
        'a.rules',
        'a.status',
        'a.event_count',
        'a.first_at',
        'a.last_at',
        'a.version',
        'p.mrn',
        'p.family_name',
        'p.given_name',
      ])
      .orderBy('a.day', 'desc')
      .orderBy('a.seq', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function alertCounts(db: DbOrTx) {
  return db
    .selectFrom('privacy_alert')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
}

export async function alertById(db: DbOrTx, id: string) {
  return db
    .selectFrom('privacy_alert as a')
    .leftJoin(patientDirectory(db).as('p'), 'p.id', 'a.patient_id')
    .selectAll('a')
    .select(['p.mrn', 'p.family_name', 'p.given_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function alertHistory(db: DbOrTx, id: string) {
  return db
    .selectFrom('privacy_alert_history')
    .select(['at', 'by_name', 'from_status', 'to_status', 'notes'])
    .where('alert_id', '=', id)
    .orderBy('id')
    .execute();
}

/** Moves the alert on if nobody changed it since `version`; undefined when the version is stale. */
export async function reviewAlert(
  db: DbOrTx,
  id: string,
  version: number,
  change: { status: AlertStatus; notes: string | null; by: string; at: Date },
) {
  return db
    .updateTable('privacy_alert')
    .set({
      status: change.status,
      notes: change.notes,
      reviewed_by: change.by,
      reviewed_at: change.at,
      updated_at: change.at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

export async function addHistory(
  db: DbOrTx,
  row: {
    alert_id: string;
    at: Date;
    by_name: string;
    from_status: string | null;
    to_status: string;
    notes: string | null;
  },
) {
  await db.insertInto('privacy_alert_history').values(row).execute();
}

/** A user's charts per day, newest first (the access profile). */
export async function userProfileDays(db: DbOrTx, userId: string, from: string) {
  return db
    .selectFrom('privacy_user_day')
    .select(['day', 'role', 'charts'])
    .where('user_id', '=', userId)
    .where('day', '>=', from)
    .orderBy('day', 'desc')
    .execute();
}

const THRESHOLDS_KEY = 'privacy.thresholds';

export async function storedThresholds(db: DbOrTx): Promise<unknown> {
  const row = await db
    .selectFrom('kernel_setting')
    .select('value')
    .where('key', '=', THRESHOLDS_KEY)
    .executeTakeFirst();
  return row?.value;
}

export async function saveThresholds(db: DbOrTx, value: unknown) {
  await db
    .insertInto('kernel_setting')
    .values({ key: THRESHOLDS_KEY, value: JSON.stringify(value) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }),
    )
    .execute();
}

const ACCOUNT_VIOLATIONS_KEY = 'privacy.accountViolations';

/** The stored `privacy.accountViolations` policy (undefined when never set: the default applies). */
export async function storedAccountViolations(db: DbOrTx): Promise<unknown> {
  const row = await db
    .selectFrom('kernel_setting')
    .select('value')
    .where('key', '=', ACCOUNT_VIOLATIONS_KEY)
    .executeTakeFirst();
  return row?.value;
}

export async function saveAccountViolations(db: DbOrTx, on: boolean) {
  await db
    .insertInto('kernel_setting')
    .values({ key: ACCOUNT_VIOLATIONS_KEY, value: JSON.stringify(on) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(on), updated_at: new Date() }))
    .execute();
}
