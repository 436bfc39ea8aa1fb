import { sql } from 'kysely';
import { userDirectory } from '../access/index.ts';
import { encounterDirectory } from '../chart/index.ts';
import type { DbOrTx } from '../kernel/db.ts';

const dischargedAt = sql<Date>`(e.data->>'dischargedAt')::timestamptz`;

/** Inpatient discharges in the period, per attending and per service (the rate's denominator). */
export async function dischargesInPeriod(db: DbOrTx, from: Date, to: Date) {
  return db
    .selectFrom(encounterDirectory(db).as('e'))
    .select([
      'e.provider_id',
      sql<string | null>`e.data->>'type'`.as('service'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('e.class', '=', 'inpatient')
    .where('e.entered_in_error', '=', false)
    .where(sql<boolean>`e.data->>'dischargedAt' is not null`)
    .where(dischargedAt, '>=', from)
    .where(dischargedAt, '<', to)
    .groupBy(['e.provider_id', sql`e.data->>'type'`])
    .execute();
}

/**
 * Open deficiencies on charts discharged in the period, with the responsible clinician, service, whether
 * past due now and days open; grouped by the caller.
 */
export async function openOnDischarges(db: DbOrTx, from: Date, to: Date) {
  return db
    .selectFrom('completeness_deficiency as d')
    .innerJoin(encounterDirectory(db).as('e'), 'e.id', 'd.encounter_id')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'd.responsible_user_id')
    .select([
      'd.encounter_id',
      'd.responsible_user_id',
      'u.full_name',
      'd.service',
      'd.due_at',
      'd.opened_at',
    ])
    .where('d.status', '=', 'open')
    .where('e.class', '=', 'inpatient')
    .where(sql<boolean>`e.data->>'dischargedAt' is not null`)
    .where(dischargedAt, '>=', from)
    .where(dischargedAt, '<', to)
    .execute();
}

export async function userNames(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom(userDirectory(db).as('u'))
    .select(['id', 'full_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}
