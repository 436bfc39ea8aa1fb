import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import type { AuditEventTable } from '../access.tables.ts';

/** Arbitrary constant naming the audit chain's advisory lock. */
const AUDIT_CHAIN_LOCK = 72_011_204;

export type AuditRow = Omit<AuditEventTable, 'seq'>;

/**
 * Serialises writers of the chain until the surrounding transaction ends, so each event links to the
 * one committed before it. Callers write the audit event last in their transaction to hold it briefly.
 */
export async function lockChain(trx: DbOrTx): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
}

export async function lastHash(trx: DbOrTx): Promise<string | null> {
  const row = await trx
    .selectFrom('audit_event')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hash ?? null;
}

export async function insertAuditEvents(trx: DbOrTx, rows: AuditRow[]): Promise<void> {
  await trx
    .insertInto('audit_event')
    .values(
      rows.map((r) => ({
        ...r,
        details: r.details === undefined || r.details === null ? null : JSON.stringify(r.details),
      })),
    )
    .execute();
}

/** Events after `afterSeq` in chain order, for verification in batches. */
export async function auditBatch(db: DbOrTx, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
