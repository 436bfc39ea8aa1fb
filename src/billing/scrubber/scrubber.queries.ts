import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import type { ClaimStatus } from '../billing.tables.ts';

/** The statuses a claim can be scrubbed in (before it leaves in a batch). */
export const SCRUBBABLE: ClaimStatus[] = ['draft', 'scrubbed', 'ready'];

/** Ids of the claims to scrub, in control-number order (all scrubbable ones, or the given ones). */
export async function scrubbableClaimIds(db: DbOrTx, ids?: string[]): Promise<string[]> {
  let q = db
    .selectFrom('billing_claim')
    .select('id')
    .where('status', 'in', SCRUBBABLE)
    .orderBy('patient_control_number');
  if (ids) q = q.where('id', 'in', ids);
  return (await q.execute()).map((r) => r.id);
}

/** The claims of one chunk, locked for the scrub (a concurrent batch skips them rather than waiting). */
export async function lockClaims(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('billing_claim')
    .selectAll()
    .where('id', 'in', ids)
    .where('status', 'in', SCRUBBABLE)
    .orderBy('patient_control_number')
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function linesOf(db: DbOrTx, claimIds: string[]) {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('billing_claim_line')
    .selectAll()
    .where('claim_id', 'in', claimIds)
    .orderBy('claim_id')
    .orderBy('line_no')
    .execute();
}

export async function payersByRef(db: DbOrTx, refs: string[]) {
  if (refs.length === 0) return [];
  return db
    .selectFrom('billing_payer')
    .selectAll()
    .where('id', 'in', [...new Set(refs)])
    .execute();
}

/** Writes a scrub's outcome in one statement: status, findings, next version (the caller appends the history). */
export async function saveScrub(
  db: DbOrTx,
  rows: { id: string; status: ClaimStatus; findings: unknown[]; version: number }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await sql`update billing_claim c
    set status = x.status, findings = x.findings, version = x.version, updated_at = ${now}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as x(id uuid, status text, findings jsonb, version integer)
    where c.id = x.id`.execute(db);
}
