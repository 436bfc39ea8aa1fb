import { type RawBuilder, sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';

/**
 * What privacy monitoring (src/privacy, issue 23) reads from the access domain's tables: the audit trail
 * grouped into touches, care relationships, labels and staff links. The access domain owns these tables
 * and writes their SQL; the privacy domain calls these through access/index.ts.
 */

/** An event that opened one chart: a success by a signed-in user naming one patient, not privacy's own. */
const OPENED_ONE_CHART = sql<boolean>`e.outcome = 'success' and e.actor_user_id is not null
  and cardinality(e.patient_ids) = 1 and e.action not like 'privacy.%'`;

/** The keys `user|patient` of the pairs (users[i], patients[i]) for which `holds` (over c.u, c.p) is true. */
async function pairsWhere(
  db: DbOrTx,
  users: string[],
  patients: string[],
  holds: RawBuilder<boolean>,
): Promise<Set<string>> {
  if (users.length === 0) return new Set();
  const { rows } = await sql<{ k: string }>`
    select c.u::text || '|' || c.p::text as k
    from unnest(${users}::uuid[], ${patients}::uuid[]) as c(u, p)
    where ${holds}`.execute(db);
  return new Set(rows.map((r) => r.k));
}

/**
 * One row per user and patient for [from, to): every successful event a signed-in user made naming one
 * patient (a list naming many is a search, not an opened chart). The privacy domain's own events are
 * left out, so reviewing an alert does not raise one.
 */
export async function recordTouches(db: DbOrTx, from: Date, to: Date) {
  const { rows } = await sql<{
    user_id: string;
    username: string | null;
    roles: string | null;
    patient_id: string;
    n: number;
    first_at: Date;
    last_at: Date;
    break_glass: boolean;
    event_ids: string[];
  }>`
    select e.actor_user_id as user_id, max(e.actor_username) as username,
      max(array_to_string(e.actor_roles, ',')) as roles, e.patient_ids[1] as patient_id,
      count(*)::int as n, min(e.occurred_at) as first_at, max(e.occurred_at) as last_at,
      bool_or(e.break_glass) as break_glass,
      (array_agg(e.id order by e.occurred_at))[1:20] as event_ids
    from audit_event e
    where e.occurred_at >= ${from} and e.occurred_at < ${to} and ${OPENED_ONE_CHART}
    group by e.actor_user_id, e.patient_ids[1]`.execute(db);
  return rows;
}

/** Distinct charts per user per day over [from, to) (the volume rule's history, when none is kept yet). */
export async function dailyChartCounts(db: DbOrTx, from: Date, to: Date) {
  const { rows } = await sql<{ user_id: string; day: string; role: string | null; charts: number }>`
    select e.actor_user_id as user_id, to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD') as day,
      max(e.actor_roles[1]) as role, count(distinct e.patient_ids[1])::int as charts
    from audit_event e
    where e.occurred_at >= ${from} and e.occurred_at < ${to} and ${OPENED_ONE_CHART}
    group by 1, 2`.execute(db);
  return rows;
}

/** Pairs `user|patient` among the given ones with a care relationship valid at some time in [from, to). */
export async function careRelationshipPairs(
  db: DbOrTx,
  users: string[],
  patients: string[],
  from: Date,
  to: Date,
): Promise<Set<string>> {
  return pairsWhere(
    db,
    users,
    patients,
    sql`exists (select 1 from access_care_relationship r
      where r.user_id = c.u and r.patient_id = c.p and r.valid_from < ${to}
        and (r.valid_until is null or r.valid_until > ${from}))`,
  );
}

/**
 * Pairs among the given ones where the user did work on the patient in [from, to): an event that is not
 * a read (a registration, a coded encounter, a release, an abstract saved).
 */
export async function workTiePairs(
  db: DbOrTx,
  users: string[],
  patients: string[],
  from: Date,
  to: Date,
): Promise<Set<string>> {
  return pairsWhere(
    db,
    users,
    patients,
    sql`exists (select 1 from audit_event e
      where e.patient_ids @> array[c.p] and e.actor_user_id = c.u
        and e.occurred_at >= ${from} and e.occurred_at < ${to} and e.outcome = 'success'
        and e.action not like '%read%' and e.action <> 'breakglass.declare')`,
  );
}

/** Active restriction labels of the given patients. */
export async function labelsOf(db: DbOrTx, patients: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (patients.length === 0) return out;
  const { rows } = await sql<{ patient_id: string; label: string }>`
    select patient_id, label from access_patient_label
    where removed_at is null and patient_id = any(${patients}::uuid[])`.execute(db);
  for (const r of rows) {
    const s = out.get(r.patient_id) ?? new Set<string>();
    s.add(r.label);
    out.set(r.patient_id, s);
  }
  return out;
}

/** An alert's evidence timeline: the user's events on the patient (or on any patient) in [from, to). */
export async function touchEvents(
  db: DbOrTx,
  userId: string,
  patientId: string | null,
  from: Date,
  to: Date,
  limit = 200,
) {
  let q = db
    .selectFrom('audit_event')
    .select([
      'id',
      'occurred_at',
      'action',
      'outcome',
      'break_glass',
      'resource_type',
      'channel',
      'source_ip',
    ])
    .where('actor_user_id', '=', userId)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .where('action', 'not like', 'privacy.%');
  if (patientId) q = q.where(sql<boolean>`patient_ids @> array[${patientId}]::uuid[]`);
  return q.orderBy('occurred_at').limit(limit).execute();
}
