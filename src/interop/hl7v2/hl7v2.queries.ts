import type { Insertable, Updateable } from 'kysely';
import { serviceAccountId } from '../../access/index.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import type { Hl7v2AttemptTable, Hl7v2MessageTable } from './hl7v2.tables.ts';

/** All SQL of the HL7 v2 interface (CONVENTIONS 4). */

export const INTERFACE_USERNAME = 'hl7v2-interface';

/** The interface's service account (created by the migration; it never signs in; access owns the row). */
export const interfaceUserId = (db: DbOrTx): Promise<string> => serviceAccountId(db, INTERFACE_USERNAME);

export async function insertMessage(db: DbOrTx, row: Insertable<Hl7v2MessageTable>): Promise<string> {
  const r = await db.insertInto('hl7v2_message').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Messages already received from this sender with this control id (oldest first). */
export async function messagesByControlId(db: DbOrTx, app: string, facility: string, controlId: string) {
  return db
    .selectFrom('hl7v2_message')
    .select(['id', 'content_hash', 'ack', 'outcome'])
    .where((eb) => eb.fn.coalesce('sending_application', eb.val('')), '=', app)
    .where((eb) => eb.fn.coalesce('sending_facility', eb.val('')), '=', facility)
    .where('control_id', '=', controlId)
    .orderBy('received_at')
    .execute();
}

export async function countDuplicate(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db
    .updateTable('hl7v2_message')
    .set((eb) => ({ duplicates: eb('duplicates', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
}

export async function findMessage(db: DbOrTx, id: string, forUpdate = false) {
  let q = db.selectFrom('hl7v2_message').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type MessageRow = NonNullable<Awaited<ReturnType<typeof findMessage>>>;

export async function updateMessage(db: DbOrTx, id: string, patch: Updateable<Hl7v2MessageTable>) {
  await db.updateTable('hl7v2_message').set(patch).where('id', '=', id).execute();
}

export async function insertAttempt(db: DbOrTx, row: Insertable<Hl7v2AttemptTable>) {
  await db.insertInto('hl7v2_attempt').values(row).execute();
}

export async function attemptsOf(db: DbOrTx, messageId: string) {
  return db
    .selectFrom('hl7v2_attempt')
    .select(['attempted_at', 'attempted_by', 'outcome', 'error'])
    .where('message_id', '=', messageId)
    .orderBy('attempted_at')
    .execute();
}

export interface MessageFilter {
  outcome?: 'AA' | 'AE' | 'AR' | undefined;
  limit: number;
  offset: number;
}

/** The monitor's page, newest first, without the raw text (PHI is shown only on the detail view). */
export async function listMessages(db: DbOrTx, f: MessageFilter) {
  let q = db.selectFrom('hl7v2_message');
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  const [rows, total] = await Promise.all([
    q
      .select([
        'id',
        'received_at',
        'source',
        'sending_application',
        'sending_facility',
        'control_id',
        'message_type',
        'outcome',
        'error',
        'patient_id',
        'duplicates',
        'attempts',
      ])
      .orderBy('received_at', 'desc')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Counts per outcome since a time (the monitor's header). */
export async function outcomeCounts(db: DbOrTx, since: Date) {
  return db
    .selectFrom('hl7v2_message')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('received_at', '>=', since)
    .groupBy('outcome')
    .execute();
}

export async function findVisit(db: DbOrTx, authority: string, visitNumber: string) {
  return db
    .selectFrom('hl7v2_visit')
    .select('encounter_id')
    .where('authority', '=', authority)
    .where('visit_number', '=', visitNumber)
    .executeTakeFirst();
}

export async function insertVisit(
  db: DbOrTx,
  row: { authority: string; visit_number: string; encounter_id: string; created_at: Date },
) {
  await db.insertInto('hl7v2_visit').values(row).execute();
}
