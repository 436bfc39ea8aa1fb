import { patientAccess, recordAudit, recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { forbidden, unauthorized } from '../kernel/errors.ts';

export type BillingPermission = 'billing:read' | 'billing:write';

/**
 * Claims hold patient data: a signed-in actor needs the billing permission; a CLI or job context (an
 * operator on the server) acts as the billing office. Refusals are audited in their own transaction.
 */
export async function requireBilling(ctx: RequestContext, permission: BillingPermission): Promise<void> {
  if (!ctx.actor) {
    if (ctx.channel === 'cli' || ctx.channel === 'job') return;
    throw unauthorized();
  }
  if (ctx.actor.permissions.has(permission)) return;
  await recordDenied(ctx, { action: 'billing.access_denied', details: { permission } });
  throw forbidden('You need the billing permission for this (ask an administrator).', { permission });
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
  const ids = [...new Set(patientIds)];
  await recordAudit(db, ctx, {
    action,
    patientIds: ids.length <= 1000 ? ids : [],
    resourceType: resource?.type,
    resourceId: resource?.id,
    details: { ...details, patients: ids.length },
  });
}

export const actorName = (ctx: RequestContext): string => ctx.actor?.username ?? ctx.operator ?? 'system';

/** Drops the patients whose record is restricted to this actor; CLI and job contexts see every patient. */
export async function visiblePatients(ctx: RequestContext, db: DbOrTx, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (!ctx.actor || unique.length === 0) return new Set(unique);
  const access = await patientAccess(ctx, db, unique);
  return new Set(unique.filter((id) => access.get(id) !== 'restricted'));
}
