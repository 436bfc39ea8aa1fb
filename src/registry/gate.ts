import { patientAccess, recordAudit, recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { forbidden, unauthorized } from '../kernel/errors.ts';

export type RegistryPermission = 'registry:read' | 'registry:write';

/**
 * Registry data is patient data (issue 14: "the same permission gate and audit as the chart"). A signed-in
 * actor needs the permission; a CLI or job context (an operator on the server) acts as the registry itself.
 * Refusals are audited in their own transaction.
 */
export async function requireRegistry(ctx: RequestContext, permission: RegistryPermission): Promise<void> {
  if (!ctx.actor) {
    if (ctx.channel === 'cli' || ctx.channel === 'job') return;
    throw unauthorized();
  }
  if (ctx.actor.permissions.has(permission)) return;
  await recordDenied(ctx, { action: 'registry.access_denied', details: { permission } });
  throw forbidden('You need the cancer registry permission for this (ask an administrator).', { permission });
}

/**
 * Drops the patients whose record is restricted to this actor (restriction labels, like the chart).
 * CLI and job contexts see every patient.
 */
export async function visiblePatients(ctx: RequestContext, db: DbOrTx, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (!ctx.actor || unique.length === 0) return new Set(unique);
  const access = await patientAccess(ctx, db, unique);
  return new Set(unique.filter((id) => access.get(id) !== 'restricted'));
}

/** Audits a registry read or write of patient data in the caller's transaction. */
export async function auditRegistry(
  db: DbOrTx,
  ctx: RequestContext,
  action: string,
  patientIds: string[],
  details?: Record<string, unknown>,
  resource?: { type: string; id: string },
): Promise<void> {
  await recordAudit(db, ctx, {
    action,
    patientIds: [...new Set(patientIds)],
    resourceType: resource?.type,
    resourceId: resource?.id,
    details,
  });
}

export const actorName = (ctx: RequestContext): string => ctx.actor?.username ?? ctx.operator ?? 'system';
