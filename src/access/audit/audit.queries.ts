import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import type { ChainedEvent } from './audit-chain.ts';

/**
 * Appends events through the database function audit_append, which serialises writers with a
 * transaction-scoped advisory lock (held until commit, so the chain follows commit order), links each
 * event to the previous hash and inserts it. Callers write the audit event last in their transaction.
 */
export async function appendAuditEvents(
  trx: DbOrTx,
  rows: (Omit<ChainedEvent, 'prev_hash'> & { content_hash: string })[],
): Promise<void> {
  const payload = rows.map((r) => ({
    ...r,
    occurred_at: r.occurred_at.toISOString(),
    details: r.details ?? null,
  }));
  await sql`select audit_append(${JSON.stringify(payload)}::jsonb)`.execute(trx);
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
