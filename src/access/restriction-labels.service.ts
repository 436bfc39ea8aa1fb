import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { conflict, type FieldIssue, unauthorized, validationFailed } from '../kernel/errors.ts';
import { recordAudit } from './audit/audit.service.ts';
import { assertCanSeePatient, isRestrictionLabel, RESTRICTION_LABELS } from './patient-access.ts';
import { endActiveLabel, insertActiveLabel, labelHistory } from './restriction-labels.queries.ts';

/** What a privacy officer or HIM sends to set or remove a label (issue 23). */
export interface RestrictionChange {
  label?: string;
  reason?: string;
}

export interface RestrictionHistoryItem {
  id: string;
  label: string;
  reason: string | null;
  setAt: string;
  setBy: string | null;
  removedAt: string | null;
  removedBy: string | null;
  removedReason: string | null;
  active: boolean;
}

export interface RestrictionLabels {
  patientId: string;
  active: string[];
  history: RestrictionHistoryItem[];
  /** Every label that may be set, for the control's list. */
  available: string[];
}

const restrictionErrors = {
  alreadySet: (label: string) =>
    conflict('LABEL_ALREADY_SET', `This record already carries the "${label}" restriction.`),
  notSet: (label: string) =>
    conflict('LABEL_NOT_SET', `This record does not carry the "${label}" restriction; nothing was removed.`),
};

const MAX_REASON = 1000;

function validate(input: RestrictionChange): { label: string; reason: string } {
  const issues: FieldIssue[] = [];
  const label = (input.label ?? '').trim();
  const reason = (input.reason ?? '').trim();
  if (!label) issues.push({ field: 'label', message: 'Choose a restriction label.' });
  else if (!isRestrictionLabel(label))
    issues.push({
      field: 'label',
      message: `Unknown restriction label "${label}". Use one of: ${Object.keys(RESTRICTION_LABELS).join(', ')}.`,
    });
  if (!reason) issues.push({ field: 'reason', message: 'Give the reason for this change; it is kept.' });
  else if (reason.length > MAX_REASON)
    issues.push({ field: 'reason', message: `Keep the reason under ${MAX_REASON} characters.` });
  if (issues.length) throw validationFailed(issues);
  return { label, reason };
}

/**
 * Who is changing labels: a signed-in user needs `patient:restrict` and must be able to open the record
 * (both checked and denials audited by the gate); a CLI operator is trusted like `migrate`.
 */
async function authorize(ctx: RequestContext, trx: DbOrTx, patientId: string) {
  if (ctx.actor) {
    await assertCanSeePatient(ctx, trx, patientId, 'patient:restrict');
    return { userId: ctx.actor.userId, name: ctx.actor.username };
  }
  if (ctx.channel === 'cli' && ctx.operator) return { userId: null, name: ctx.operator };
  throw unauthorized();
}

/** Sets a restriction label with its reason. Call inside the caller's transaction. */
export async function setRestrictionLabel(
  ctx: RequestContext,
  trx: DbOrTx,
  patientId: string,
  input: RestrictionChange,
): Promise<RestrictionLabels> {
  const who = await authorize(ctx, trx, patientId);
  const { label, reason } = validate(input);
  const id = await insertActiveLabel(trx, {
    patient_id: patientId,
    label,
    note: reason,
    created_at: ctx.clock.now(),
    created_by: who.userId,
    created_by_name: who.name,
  });
  if (!id) throw restrictionErrors.alreadySet(label);
  await recordAudit(trx, ctx, {
    action: 'patient.restrict',
    patientIds: [patientId],
    resourceType: 'RestrictionLabel',
    resourceId: id,
    details: { label },
  });
  return history(trx, patientId);
}

/** Removes an active restriction label, with the reason. Call inside the caller's transaction. */
export async function removeRestrictionLabel(
  ctx: RequestContext,
  trx: DbOrTx,
  patientId: string,
  input: RestrictionChange,
): Promise<RestrictionLabels> {
  const who = await authorize(ctx, trx, patientId);
  const { label, reason } = validate(input);
  const id = await endActiveLabel(trx, patientId, label, {
    removed_at: ctx.clock.now(),
    removed_by: who.userId,
    removed_by_name: who.name,
    removed_reason: reason,
  });
  if (!id) throw restrictionErrors.notSet(label);
  await recordAudit(trx, ctx, {
    action: 'patient.unrestrict',
    patientIds: [patientId],
    resourceType: 'RestrictionLabel',
    resourceId: id,
    details: { label },
  });
  return history(trx, patientId);
}

/** The labels a record carries and their history (who, when, why; removed by whom, why). Audited. */
export async function restrictionLabels(
  ctx: RequestContext,
  trx: DbOrTx,
  patientId: string,
): Promise<RestrictionLabels> {
  await authorize(ctx, trx, patientId);
  const out = await history(trx, patientId);
  await recordAudit(trx, ctx, {
    action: 'patient.restriction_labels.read',
    patientIds: [patientId],
    resourceType: 'RestrictionLabel',
  });
  return out;
}

async function history(trx: DbOrTx, patientId: string): Promise<RestrictionLabels> {
  const rows = await labelHistory(trx, patientId);
  const items = rows.map(
    (r): RestrictionHistoryItem => ({
      id: r.id,
      label: r.label,
      reason: r.note,
      setAt: r.created_at.toISOString(),
      setBy: r.created_by_username ?? r.created_by_name ?? null,
      removedAt: r.removed_at ? r.removed_at.toISOString() : null,
      removedBy: r.removed_at ? (r.removed_by_username ?? r.removed_by_name ?? null) : null,
      removedReason: r.removed_reason,
      active: r.removed_at === null,
    }),
  );
  return {
    patientId,
    active: [...new Set(items.filter((i) => i.active).map((i) => i.label))].sort(),
    history: items,
    available: Object.keys(RESTRICTION_LABELS),
  };
}
