import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import * as q from './disclosure.queries.ts';

/** The purpose line of the entry; it names the alert, which is what makes recording idempotent. */
export const violationPurpose = (alertId: string) =>
  `impermissible access found by privacy monitoring (alert #${alertId})`;

export interface ImpermissibleAccess {
  alertId: string;
  patientId: string;
  /** The day the access happened (the accounting lists the date of the disclosure, 164.528(b)(2)(i)). */
  day: string;
  /** The workforce member who accessed the record, e.g. "jdoe (nurse)". */
  workforceMember: string;
  description: string;
}

/**
 * Enters an impermissible access, found by privacy monitoring and closed as a violation, in the patient's
 * accounting of disclosures. 45 CFR 164.528(a) excepts only the listed disclosures; a use or disclosure in
 * violation of the Privacy Rule is not among them, so it must be accounted. Runs in the caller's
 * transaction (the alert's review), and writes at most one entry per alert: a re-review finds the entry.
 */
export async function recordImpermissibleAccess(
  ctx: RequestContext,
  trx: DbOrTx,
  v: ImpermissibleAccess,
): Promise<{ id: string; recorded: boolean }> {
  const purpose = violationPurpose(v.alertId);
  const existing = await q.disclosureWithPurpose(trx, v.patientId, purpose);
  if (existing) return { id: existing.id, recorded: false };
  const id = await q.insertDisclosureRecord(trx, {
    patient_id: v.patientId,
    request_id: null,
    disclosed_on: v.day,
    recipient_name: `Workforce member ${v.workforceMember}`,
    recipient_address: null,
    description: v.description,
    purpose,
    authorization_id: null,
    accountable: true,
    exempt_category: null,
    created_by: ctx.actor?.userId ?? null,
    created_at: ctx.clock.now(),
  });
  await recordAudit(trx, ctx, {
    action: 'disclosure.accounting.violation',
    patientIds: [v.patientId],
    resourceType: 'PrivacyAlert',
    resourceId: v.alertId,
    details: { disclosureId: id },
  });
  return { id, recorded: true };
}

/** When the alert's violation was entered in the accounting (the alert page says so), or null. */
export async function impermissibleAccessEntry(db: DbOrTx, patientId: string, alertId: string) {
  const row = await q.disclosureWithPurpose(db, patientId, violationPurpose(alertId));
  return row ? { id: row.id, enteredAt: row.created_at.toISOString() } : null;
}
