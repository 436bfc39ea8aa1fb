import type { DbOrTx } from '../kernel/db.ts';
import { patientDirectory } from '../patients/index.ts';

export interface DemoPatientRow {
  id: string;
  sex_at_birth: 'F' | 'M' | 'U';
  birth_date: string;
}

/**
 * The newest active, living, unmerged adult patients (highest MRNs first: the ones `demo seed` just added),
 * through the patient index's directory fragment (issue 12 ownership).
 * @param bornOnOrBefore - adults only (a cancer storyline fits an adult; 'YYYY-MM-DD')
 */
export async function newestAdultPatients(
  db: DbOrTx,
  limit: number,
  bornOnOrBefore: string,
): Promise<DemoPatientRow[]> {
  return db
    .selectFrom(patientDirectory(db).as('p'))
    .select(['p.id', 'p.sex_at_birth', 'p.birth_date'])
    .where('p.status', '=', 'active')
    .where('p.merged_into', 'is', null)
    .where('p.date_of_death', 'is', null)
    .where('p.birth_date', '<=', bornOnOrBefore)
    .orderBy('p.mrn', 'desc')
    .limit(limit)
    .execute();
}
