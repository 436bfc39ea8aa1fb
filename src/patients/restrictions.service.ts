import {
  type RestrictionChange,
  type RestrictionLabels,
  removeRestrictionLabel,
  restrictionLabels,
  setRestrictionLabel,
} from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { AppError } from '../kernel/errors.ts';
import { patientErrors } from './errors.ts';
import { patientIdByMrn, patientStatus } from './restrictions.queries.ts';

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
