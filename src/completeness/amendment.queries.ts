import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type {
  AmendmentStatus,
  CompletenessAmendmentStatementTable,
  CompletenessAmendmentTable,
} from './completeness.tables.ts';

export type AmendmentRow = Selectable<CompletenessAmendmentTable>;
export type StatementRow = Selectable<CompletenessAmendmentStatementTable>;

export async function insertAmendment(db: DbOrTx, row: Insertable<CompletenessAmendmentTable>) {
  return db.insertInto('completeness_amendment').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findAmendment(db: DbOrTx, id: string, forUpdate = false) {
  let q = db.selectFrom('completeness_amendment').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Changes a pending request only (a decided one is final; returns undefined then). */
export async function updatePending(db: DbOrTx, id: string, patch: Updateable<CompletenessAmendmentTable>) {
  const { notify_parties, ...rest } = patch;
  return (
    db
      .updateTable('completeness_amendment')
      // pg sends a JS array as a PostgreSQL array; a jsonb column needs it as JSON text.
      .set(notify_parties ? { ...rest, notify_parties: sql`${JSON.stringify(notify_parties)}::jsonb` } : rest)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst()
  );
}

export async function insertStatement(db: DbOrTx, row: Insertable<CompletenessAmendmentStatementTable>) {
  return db
    .insertInto('completeness_amendment_statement')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function statementsOf(db: DbOrTx, amendmentIds: string[]): Promise<StatementRow[]> {
  if (amendmentIds.length === 0) return [];
  return (
    db
      .selectFrom('completeness_amendment_statement')
      .selectAll()
      .where('amendment_id', 'in', amendmentIds)
      .orderBy('recorded_at')
      // A rebuttal answers a disagreement, so on the same instant the disagreement comes first.
      .orderBy('kind')
      .orderBy('id')
      .execute()
  );
}

export interface AmendmentFilter {
  status?: AmendmentStatus | undefined;
  patientId?: string | undefined;
  authorId?: string | undefined;
  limit: number;
  offset: number;
}

/** A page of requests, earliest deadline first. */
export async function listAmendments(db: DbOrTx, f: AmendmentFilter) {
  let q = db.selectFrom('completeness_amendment');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.patientId) q = q.where('patient_id', '=', f.patientId);
  if (f.authorId) q = q.where('author_user_id', '=', f.authorId);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy(sql`coalesce(extended_due_on, due_on)`)
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Decided requests of a patient that name any of the entries (the disclosure packet's attachments). */
export async function decidedForEntries(db: DbOrTx, patientId: string, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('completeness_amendment')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('status', 'in', ['accepted', 'denied'])
    .where(sql<boolean>`entry_ids && ${sql.val(entryIds)}::uuid[]`)
    .orderBy('decided_at')
    .execute();
}
