import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { userDirectory } from '../access/index.ts';
import type { DbOrTx } from '../kernel/db.ts';
import type { CompletenessDeficiencyEventTable, CompletenessDeficiencyTable } from './completeness.tables.ts';

export type DeficiencyRow = Selectable<CompletenessDeficiencyTable>;

/** Open deficiencies of the given encounters. */
export async function openOf(db: DbOrTx, encounterIds: string[]): Promise<DeficiencyRow[]> {
  if (encounterIds.length === 0) return [];
  return db
    .selectFrom('completeness_deficiency')
    .selectAll()
    .where('encounter_id', 'in', encounterIds)
    .where('status', '=', 'open')
    .execute();
}

/**
 * Opens deficiencies; one already open for the same encounter, rule and item is left alone (the partial
 * unique index makes that hold under concurrent analyses too).
 */
export async function insertDeficiencies(db: DbOrTx, rows: Insertable<CompletenessDeficiencyTable>[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto('completeness_deficiency')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['encounter_id', 'rule_id', 'item_key']).where('status', '=', 'open').doNothing(),
    )
    .returning(['id', 'patient_id', 'responsible_user_id'])
    .execute();
}

export async function closeDeficiencies(
  db: DbOrTx,
  ids: string[],
  patch: { status: 'closed' | 'waived'; at: Date; by: string | null; reason: string },
) {
  if (ids.length === 0) return;
  await db
    .updateTable('completeness_deficiency')
    .set({ status: patch.status, closed_at: patch.at, closed_by: patch.by, close_reason: patch.reason })
    .where('id', 'in', ids)
    .where('status', '=', 'open')
    .execute();
}

export async function updateDeficiency(
  db: DbOrTx,
  id: string,
  patch: Updateable<CompletenessDeficiencyTable>,
) {
  return db
    .updateTable('completeness_deficiency')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function findDeficiency(db: DbOrTx, id: string, forUpdate = false) {
  let q = db.selectFrom('completeness_deficiency').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertEvents(db: DbOrTx, rows: Insertable<CompletenessDeficiencyEventTable>[]) {
  if (rows.length === 0) return;
  await db.insertInto('completeness_deficiency_event').values(rows).execute();
}

export async function eventsOf(db: DbOrTx, deficiencyId: string) {
  return db
    .selectFrom('completeness_deficiency_event as e')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'e.actor_user_id')
    .select(['e.action', 'e.from_user_id', 'e.to_user_id', 'e.reason', 'e.at', 'u.full_name as actor_name'])
    .where('e.deficiency_id', '=', deficiencyId)
    .orderBy('e.id')
    .execute();
}

/** Facility rule settings, hospital-wide ('*') first so the facility's own override them. */
export async function ruleSettings(db: DbOrTx, facilityKey: string) {
  return db
    .selectFrom('completeness_rule_setting')
    .selectAll()
    .where('facility_key', 'in', ['*', facilityKey])
    .orderBy(sql`facility_key = '*'`, 'desc')
    .execute();
}

export async function upsertRuleSetting(
  db: DbOrTx,
  row: {
    facility_key: string;
    rule_id: string;
    enabled: boolean;
    params: Record<string, number>;
    by: string;
    at: Date;
  },
) {
  const values = {
    facility_key: row.facility_key,
    rule_id: row.rule_id,
    enabled: row.enabled,
    params: sql`${JSON.stringify(row.params)}::jsonb`,
    updated_by: row.by,
    updated_at: row.at,
  };
  await db
    .insertInto('completeness_rule_setting')
    .values(values as never)
    .onConflict((oc) =>
      oc.columns(['facility_key', 'rule_id']).doUpdateSet({
        enabled: row.enabled,
        params: values.params as never,
        updated_by: row.by,
        updated_at: row.at,
      }),
    )
    .execute();
}

export async function agingPolicy(db: DbOrTx, facilityKey: string) {
  return db
    .selectFrom('completeness_aging_policy')
    .selectAll()
    .where('facility_key', 'in', ['*', facilityKey])
    .orderBy(sql`facility_key = '*'`)
    .executeTakeFirst();
}

export async function upsertAgingPolicy(
  db: DbOrTx,
  row: {
    facility_key: string;
    reminder_after_days: number;
    escalate_after_days: number;
    by: string;
    at: Date;
  },
) {
  const { by, at, ...rest } = row;
  await db
    .insertInto('completeness_aging_policy')
    .values({ ...rest, updated_by: by, updated_at: at })
    .onConflict((oc) =>
      oc.column('facility_key').doUpdateSet({
        reminder_after_days: rest.reminder_after_days,
        escalate_after_days: rest.escalate_after_days,
        updated_by: by,
        updated_at: at,
      }),
    )
    .execute();
}
