import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { conflict, type FieldIssue, notFound, unauthorized, validationFailed } from '../kernel/errors.ts';
import { recordAudit } from './audit/audit.service.ts';
import { assertCanSeePatient } from './patient-access.ts';
import { insertActiveLabel } from './restriction-labels.queries.ts';
import { endLink, insertLink, linksForPatient, userExists } from './staff-links.queries.ts';

/**
 * Issue 23: a member of staff linked to their own patient record (or a family member's). A `self` link
 * restricts the record as `employee` at once, so colleagues without a care relationship meet the gate;
 * both kinds feed privacy monitoring (reading your own or your family's chart, reading a colleague's).
 */
export interface StaffLinkInput {
  userId?: string;
  kind?: string;
  reason?: string;
}

export interface StaffLinkView {
  id: string;
  userId: string;
  username: string;
  fullName: string;
  kind: 'self' | 'family';
  reason: string;
  linkedAt: string;
  linkedBy: string;
  removedAt: string | null;
  removedBy: string | null;
  removedReason: string | null;
  active: boolean;
}

const KINDS = ['self', 'family'] as const;
const MAX_REASON = 1000;

function validate(input: StaffLinkInput) {
  const issues: FieldIssue[] = [];
  const userId = (input.userId ?? '').trim();
  const kind = (input.kind ?? '').trim();
  const reason = (input.reason ?? '').trim();
  if (!/^[0-9a-f-]{36}$/i.test(userId))
    issues.push({ field: 'userId', message: 'Choose the member of staff.' });
  if (!KINDS.includes(kind as 'self'))
    issues.push({ field: 'kind', message: 'Choose "self" (their own record) or "family".' });
  if (!reason) issues.push({ field: 'reason', message: 'Give the reason for this link; it is kept.' });
  else if (reason.length > MAX_REASON)
    issues.push({ field: 'reason', message: `Keep the reason under ${MAX_REASON} characters.` });
  if (issues.length) throw validationFailed(issues);
  return { userId, kind: kind as 'self' | 'family', reason };
}

async function authorize(
  ctx: RequestContext,
  trx: DbOrTx,
  patientId: string,
  permission: 'patient:restrict' | 'patient:write' = 'patient:restrict',
): Promise<string> {
  if (ctx.actor) {
    await assertCanSeePatient(ctx, trx, patientId, permission);
    return ctx.actor.username;
  }
  if (ctx.channel === 'cli' && ctx.operator) return ctx.operator;
  throw unauthorized();
}

/**
 * Links a member of staff to the record. Call inside the caller's transaction (record checked there).
 * `atRegistration`: the clerk registering the patient ticks "this patient is a member of staff" (issue 23);
 * registering (`patient:write`) is then enough, and only a `self` link is allowed, since it only adds a
 * restriction. Any other link, and every removal, stays with `patient:restrict`.
 */
export async function linkStaff(
  ctx: RequestContext,
  trx: DbOrTx,
  patientId: string,
  input: StaffLinkInput,
  opts: { atRegistration?: boolean } = {},
): Promise<StaffLinkView[]> {
  const by = await authorize(
    ctx,
    trx,
    patientId,
    opts.atRegistration && input.kind === 'self' ? 'patient:write' : 'patient:restrict',
  );
  const v = validate(input);
  if (!(await userExists(trx, v.userId))) throw notFound('That member of staff');
  const now = ctx.clock.now();
  const id = await insertLink(trx, {
    user_id: v.userId,
    patient_id: patientId,
    kind: v.kind,
    reason: v.reason,
    linked_at: now,
    linked_by: by,
  });
  if (!id) throw conflict('STAFF_LINK_EXISTS', 'This member of staff is already linked to this record.');
  if (v.kind === 'self') {
    // The employee restriction comes with the link (unless the record already carries it).
    const labelId = await insertActiveLabel(trx, {
      patient_id: patientId,
      label: 'employee',
      note: `Member of staff's own record: ${v.reason}`,
      created_at: now,
      created_by: ctx.actor?.userId ?? null,
      created_by_name: by,
    });
    if (labelId)
      await recordAudit(trx, ctx, {
        action: 'patient.restrict',
        patientIds: [patientId],
        resourceType: 'RestrictionLabel',
        resourceId: labelId,
        details: { label: 'employee', via: 'staff_link' },
      });
  }
  await recordAudit(trx, ctx, {
    action: 'patient.staff_link',
    patientIds: [patientId],
    resourceType: 'StaffLink',
    resourceId: id,
    details: { kind: v.kind, userId: v.userId },
  });
  return views(trx, patientId);
}

/** Ends a link with a reason. The employee label stays: removing it is its own, reasoned change. */
export async function unlinkStaff(
  ctx: RequestContext,
  trx: DbOrTx,
  patientId: string,
  input: { linkId?: string; reason?: string },
): Promise<StaffLinkView[]> {
  const by = await authorize(ctx, trx, patientId);
  const reason = (input.reason ?? '').trim();
  const issues: FieldIssue[] = [];
  if (!/^[0-9a-f-]{36}$/i.test(input.linkId ?? ''))
    issues.push({ field: 'linkId', message: 'Choose the link.' });
  if (!reason) issues.push({ field: 'reason', message: 'Give the reason for ending this link; it is kept.' });
  if (issues.length) throw validationFailed(issues);
  const ended = await endLink(trx, patientId, input.linkId as string, {
    removed_at: ctx.clock.now(),
    removed_by: by,
    removed_reason: reason.slice(0, MAX_REASON),
  });
  if (!ended) throw conflict('STAFF_LINK_NOT_ACTIVE', 'This link is not active; nothing was changed.');
  await recordAudit(trx, ctx, {
    action: 'patient.staff_unlink',
    patientIds: [patientId],
    resourceType: 'StaffLink',
    resourceId: ended.id,
    details: { kind: ended.kind, userId: ended.user_id },
  });
  return views(trx, patientId);
}

/** The staff linked to the record, with history. Audited. */
export async function staffLinks(ctx: RequestContext, trx: DbOrTx, patientId: string) {
  await authorize(ctx, trx, patientId);
  const out = await views(trx, patientId);
  await recordAudit(trx, ctx, {
    action: 'patient.staff_links.read',
    patientIds: [patientId],
    resourceType: 'StaffLink',
  });
  return out;
}

async function views(trx: DbOrTx, patientId: string): Promise<StaffLinkView[]> {
  return (await linksForPatient(trx, patientId)).map((r) => ({
    id: r.id,
    userId: r.user_id,
    username: r.username,
    fullName: r.full_name,
    kind: r.kind,
    reason: r.reason,
    linkedAt: r.linked_at.toISOString(),
    linkedBy: r.linked_by,
    removedAt: r.removed_at?.toISOString() ?? null,
    removedBy: r.removed_by,
    removedReason: r.removed_reason,
    active: r.removed_at === null,
  }));
}
