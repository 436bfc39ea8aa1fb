import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { forbidden, unauthorized } from '../kernel/errors.ts';
import { recordAudit, recordDenied } from './audit/audit.service.ts';
import { patientAccess } from './patient-access.ts';
import type { Permission } from './permissions.ts';

/**
 * The permission gate a patient-data domain (billing, registry) puts in front of its services. A signed-in
 * actor needs the permission; a CLI or job context (an operator on the server) acts as the domain itself.
 * Refusals are audited in their own transaction as `<domain>.access_denied`.
 */
export async function requireDomainPermission(
  ctx: RequestContext,
  domain: string,
  permission: Permission,
  message: string,
): Promise<void> {
  if (!ctx.actor) {
    if (ctx.channel === 'cli' || ctx.channel === 'job') return;
    throw unauthorized();
  }
  if (ctx.actor.permissions.has(permission)) return;
  await recordDenied(ctx, { action: `${domain}.access_denied`, details: { permission } });
  throw forbidden(message, { permission });
}

/** Drops the patients whose record is restricted to this actor; CLI and job contexts see every patient. */
export async function visiblePatientIds(
  ctx: RequestContext,
  db: DbOrTx,
  ids: string[],
): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (!ctx.actor || unique.length === 0) return new Set(unique);
  const access = await patientAccess(ctx, db, unique);
  return new Set(unique.filter((id) => access.get(id) !== 'restricted'));
}

/**
 * Audits a read or write of patient data in the caller's transaction. With `maxNamed`, a bulk read names the
 * patients only when there are at most that many (the count is always in the details).
 */
export async function auditPatientData(
  db: DbOrTx,
  ctx: RequestContext,
  action: string,
  patientIds: string[],
  options: {
    details?: Record<string, unknown>;
    resource?: { type: string; id: string };
    maxNamed?: number;
  } = {},
): Promise<void> {
  const ids = [...new Set(patientIds)];
  const named = options.maxNamed === undefined || ids.length <= options.maxNamed;
  await recordAudit(db, ctx, {
    action,
    patientIds: named ? ids : [],
    resourceType: options.resource?.type,
    resourceId: options.resource?.id,
    details: options.details,
  });
}

export const actorName = (ctx: RequestContext): string => ctx.actor?.username ?? ctx.operator ?? 'system';
