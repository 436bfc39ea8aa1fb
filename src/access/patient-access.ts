import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { unauthorized } from '../kernel/errors.ts';
import { recordDenied } from './audit/audit.service.ts';
import { accessErrors } from './errors.ts';
import {
  activeLabels,
  patientsUnderBreakGlass,
  patientsWithCareRelationship,
} from './patient-access.queries.ts';
import { CLINICAL_ROLES, type Permission, type Role } from './permissions.ts';

/**
 * Restriction labels on a whole patient record, and which roles may open such a record by job function
 * alone (without a care relationship). Sensitive-category labels (42 CFR Part 2, psychotherapy notes,
 * HIV/STI, reproductive, genetic, behavioural health) mostly sit on entries; on a patient they restrict
 * the whole record like `confidential`. Clinicians always need a care relationship or break-the-glass.
 */
export const RESTRICTION_LABELS = {
  vip: [
    'him_clerk',
    'roi_specialist',
    'coder',
    'biller',
    'cancer_registrar',
    'privacy_officer',
    'registration_clerk',
  ],
  employee: [
    'him_clerk',
    'roi_specialist',
    'coder',
    'biller',
    'cancer_registrar',
    'privacy_officer',
    'registration_clerk',
  ],
  confidential: ['him_clerk', 'roi_specialist', 'privacy_officer'],
  behavioral_health: ['him_clerk', 'roi_specialist', 'privacy_officer'],
  substance_use_part2: ['him_clerk', 'roi_specialist', 'privacy_officer'],
  hiv_sti: ['him_clerk', 'roi_specialist', 'privacy_officer'],
  reproductive: ['him_clerk', 'roi_specialist', 'privacy_officer'],
  genetic: ['him_clerk', 'roi_specialist', 'privacy_officer'],
  psychotherapy: ['roi_specialist', 'privacy_officer'],
} as const satisfies Record<string, Role[]>;

export type RestrictionLabel = keyof typeof RESTRICTION_LABELS;
export const isRestrictionLabel = (l: string): l is RestrictionLabel => l in RESTRICTION_LABELS;

export type PatientAccess = 'allowed' | 'break-glass' | 'restricted';

/**
 * Decides access to each patient for the current actor, in one round of queries.
 * @returns patient id → 'allowed' | 'break-glass' (allowed, flagged) | 'restricted'
 */
export async function patientAccess(
  ctx: RequestContext,
  db: DbOrTx,
  patientIds: string[],
): Promise<Map<string, PatientAccess>> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const ids = [...new Set(patientIds)];
  const out = new Map<string, PatientAccess>(ids.map((id) => [id, 'allowed']));
  const labels = await activeLabels(db, ids);
  const restrictedBy = new Map<string, string[]>();
  for (const { patient_id, label } of labels) {
    if (isRestrictionLabel(label))
      restrictedBy.set(patient_id, [...(restrictedBy.get(patient_id) ?? []), label]);
  }
  if (restrictedBy.size === 0) return out;

  const isClinician = actor.roles.some((r) => CLINICAL_ROLES.has(r as Role));
  const jobAllows = (label: RestrictionLabel) =>
    !isClinician && actor.roles.some((r) => (RESTRICTION_LABELS[label] as readonly string[]).includes(r));
  const candidates = [...restrictedBy.keys()];
  const now = ctx.clock.now();
  const [related, glass] = await Promise.all([
    patientsWithCareRelationship(db, actor.userId, candidates, now),
    patientsUnderBreakGlass(db, actor.userId, candidates, now),
  ]);
  for (const [patientId, ls] of restrictedBy) {
    const byJob = ls.every((l) => jobAllows(l as RestrictionLabel));
    if (byJob || related.has(patientId)) continue;
    if (glass.has(patientId)) {
      out.set(patientId, 'break-glass');
      ctx.breakGlassPatients ??= new Set();
      ctx.breakGlassPatients.add(patientId);
    } else {
      out.set(patientId, 'restricted');
    }
  }
  return out;
}

/**
 * The one gate for patient data (DESIGN invariant 1). Call it from every service that reads or writes a
 * patient's data, before the work, inside the same transaction as the audit event. Refusals are audited
 * in their own transaction so they survive the rollback.
 * @param permission - what the work needs, e.g. 'patient:read', 'chart:write'
 */
export async function assertCanSeePatient(
  ctx: RequestContext,
  db: DbOrTx,
  patientId: string,
  permission: Permission = 'patient:read',
): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (!actor.permissions.has(permission)) {
    await recordDenied(ctx, {
      action: 'patient.access_denied',
      patientIds: [patientId],
      details: { permission },
    });
    throw accessErrors.forbidden(permission);
  }
  const decision = (await patientAccess(ctx, db, [patientId])).get(patientId);
  if (decision === 'restricted') {
    await recordDenied(ctx, {
      action: 'patient.access_denied',
      patientIds: [patientId],
      details: { permission, reason: 'restricted' },
    });
    throw accessErrors.patientForbidden(actor.permissions.has('breakglass:use'));
  }
}
