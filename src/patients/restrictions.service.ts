import {
  linkStaff,
  type RestrictionChange,
  type RestrictionLabels,
  recordAudit,
  removeRestrictionLabel,
  requireDomainPermission,
  restrictionLabels,
  type StaffLinkInput,
  type StaffLinkView,
  searchStaff,
  setRestrictionLabel,
  staffLinks,
  unlinkStaff,
} from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { AppError } from '../kernel/errors.ts';
import { patientErrors } from './errors.ts';
import { patientIdByMrn, patientStatus, restrictedRecords } from './restrictions.queries.ts';

// Issue 23: restriction labels (VIP, employee, confidential…) set and removed by people holding
// `patient:restrict`. The access domain owns the labels and the checks; this checks the record exists.

async function activeRecord(trx: DbOrTx, id: string): Promise<void> {
  const row = await patientStatus(trx, id);
  if (!row) throw patientErrors.notFound();
  if (row.status !== 'active') throw patientErrors.retired();
}

export function restrictPatient(
  ctx: RequestContext,
  id: string,
  input: RestrictionChange,
): Promise<RestrictionLabels> {
  return withTransaction(ctx.db, async (trx) => {
    await activeRecord(trx, id);
    return setRestrictionLabel(ctx, trx, id, input);
  });
}

export function unrestrictPatient(
  ctx: RequestContext,
  id: string,
  input: RestrictionChange,
): Promise<RestrictionLabels> {
  return withTransaction(ctx.db, async (trx) => {
    await activeRecord(trx, id);
    return removeRestrictionLabel(ctx, trx, id, input);
  });
}

export function patientRestrictions(ctx: RequestContext, id: string): Promise<RestrictionLabels> {
  return withTransaction(ctx.db, async (trx) => {
    if (!(await patientStatus(trx, id))) throw patientErrors.notFound();
    return restrictionLabels(ctx, trx, id);
  });
}

/** The CLI's `--mrn`: the record with this MRN, or a coded error. */
export async function patientIdForMrn(ctx: RequestContext, mrn: string): Promise<string> {
  const id = await patientIdByMrn(ctx.db, mrn.trim());
  if (!id) throw new AppError('PATIENT_NOT_FOUND', 'No patient record has this MRN.', 404);
  return id;
}

/** Links a member of staff to this record (their own: it becomes `employee`-restricted; or family). */
export function linkStaffToPatient(
  ctx: RequestContext,
  id: string,
  input: StaffLinkInput,
): Promise<StaffLinkView[]> {
  return withTransaction(ctx.db, async (trx) => {
    await activeRecord(trx, id);
    return linkStaff(ctx, trx, id, input);
  });
}

export function unlinkStaffFromPatient(
  ctx: RequestContext,
  id: string,
  input: { linkId?: string; reason?: string },
): Promise<StaffLinkView[]> {
  return withTransaction(ctx.db, async (trx) => {
    await activeRecord(trx, id);
    return unlinkStaff(ctx, trx, id, input);
  });
}

export function patientStaffLinks(ctx: RequestContext, id: string): Promise<StaffLinkView[]> {
  return withTransaction(ctx.db, async (trx) => {
    if (!(await patientStatus(trx, id))) throw patientErrors.notFound();
    return staffLinks(ctx, trx, id);
  });
}

/**
 * The staff picker: users holding `patient:restrict` (linking) or `patient:write` (registering a member of
 * staff) search members of staff by name; anyone else is refused, and the refusal audited.
 */
export async function staffDirectory(ctx: RequestContext, q: string) {
  const perms = ctx.actor?.permissions;
  if (perms && !perms.has('patient:restrict'))
    await requireDomainPermission(
      ctx,
      'patients',
      'patient:write',
      'Finding staff is for registration and privacy.',
    );
  const rows = await searchStaff(ctx.db, q.trim());
  await recordAudit(ctx.db, ctx, { action: 'access.staff_directory.search', resourceType: 'AccessUser' });
  return rows.map((r) => ({ id: r.id, username: r.username, fullName: r.full_name }));
}

/**
 * The privacy officer's list of restricted records, filterable by label. The caller holds
 * `patient:restrict` (the route checks it); the list names patients, so it is audited with them.
 */
export async function restrictedPatients(
  ctx: RequestContext,
  q: { label?: string; page: number; pageSize: number },
) {
  return withTransaction(ctx.db, async (trx) => {
    const { items, total } = await restrictedRecords(trx, q.label, q.pageSize, (q.page - 1) * q.pageSize);
    await recordAudit(trx, ctx, {
      action: 'patient.restricted_list.read',
      patientIds: [...new Set(items.map((i) => i.id))],
      resourceType: 'RestrictionLabel',
      details: { label: q.label ?? null, returned: items.length },
    });
    return {
      items: items.map((i) => ({
        id: i.id,
        mrn: i.mrn,
        name: `${i.family_name}, ${i.given_name}`,
        birthDate: i.birth_date,
        label: i.label,
        since: i.created_at.toISOString(),
        setBy: i.created_by_name,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  });
}
