import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import { type WorkCount, workCount } from '../kernel/work-queue.ts';

/**
 * Months from first contact to a complete abstract: the Commission on Cancer's abstracting timeliness
 * standard (cases abstracted within six months of the date of first contact, NAACCR item #580), which
 * also fits most state central registries' six-month reporting window.
 */
export const ABSTRACT_WITHIN_MONTHS = 6;

/** #580 Date of First Contact (YYYYMMDD; partial or blank dates fall back to the abstract's creation). */
const firstContact = sql<string>`case when items->>'dateOfFirstContact' ~ '^[0-9]{8}$'
  then to_date(items->>'dateOfFirstContact', 'YYYYMMDD')
  else (created_at at time zone 'UTC')::date end`;

/** Abstracts still being abstracted, each due six months after its first contact. */
export function abstractingWork(db: DbOrTx, today: string): Promise<WorkCount> {
  const q = db
    .selectFrom('registry_tumour')
    .select([
      'id',
      'created_at as since',
      sql<string>`((${firstContact}) + interval '${sql.lit(ABSTRACT_WITHIN_MONTHS)} months')::date::text`.as(
        'due',
      ),
    ])
    .where('status', '=', 'abstracting');
  return workCount(db, q, today);
}

/**
 * Open case-finding hits. The hit is the registry's first contact with the case, so its six-month clock
 * starts at the source (encounter, problem, pathology report) and, without a date, when it was found.
 */
export function suspenseWork(db: DbOrTx, today: string): Promise<WorkCount> {
  const q = db
    .selectFrom('registry_suspense')
    .select([
      'id',
      'found_at as since',
      sql<string>`(coalesce(source_date::date, (found_at at time zone 'UTC')::date)
        + interval '${sql.lit(ABSTRACT_WITHIN_MONTHS)} months')::date::text`.as('due'),
    ])
    .where('status', '=', 'open');
  return workCount(db, q, today);
}
