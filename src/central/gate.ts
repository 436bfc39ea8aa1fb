import { recordAudit, recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { forbidden, unauthorized } from '../kernel/errors.ts';

export type CentralPermission = 'registry:read' | 'registry:write';

/**
 * Central registry data is patient data: a signed-in actor needs the registry permission; a CLI or job
 * context (an operator on the server) acts as the registry itself. Refusals are audited.
 */
export async function requireCentral(ctx: RequestContext, permission: CentralPermission): Promise<void> {
  if (!ctx.actor) {
    if (ctx.channel === 'cli' || ctx.channel === 'job') return;
    throw unauthorized();
  }
  if (ctx.actor.permissions.has(permission)) return;
  await recordDenied(ctx, { action: 'central.access_denied', details: { permission } });
  throw forbidden('You need the cancer registry permission for this (ask an administrator).', { permission });
}

/** Audits a central registry read or write in the caller's transaction. */
export const auditCentral = (
  db: DbOrTx,
  ctx: RequestContext,
  action: string,
  details?: Record<string, unknown>,
  resource?: { type: string; id: string },
) =>
  recordAudit(db, ctx, {
    action,
    resourceType: resource?.type,
    resourceId: resource?.id,
    details,
  });

export const actorName = (ctx: RequestContext): string => ctx.actor?.username ?? ctx.operator ?? 'system';
