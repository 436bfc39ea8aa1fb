import { sql } from 'kysely';
import { userDirectory } from '../access/index.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { patientDirectory } from '../patients/index.ts';
import type { DeficiencyStatus } from './completeness.tables.ts';

/** The queue counts its total up to this many. */
export const COUNT_CAP = 10_000;

export interface QueueRowFilter {
  status: DeficiencyStatus;
  responsibleId?: string | undefined;
  service?: string | undefined;
  ruleId?: string | undefined;
  facilityId?: string | undefined;
  encounterId?: string | undefined;
  /** Only those due at or before this instant (the age filter). */
  dueBefore?: Date | undefined;
  limit: number;
  offset: number;
}

function filtered(db: DbOrTx, f: QueueRowFilter) {
  let q = db.selectFrom('completeness_deficiency as d').where('d.status', '=', f.status);
  if (f.responsibleId) q = q.where('d.responsible_user_id', '=', f.responsibleId);
  if (f.service) q = q.where('d.service', '=', f.service);
  if (f.ruleId) q = q.where('d.rule_id', '=', f.ruleId);
  if (f.facilityId) q = q.where('d.facility_id', '=', f.facilityId);
  if (f.encounterId) q = q.where('d.encounter_id', '=', f.encounterId);
  if (f.dueBefore) q = q.where('d.due_at', '<=', f.dueBefore);
  return q;
}

/** A page of the deficiency queue, oldest due first, with patient and clinician names, and the total. */
export async function queuePage(db: DbOrTx, f: QueueRowFilter) {
  const q = filtered(db, f);
  const [rows, count] = await Promise.all([
    q
      .innerJoin(patientDirectory(db).as('p'), 'p.id', 'd.patient_id')
      .leftJoin(userDirectory(db).as('u'), 'u.id', 'd.responsible_user_id')
      .selectAll('d')
      .select(['p.mrn', 'p.family_name', 'p.given_name', 'u.full_name as responsible_name'])
      .orderBy('d.due_at')
      .orderBy('d.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    // The total is counted up to COUNT_CAP rows: an exact count over 100,000 open deficiencies costs more
    // than the page itself, and past that the queue shows "10,000+" (issue 5: first page p95 ≤ 100 ms).
    db
      .selectFrom(
        q
          .select('d.id')
          .limit(COUNT_CAP + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const n = Number(count.n);
  return { rows, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}
export type QueueRow = Awaited<ReturnType<typeof queuePage>>['rows'][number];

export async function queueRow(db: DbOrTx, id: string): Promise<QueueRow | undefined> {
  return db
    .selectFrom('completeness_deficiency as d')
    .innerJoin(patientDirectory(db).as('p'), 'p.id', 'd.patient_id')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'd.responsible_user_id')
    .selectAll('d')
    .select(['p.mrn', 'p.family_name', 'p.given_name', 'u.full_name as responsible_name'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** Open deficiencies, unsigned notes and open queries waiting on a clinician (the home page counts). */
export async function inboxCounts(db: DbOrTx, userId: string, now: Date) {
  const r = await db
    .selectFrom('completeness_deficiency')
    .select((eb) => [
      eb.fn.countAll<number>().as('open'),
      eb.fn.count<number>(sql`case when due_at < ${now} then 1 end`).as('overdue'),
    ])
    .where('responsible_user_id', '=', userId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const q = await db
    .selectFrom('completeness_query')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('addressee_user_id', '=', userId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const unsigned = await db
    .selectFrom('completeness_deficiency')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('responsible_user_id', '=', userId)
    .where('status', '=', 'open')
    .where('rule_id', 'in', ['unsigned-note', 'resident-cosign'])
    .executeTakeFirstOrThrow();
  return {
    deficiencies: Number(r.open),
    overdue: Number(r.overdue),
    queries: Number(q.n),
    unsignedNotes: Number(unsigned.n),
  };
}
