import { assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { type FieldIssue, notFound, validationFailed } from '../kernel/errors.ts';
import * as f from './fulfilment.queries.ts';

type PrefRow = Awaited<ReturnType<typeof f.activePreferences>>[number];

export interface NewPreference {
  kind: 'restriction' | 'confidential-communication';
  description: string;
  requesterTypes: string[];
  encounterIds: string[];
  alternateAddress: string | null;
  alternatePhone: string | null;
}

const toApi = (r: PrefRow) => ({
  id: r.id,
  kind: r.kind,
  description: r.description,
  requesterTypes: r.requester_types,
  encounterIds: r.encounter_ids,
  alternateAddress: r.alternate_address,
  alternatePhone: r.alternate_phone,
  recordedAt: r.recorded_at.toISOString(),
});

/** The confidential address to use instead of the one on file, when the patient asked for one (164.522(b)). */
export function confidentialAddress(prefs: Pick<PrefRow, 'kind' | 'alternate_address'>[]): string | null {
  return (
    prefs.find((p) => p.kind === 'confidential-communication' && p.alternate_address)?.alternate_address ??
    null
  );
}

/**
 * Records a patient's request: a restriction on uses and disclosures the facility agreed to (164.522(a);
 * it must agree to one on disclosures to a health plan for care paid in full out of pocket), or
 * confidential communications at an alternate address or phone (164.522(b)).
 */
export async function recordPreference(ctx: RequestContext, patientId: string, body: NewPreference) {
  const issues: FieldIssue[] = [];
  if (body.description.trim().length < 5)
    issues.push({ field: 'description', message: 'Describe what the patient asked for.' });
  if (
    body.kind === 'confidential-communication' &&
    !body.alternateAddress?.trim() &&
    !body.alternatePhone?.trim()
  )
    issues.push({
      field: 'alternateAddress',
      message: 'Give the alternate address or phone the patient asked for.',
    });
  if (issues.length) throw validationFailed(issues);
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'disclosure:release');
    const id = await f.insertPreference(trx, {
      patient_id: patientId,
      kind: body.kind,
      description: body.description.trim(),
      requester_types: body.requesterTypes,
      encounter_ids: body.encounterIds,
      alternate_address: body.alternateAddress?.trim() || null,
      alternate_phone: body.alternatePhone?.trim() || null,
      recorded_by: ctx.actor?.userId ?? '',
      recorded_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'disclosure.preference.record',
      patientIds: [patientId],
      resourceType: 'PatientPreference',
      resourceId: id,
      details: { kind: body.kind },
    });
    return { items: (await f.activePreferences(trx, patientId)).map(toApi) };
  });
}

export async function listPreferences(ctx: RequestContext, patientId: string) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'disclosure:read');
    const rows = await f.activePreferences(trx, patientId);
    await recordAudit(trx, ctx, {
      action: 'disclosure.preference.list',
      patientIds: [patientId],
      details: { count: rows.length },
    });
    return { items: rows.map(toApi) };
  });
}

/** Ends a restriction or confidential-communication request (kept, stamped with who, when and why). */
export async function endPreference(ctx: RequestContext, id: string, reason: string) {
  if (reason.trim().length < 5)
    throw validationFailed([{ field: 'reason', message: 'Say why it ends (at least 5 characters).' }]);
  return withTransaction(ctx.db, async (trx) => {
    const row = await f.findPreference(trx, id);
    if (!row) throw notFound('The restriction');
    await assertCanSeePatient(ctx, trx, row.patient_id, 'disclosure:release');
    await f.endPreference(trx, id, ctx.actor?.userId ?? '', ctx.clock.now(), reason.trim());
    await recordAudit(trx, ctx, {
      action: 'disclosure.preference.end',
      patientIds: [row.patient_id],
      resourceType: 'PatientPreference',
      resourceId: id,
    });
    return { items: (await f.activePreferences(trx, row.patient_id)).map(toApi) };
  });
}
