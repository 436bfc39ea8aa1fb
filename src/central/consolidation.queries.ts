import type { Insertable } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type { CentralTumourReportTable, CentralTumourTable, ConsolidatedItems } from './central.tables.ts';
import { NOT_CURRENT } from './linkage.queries.ts';

/** SQL of consolidation: persons to redo, their current records, their tumours. */

export const dirtyPersons = (db: DbOrTx, limit: number) =>
  db.selectFrom('central_person').select('id').where('dirty', '=', true).orderBy('id').limit(limit).execute();

/** The current records linked to these persons, with the source code. */
export const recordsOfPersons = (db: DbOrTx, ids: string[]) =>
  db
    .selectFrom('central_link as l')
    .innerJoin('central_record as r', 'r.id', 'l.record_id')
    .innerJoin('central_source as s', 's.id', 'r.source_id')
    .select(['l.person_id', 'r.id', 'r.items', 'r.tumours', 'r.received_at', 's.code'])
    .where('l.person_id', 'in', ids)
    .where('r.status', 'not in', NOT_CURRENT)
    .orderBy('r.received_at')
    .orderBy('r.id')
    .execute();

export const tumourAssignments = (db: DbOrTx, ids: string[]) =>
  db
    .selectFrom('central_tumour_report')
    .select(['person_id', 'tumour_id', 'record_id', 'tumour_index'])
    .where('person_id', 'in', ids)
    .execute();

/** Replaces the persons' tumours (ids kept where a tumour carries on) and sets their items. */
export async function replaceTumours(
  db: DbOrTx,
  ids: string[],
  tumours: Insertable<CentralTumourTable>[],
  reports: Insertable<CentralTumourReportTable>[],
): Promise<void> {
  await db.deleteFrom('central_tumour').where('person_id', 'in', ids).execute();
  if (tumours.length)
    await db
      .insertInto('central_tumour')
      .values(tumours.map((t) => ({ ...t, items: JSON.stringify(t.items) as never })))
      .execute();
  if (reports.length) await db.insertInto('central_tumour_report').values(reports).execute();
}

export const setPersonItems = (db: DbOrTx, id: string, items: ConsolidatedItems, at: Date) =>
  db
    .updateTable('central_person')
    .set({ items: JSON.stringify(items) as never, dirty: false, consolidated_at: at })
    .where('id', '=', id)
    .execute();
