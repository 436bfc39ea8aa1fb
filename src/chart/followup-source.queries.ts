import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

export interface LatestContactRow {
  patient_id: string;
  kind: 'encounter' | 'result';
  id: string;
  /** YYYY-MM-DD (UTC) of the encounter's start or the result's performedAt. */
  day: string;
}

/**
 * Each patient's latest encounter that took place (arrived, in progress or completed; not entered in error)
 * and latest result (not entered in error), on or before `until`: the facts passive follow-up reads as the
 * date of last contact. One row per patient and kind; read through chart/index.ts.
 */
export async function latestContactRows(
  db: DbOrTx,
  patients: string[],
  until: Date,
): Promise<LatestContactRow[]> {
  if (patients.length === 0) return [];
  const { rows } = await sql<LatestContactRow>`
    (select distinct on (patient_id) patient_id, 'encounter' as kind, id::text as id,
        to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD') as day
      from chart_encounter
      where patient_id = any(${patients}::uuid[]) and not entered_in_error
        and status in ('arrived', 'in_progress', 'completed') and starts_at <= ${until}
      order by patient_id, starts_at desc, id)
    union all
    (select distinct on (patient_id) patient_id, 'result' as kind, id::text as id,
        to_char((data->>'performedAt')::timestamptz at time zone 'UTC', 'YYYY-MM-DD') as day
      from chart_entry
      where patient_id = any(${patients}::uuid[]) and kind = 'result' and not entered_in_error
        and data->>'performedAt' is not null and (data->>'performedAt')::timestamptz <= ${until}
      order by patient_id, (data->>'performedAt')::timestamptz desc, id)`.execute(db);
  return rows;
}
