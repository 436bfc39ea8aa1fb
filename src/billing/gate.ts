import { actorName, auditPatientData, requireDomainPermission, visiblePatientIds } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';

export type BillingPermission = 'billing:read' | 'billing:write';

/**
 * Claims hold patient data: a signed-in actor needs the billing permission; a CLI or job context (an
 * operator on the server) acts as the billing office. Refusals are audited in their own transaction.
 */
export async function requireBilling(ctx: RequestContext, permission: BillingPermission): Promise<void> {
  await requireDomainPermission(
    ctx,
    'billing',
    permission,
    'You need the billing permission for this (ask an administrator).',
  );
}

/** Audits a billing read or write in the caller's transaction (patients named when few enough). */
export async function auditBilling(
  db: DbOrTx,
  ctx: RequestContext,
  action: string,
  patientIds: string[],
  details?: Record<string, unknown>,
  resource?: { type: string; id: string },
): Promise<void> {
  const patients = new Set(patientIds).size;
  await auditPatientData(db, ctx, action, patientIds, {
    details: { ...details, patients },
    resource,
    maxNamed: 1000,
  });
}

export { actorName };

/** Drops the patients whose record is restricted to this actor; CLI and job contexts see every patient. */
export const visiblePatients = visiblePatientIds;

/**
 * The list-read pattern of every billing work list: drop the rows of patients restricted to this actor,
 * map the rest to their API shape (the response allow-list), and audit the read with the patients shown,
 * in the caller's transaction (DESIGN invariant 1).
 * @param action - the audit action, e.g. `billing.eligibility_read`
 * @returns the visible items and how many rows were hidden (so a page total can be corrected)
 */
export async function visibleAudited<R extends { patient_id: string }, O extends { patientId: string }>(
  ctx: RequestContext,
  trx: DbOrTx,
  rows: R[],
  toOut: (row: R) => O,
  action: string,
): Promise<{ items: O[]; hidden: number }> {
  const visible = await visiblePatients(
    ctx,
    trx,
    rows.map((r) => r.patient_id),
  );
  const items = rows.filter((r) => visible.has(r.patient_id)).map(toOut);
  await auditBilling(
    trx,
    ctx,
    action,
    items.map((i) => i.patientId),
    { items: items.length },
  );
  return { items, hidden: rows.length - items.length };
}
