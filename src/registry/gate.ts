import { actorName, auditPatientData, requireDomainPermission, visiblePatientIds } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';

export type RegistryPermission = 'registry:read' | 'registry:write';

/**
 * Registry data is patient data (issue 14: "the same permission gate and audit as the chart"). A signed-in
 * actor needs the permission; a CLI or job context (an operator on the server) acts as the registry itself.
 * Refusals are audited in their own transaction.
 */
export async function requireRegistry(ctx: RequestContext, permission: RegistryPermission): Promise<void> {
  await requireDomainPermission(
    ctx,
    'registry',
    permission,
    'You need the cancer registry permission for this (ask an administrator).',
  );
}

/**
 * Drops the patients whose record is restricted to this actor (restriction labels, like the chart).
 * CLI and job contexts see every patient.
 */
export const visiblePatients = visiblePatientIds;

/** Audits a registry read or write of patient data in the caller's transaction. */
export async function auditRegistry(
  db: DbOrTx,
  ctx: RequestContext,
  action: string,
  patientIds: string[],
  details?: Record<string, unknown>,
  resource?: { type: string; id: string },
): Promise<void> {
  await auditPatientData(db, ctx, action, patientIds, { details, resource });
}

export { actorName };
