import { sql } from 'kysely';
import type { DbOrTx } from './db.ts';

/**
 * The statement a patient merge runs over a domain's mutable patient-scoped table (issue 12 merge handlers).
 * The owning domain names the table in its own *.queries.ts; the kernel only writes the update.
 * @returns the ids of the rows moved (kept so an unmerge moves exactly those back)
 */
export async function movePatientRows(
  db: DbOrTx,
  table: string,
  fromId: string,
  toId: string,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    update ${sql.table(table)} set patient_id = ${toId} where patient_id = ${fromId} returning id`.execute(
    db,
  );
  return rows.map((r) => r.id);
}

/** Re-points the given rows back, only where they still sit with `fromId`. */
export async function movePatientRowsBack(
  db: DbOrTx,
  table: string,
  ids: string[],
  fromId: string,
  toId: string,
): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    update ${sql.table(table)} set patient_id = ${toId}
    where id in (${sql.join(ids)}) and patient_id = ${fromId}`.execute(db);
}
