import { assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { notFound } from '../kernel/errors.ts';
import { findEncounter, updateEncounter as updateEncounterRow } from './chart.queries.ts';
import type { Encounter } from './chart.schemas.ts';
import { encounterToApi } from './chart-mappers.ts';
import { chartErrors } from './errors.ts';
import { conflictError, keepVersion, snapshotOf } from './versioning.ts';

/**
 * Reopens a completed stay because the admitting system cancelled its discharge (HL7 v2.5.1 ADT^A13
 * "cancel discharge", §3.3.13): the visit is in progress again and the discharge time and disposition
 * are cleared. Users cannot do this (completed is final for them, chart-rules); only a feed that sent
 * the discharge may take it back. The previous version stays in the history with the reason.
 */
export async function reopenEncounter(
  ctx: RequestContext,
  id: string,
  body: { version: number; reason: string },
): Promise<Encounter> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await findEncounter(trx, id);
    if (!row) throw notFound('The encounter');
    await assertCanSeePatient(ctx, trx, row.patient_id, 'chart:write');
    if (row.entered_in_error) throw chartErrors.enteredInError();
    const next = await updateEncounterRow(trx, id, body.version, {
      status: 'in_progress',
      data: { ...row.data, dischargedAt: null, dischargeDisposition: null },
      updated_by: ctx.actor?.userId ?? '',
      updated_at: ctx.clock.now(),
    });
    if (!next) throw await conflictError(trx, 'encounter', id, body.version);
    await keepVersion(trx, ctx, {
      entity: 'encounter',
      id,
      patientId: next.patient_id,
      version: next.version,
      before: snapshotOf(encounterToApi(row)),
      after: snapshotOf(encounterToApi(next)),
      reason: body.reason,
    });
    await recordAudit(trx, ctx, {
      action: 'chart.encounter.reopen',
      patientIds: [next.patient_id],
      resourceType: 'chart_encounter',
      resourceId: id,
      details: { from: row.status, to: 'in_progress' },
    });
    return encounterToApi(next);
  });
}
