import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

/** All SQL of the registry dashboard and its reference tables (registry_reference). */

export const SITE_RECODE_TABLE = 'seer-site-recode-2023';

export async function saveReference(
  db: DbOrTx,
  row: { name: string; source_name: string; rows: unknown[]; loaded_by: string; loaded_at: Date },
): Promise<void> {
  const values = { ...row, rows: JSON.stringify(row.rows) };
  await db
    .insertInto('registry_reference')
    .values(values)
    .onConflict((oc) => oc.column('name').doUpdateSet(values))
    .execute();
}

export const findReference = (db: DbOrTx, name: string) =>
  db.selectFrom('registry_reference').selectAll().where('name', '=', name).executeTakeFirst();

export interface DashboardTumourRow {
  patient_id: string | null;
  site: string | null;
  histology: string | null;
  behaviour: string | null;
  diagnosis: string | null;
  stage: string | null;
}

/** The five items the dashboard counts, for every tumour (no names or other patient items). */
export async function dashboardTumourRows(db: DbOrTx): Promise<DashboardTumourRow[]> {
  return db
    .selectFrom('registry_tumour as t')
    .select([
      't.patient_id',
      sql<string | null>`t.items->>'primarySite'`.as('site'),
      sql<string | null>`t.items->>'histologicTypeIcdO3'`.as('histology'),
      sql<string | null>`t.items->>'behaviorCodeIcdO3'`.as('behaviour'),
      sql<string | null>`t.items->>'dateOfDiagnosis'`.as('diagnosis'),
      sql<string | null>`t.items->>'summaryStage2018'`.as('stage'),
    ])
    .execute();
}
