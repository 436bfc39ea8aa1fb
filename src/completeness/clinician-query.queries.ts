import type { Insertable, Selectable } from 'kysely';
import { userDirectory } from '../access/index.ts';
import type { DbOrTx } from '../kernel/db.ts';
import type { CompletenessQueryTable, QueryStatus } from './completeness.tables.ts';

export type QueryRow = Selectable<CompletenessQueryTable> & { addressee_name: string | null };

const withName = (db: DbOrTx) =>
  db
    .selectFrom('completeness_query as q')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'q.addressee_user_id')
    .selectAll('q')
    .select('u.full_name as addressee_name');

export async function insertQuery(db: DbOrTx, row: Insertable<CompletenessQueryTable>): Promise<string> {
  const r = await db.insertInto('completeness_query').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findQuery(db: DbOrTx, id: string): Promise<QueryRow | undefined> {
  return withName(db).where('q.id', '=', id).executeTakeFirst();
}

/** Locks the query row so two answers cannot race. */
export async function lockQuery(db: DbOrTx, id: string) {
  return db
    .selectFrom('completeness_query')
    .select(['id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Closes an open query with its answer; a closed one is left as it is (returns false). */
export async function closeWithAnswer(
  db: DbOrTx,
  id: string,
  a: { option: string | null; text: string | null; by: string; at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('completeness_query')
    .set({
      status: 'answered',
      answer_option: a.option,
      answer_text: a.text,
      answered_by: a.by,
      answered_at: a.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface QueryFilter {
  status?: QueryStatus | undefined;
  addresseeId?: string | undefined;
  encounterId?: string | undefined;
  limit: number;
  offset: number;
}

/** A page of queries, earliest due first, and the total. */
export async function listQueries(db: DbOrTx, f: QueryFilter) {
  let q = db.selectFrom('completeness_query as q');
  if (f.status) q = q.where('q.status', '=', f.status);
  if (f.addresseeId) q = q.where('q.addressee_user_id', '=', f.addresseeId);
  if (f.encounterId) q = q.where('q.encounter_id', '=', f.encounterId);
  const [rows, count] = await Promise.all([
    q
      .leftJoin(userDirectory(db).as('u'), 'u.id', 'q.addressee_user_id')
      .selectAll('q')
      .select('u.full_name as addressee_name')
      .orderBy('q.due_on')
      .orderBy('q.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Open queries on an encounter (they hold the chart from being final). */
export async function openQueryRows(db: DbOrTx, encounterId: string) {
  return db
    .selectFrom('completeness_query')
    .select(['id', 'patient_id', 'question', 'due_on', 'addressee_user_id', 'opened_at'])
    .where('encounter_id', '=', encounterId)
    .where('status', '=', 'open')
    .orderBy('opened_at')
    .execute();
}
