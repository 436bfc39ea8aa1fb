import { type Insertable, sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type {
  DisclosureAccountingRequestTable,
  DisclosureDeliveryTable,
  DisclosurePacketTable,
  DisclosurePatientPreferenceTable,
} from './disclosure.tables.ts';

/** All SQL for packets, deliveries, patient preferences, accounting requests and release settings. */

export async function activePreferences(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('disclosure_patient_preference')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('ended_at', 'is', null)
    .orderBy('recorded_at')
    .execute();
}

export async function insertPreference(db: DbOrTx, row: Insertable<DisclosurePatientPreferenceTable>) {
  const { id } = await db
    .insertInto('disclosure_patient_preference')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findPreference(db: DbOrTx, id: string) {
  return db.selectFrom('disclosure_patient_preference').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ends a preference (the row stays, stamped with who ended it, when and why). */
export async function endPreference(db: DbOrTx, id: string, by: string, at: Date, reason: string) {
  await db
    .updateTable('disclosure_patient_preference')
    .set({ ended_at: at, ended_by: by, end_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
}

export async function latestPacket(db: DbOrTx, requestId: string) {
  return db
    .selectFrom('disclosure_packet')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('build_no', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertPacket(db: DbOrTx, row: Omit<Insertable<DisclosurePacketTable>, 'build_no'>) {
  const { n } = await db
    .selectFrom('disclosure_packet')
    .select((eb) => eb.fn.coalesce(eb.fn.max('build_no'), sql<number>`0`).as('n'))
    .where('request_id', '=', row.request_id)
    .executeTakeFirstOrThrow();
  return db
    .insertInto('disclosure_packet')
    .values({ ...row, build_no: Number(n) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setPacketQa(
  db: DbOrTx,
  id: string,
  qa: { qa_status: 'approved' | 'rejected'; qa_by: string; qa_at: Date; qa_note: string | null },
) {
  await db.updateTable('disclosure_packet').set(qa).where('id', '=', id).execute();
}

export async function insertDelivery(db: DbOrTx, row: Insertable<DisclosureDeliveryTable>) {
  return db.insertInto('disclosure_delivery').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deliveriesOf(db: DbOrTx, requestId: string) {
  return db
    .selectFrom('disclosure_delivery')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .execute();
}

export async function findDeliveryByToken(db: DbOrTx, tokenHash: string) {
  return db
    .selectFrom('disclosure_delivery')
    .innerJoin('disclosure_packet', 'disclosure_packet.id', 'disclosure_delivery.packet_id')
    .innerJoin('disclosure_request', 'disclosure_request.id', 'disclosure_delivery.request_id')
    .selectAll('disclosure_delivery')
    .select(['disclosure_packet.pdf_sha256', 'disclosure_request.request_no'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Counts one download, only while the link has downloads left (atomic, so two clicks cannot both pass). */
export async function countDownload(db: DbOrTx, id: string): Promise<boolean> {
  const res = await db
    .updateTable('disclosure_delivery')
    .set({ downloads: sql`downloads + 1` })
    .where('id', '=', id)
    .where(sql<boolean>`downloads < max_downloads`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertAccountingRequest(db: DbOrTx, row: Insertable<DisclosureAccountingRequestTable>) {
  return db.insertInto('disclosure_accounting_request').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function accountingRequests(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('disclosure_accounting_request')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('received_on', 'desc')
    .execute();
}

export async function findAccountingRequest(db: DbOrTx, id: string) {
  return db.selectFrom('disclosure_accounting_request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markAccountingFulfilled(db: DbOrTx, id: string, on: string) {
  await db
    .updateTable('disclosure_accounting_request')
    .set({ fulfilled_on: on })
    .where('id', '=', id)
    .where('fulfilled_on', 'is', null)
    .execute();
}

export async function readSetting(db: DbOrTx, key: string): Promise<unknown> {
  const row = await db
    .selectFrom('disclosure_setting')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: DbOrTx, key: string, value: unknown, by: string | null, at: Date) {
  await db
    .insertInto('disclosure_setting')
    .values({ key, value: JSON.stringify(value), updated_by: by, updated_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_by: by, updated_at: at }),
    )
    .execute();
}
