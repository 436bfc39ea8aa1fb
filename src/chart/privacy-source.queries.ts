import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

/**
 * The encounters privacy monitoring (issue 23) counts as a reason to open a chart: the patient's
 * encounters starting in [from, to), with their provider. Read through chart/index.ts.
 */
export async function encounterTies(db: DbOrTx, patients: string[], from: Date, to: Date) {
  if (patients.length === 0) return [];
  const { rows } = await sql<{ patient_id: string; provider_id: string | null }>`
    select distinct patient_id, provider_id from chart_encounter
    where patient_id = any(${patients}::uuid[]) and starts_at >= ${from} and starts_at < ${to}`.execute(db);
  return rows;
}
