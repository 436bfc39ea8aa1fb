import { sql } from 'kysely';
import { encounterDirectory } from '../../chart/index.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { type WorkCount, workCount } from '../../kernel/work-queue.ts';
import { patientDirectory } from '../../patients/index.ts';

/**
 * Completed encounters not yet final-coded (the coder work queue's "open" filter), oldest discharge
 * first. Coding has no legal deadline here; the age is what the page shows.
 */
export function codingWork(db: DbOrTx, today: string): Promise<WorkCount> {
  const q = db
    .selectFrom(encounterDirectory(db).as('e'))
    .innerJoin(patientDirectory(db).as('p'), 'p.id', 'e.patient_id')
    .leftJoin('coding_encounter as c', 'c.encounter_id', 'e.id')
    .where('e.status', '=', 'completed')
    .where('e.entered_in_error', '=', false)
    .where('p.status', '=', 'active')
    .where(sql`coalesce(c.status, 'uncoded')`, 'in', ['uncoded', 'coded', 'on_hold'])
    .select([
      'e.id',
      sql<Date>`coalesce((e.data->>'dischargedAt')::timestamptz, e.starts_at)`.as('since'),
      sql<string | null>`null::date`.as('due'),
    ]);
  return workCount(db, q, today);
}
