import { recordAudit } from '../../access/index.ts';
import { openClinicianQuery, openQueriesForEncounter } from '../../completeness/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { validationFailed } from '../../kernel/errors.ts';
import type { Finding } from '../edits/index.ts';
import { auditDetails, audited, editsFor, inputOf, openForChange, writeCoding } from './coding-store.ts';
import { WorkbenchErrors } from './errors.ts';
import type { CodingRow } from './workbench.queries.ts';
import type { CodingRecord } from './workbench.schemas.ts';
import { codingToApi } from './workbench-mappers.ts';
import { countFindings } from './workbench-rules.ts';

/** The stored row's fields that a status change carries over unchanged. */
const carried = (row: CodingRow | undefined) => ({
  diagnoses: JSON.stringify(row?.diagnoses ?? []),
  procedures: JSON.stringify(row?.procedures ?? []),
  drugs: JSON.stringify(row?.drugs ?? []),
  coder_notes: row?.coder_notes ?? null,
  hold_question: row?.hold_question ?? null,
  edits: JSON.stringify(row?.edits ?? []),
  edits_run_at: row?.edits_run_at ?? null,
  coded_by: row?.coded_by ?? null,
  coded_at: row?.coded_at ?? null,
  finalized_by: row?.finalized_by ?? null,
  finalized_at: row?.finalized_at ?? null,
});

export interface HoldInput {
  version: number;
  question: string;
  options: string[];
  dueOn: string;
  addresseeUserId?: string | undefined;
}

/**
 * "Hold for query": the coder needs the clinician to clarify the documentation before coding can be
 * final (AHIMA/ACDIS Guidelines for Achieving a Compliant Query Practice). Opens a clinician query in the
 * chart-completion domain in the same transaction, addressed to the encounter's provider unless another
 * clinician is named; the question is also kept with the encounter and in its history.
 */
export async function holdForQuery(
  ctx: RequestContext,
  encounterId: string,
  body: HoldInput,
): Promise<CodingRecord> {
  return withTransaction(ctx.db, async (trx) => {
    const { enc, current } = await openForChange(ctx, trx, encounterId, body.version, 'hold');
    const addressee = body.addresseeUserId ?? enc.provider_id;
    if (!addressee)
      throw validationFailed([{ field: 'addresseeUserId', message: 'name the clinician who should answer' }]);
    await openClinicianQuery(ctx, trx, {
      patientId: enc.patient_id,
      encounterId: enc.id,
      question: body.question,
      options: body.options,
      dueOn: body.dueOn,
      addresseeUserId: addressee,
      openedBy: 'coder',
    });
    const row = await writeCoding(
      ctx,
      trx,
      enc,
      current,
      { ...carried(current), status: 'on_hold', hold_question: body.question },
      { action: 'hold', reason: body.question, findings: [] },
    );
    await recordAudit(trx, ctx, audited('coding.encounter.hold', enc, { version: row.version }));
    return codingToApi(row, enc);
  });
}

/** Takes the encounter off hold once the clinician has answered; it is coded again if it has codes. */
export async function releaseHold(
  ctx: RequestContext,
  encounterId: string,
  body: { version: number },
): Promise<CodingRecord> {
  return withTransaction(ctx.db, async (trx) => {
    const { enc, current } = await openForChange(ctx, trx, encounterId, body.version, 'release');
    const status = (current?.diagnoses.length ?? 0) > 0 ? 'coded' : 'uncoded';
    const row = await writeCoding(
      ctx,
      trx,
      enc,
      current,
      { ...carried(current), status, hold_question: null },
      { action: 'release', reason: null, findings: [] },
    );
    await recordAudit(trx, ctx, audited('coding.encounter.release', enc, { version: row.version }));
    return codingToApi(row, enc);
  });
}

type FinalizeOutcome = { record: CodingRecord } | { blocked: Finding[]; version: number };

/**
 * Makes the coding final: the edits run again on the stored codes and their findings are stored with the
 * encounter either way; any error finding (what a payer would reject) or open clinician query blocks it.
 * A blocked attempt is kept (version and audit event) so the coder sees what to fix.
 */
export async function finalizeCoding(
  ctx: RequestContext,
  encounterId: string,
  body: { version: number },
): Promise<CodingRecord> {
  const out = await withTransaction(ctx.db, async (trx): Promise<FinalizeOutcome> => {
    const { enc, current } = await openForChange(ctx, trx, encounterId, body.version, 'finalize');
    // Open clinician queries block final coding: the answer may change the codes (issue 5/7).
    const open = await openQueriesForEncounter(trx, encounterId);
    if (open.length > 0) throw WorkbenchErrors.openQueries(open.length);
    const findings = await editsFor(ctx, enc, inputOf(current));
    const blocked = countFindings(findings).errors > 0;
    const now = ctx.clock.now();
    const row = await writeCoding(
      ctx,
      trx,
      enc,
      current,
      {
        ...carried(current),
        status: blocked ? 'coded' : 'final',
        edits: JSON.stringify(findings),
        edits_run_at: now,
        ...(blocked ? {} : { finalized_by: ctx.actor?.userId ?? null, finalized_at: now }),
      },
      { action: blocked ? 'finalize_blocked' : 'finalize', reason: null, findings },
    );
    await recordAudit(trx, ctx, {
      ...audited('coding.encounter.finalize', enc, auditDetails(row, findings)),
      outcome: blocked ? 'failure' : 'success',
    });
    return blocked ? { blocked: findings, version: row.version } : { record: codingToApi(row, enc) };
  });
  if ('blocked' in out) throw WorkbenchErrors.editsBlockFinal(out.blocked, out.version);
  return out.record;
}

/** Reopens final coding for a correction; the final version stays in the history with the reason. */
export async function reopenCoding(
  ctx: RequestContext,
  encounterId: string,
  body: { version: number; reason: string },
): Promise<CodingRecord> {
  return withTransaction(ctx.db, async (trx) => {
    const { enc, current } = await openForChange(ctx, trx, encounterId, body.version, 'reopen');
    const row = await writeCoding(
      ctx,
      trx,
      enc,
      current,
      { ...carried(current), status: 'coded', finalized_by: null, finalized_at: null },
      { action: 'reopen', reason: body.reason, findings: [] },
    );
    await recordAudit(trx, ctx, audited('coding.encounter.reopen', enc, { version: row.version }));
    return codingToApi(row, enc);
  });
}
