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
