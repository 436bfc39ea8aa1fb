import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { unauthorized } from '../kernel/errors.ts';
import { recordDenied } from './audit/audit.service.ts';
import { accessErrors } from './errors.ts';
import { patientsUnderBreakGlass, patientsWithCareRelationship } from './patient-access.queries.ts';
import { isRestrictionLabel, RESTRICTION_LABELS } from './patient-access.ts';
import { CLINICAL_ROLES, type Role } from './permissions.ts';

/**
 * Which sensitivity labels on individual chart items (42 CFR Part 2, psychotherapy notes 164.508(a)(2),
 * HIV/STI, reproductive, genetic, behavioural health) this actor may see for one patient. The rule is
 * the patient-level one applied per item: HIM and ROI roles by job function (RESTRICTION_LABELS);
 * clinicians only with a care relationship or under break-the-glass (flagged on the audit event).
 * @returns a predicate over label names; unknown labels are visible (they restrict nothing)
 */
export async function labelVisibility(
  ctx: RequestContext,
  db: DbOrTx,
  patientId: string,
): Promise<(label: string) => boolean> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const isClinician = actor.roles.some((r) => CLINICAL_ROLES.has(r as Role));
  const now = ctx.clock.now();
  const [related, glass] = await Promise.all([
    patientsWithCareRelationship(db, actor.userId, [patientId], now),
    patientsUnderBreakGlass(db, actor.userId, [patientId], now),
  ]);
  return (label: string) => {
    if (!isRestrictionLabel(label)) return true;
    const byJob =
      !isClinician && actor.roles.some((r) => (RESTRICTION_LABELS[label] as readonly string[]).includes(r));
    if (byJob || related.has(patientId)) return true;
    if (glass.has(patientId)) {
      ctx.breakGlassPatients ??= new Set();
      ctx.breakGlassPatients.add(patientId);
      return true;
    }
    return false;
  };
}

/** Refuses one labelled item the actor may not see, auditing the attempt (no label names leave the server). */
export async function denyLabelledItem(
  ctx: RequestContext,
  patientId: string,
  resourceType: string,
  resourceId: string,
): Promise<never> {
  await recordDenied(ctx, {
    action: 'chart.label_denied',
    patientIds: [patientId],
    resourceType,
    resourceId,
    details: { reason: 'sensitivity-label' },
  });
  throw accessErrors.patientForbidden(ctx.actor?.permissions.has('breakglass:use') ?? false);
}
