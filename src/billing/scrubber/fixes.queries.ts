import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import { SCRUBBABLE } from './scrubber.queries.ts';

/** One claim not yet sent, locked for a fix (waits for a scrub or batch holding it). */
export async function lockOpenClaim(db: DbOrTx, id: string) {
  return db
    .selectFrom('billing_claim')
    .selectAll()
    .where('id', '=', id)
    .where('status', 'in', SCRUBBABLE)
    .forUpdate()
    .executeTakeFirst();
}

/** The claim's status whatever it is (to tell "not found" from "already sent"). */
export async function claimStatusOf(db: DbOrTx, id: string) {
  return db
    .selectFrom('billing_claim')
    .select(['status', 'patient_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Writes a fixed claim's total, prior-auth number and version (the caller appends the history). */
export async function saveFixedClaim(
  db: DbOrTx,
  id: string,
  set: { charge?: number; priorAuthNumber?: string; version: number; now: Date },
): Promise<void> {
  await db
    .updateTable('billing_claim')
    .set({
      version: set.version,
      updated_at: set.now,
      ...(set.charge !== undefined ? { charge: set.charge } : {}),
      ...(set.priorAuthNumber !== undefined
        ? { details: sql`details || ${JSON.stringify({ priorAuthNumber: set.priorAuthNumber })}::jsonb` }
        : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function setLinePointers(
  db: DbOrTx,
  claimId: string,
  lineNo: number,
  pointers: number[],
): Promise<void> {
  await db
    .updateTable('billing_claim_line')
    .set({ diagnosis_pointers: pointers })
    .where('claim_id', '=', claimId)
    .where('line_no', '=', lineNo)
    .execute();
}
