import { assertCanSeePatient, recordAudit, recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { validationFailed } from '../kernel/errors.ts';
import { absorbedRecords } from '../patients/index.ts';
import { classifyDisclosure, lookbackStart } from './accounting.ts';
import { evaluate } from './authorization.service.ts';
import { failures } from './authorization-check.ts';
import * as q from './disclosure.queries.ts';
import type { RequestView } from './disclosure.schemas.ts';
import type { RequestScope } from './disclosure.tables.ts';
import { disclosureErrors } from './errors.ts';
import { latestPacket } from './fulfilment.queries.ts';
import { loadRequest, moveRequest, toView } from './request.service.ts';
import type { Purpose, RequesterType } from './requester.ts';

const describeScope = (s: RequestScope) =>
  [
    s.recordTypes.length ? s.recordTypes.join(', ').replace(/-/g, ' ') : 'records',
    s.dateFrom || s.dateTo ? `dated ${s.dateFrom ?? '…'} to ${s.dateTo ?? '…'}` : null,
  ]
    .filter(Boolean)
    .join(' ');

/**
 * Releases the records: the authorization is checked again at this moment (it may have expired or been
 * revoked since), then the disclosure is written to the accounting automatically (164.528(b)) with its
 * accountable/exempt category, and the request is closed.
 */
export async function releaseRequest(
  ctx: RequestContext,
  id: string,
  input: { description?: string; version: number },
): Promise<RequestView> {
  const refusal = await withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, id, 'disclosure:release');
    const check = await evaluate(ctx, trx, row);
    if (!check.passed && !check.overridden)
      return { row, failing: failures(check.elements), error: undefined };
    // What is released is exactly the packet's manifest; with review on, only an approved packet goes.
    const packet = await latestPacket(trx, row.id);
    if (!packet) return { row, failing: [], error: disclosureErrors.packetRequired() };
    if (packet.qa_status === 'pending' || packet.qa_status === 'rejected')
      return { row, failing: [], error: disclosureErrors.qaRequired() };
    const scope = row.scope as unknown as RequestScope;
    const acct = classifyDisclosure(
      row.requester_type as RequesterType,
      row.purpose as Purpose,
      check.authorizationRequired && check.authorizationId !== null,
    );
    await moveRequest(ctx, trx, row, 'released', null, input.version);
    await q.insertDisclosureRecord(trx, {
      patient_id: row.patient_id,
      request_id: row.id,
      disclosed_on: ctx.clock.now().toISOString().slice(0, 10),
      recipient_name: row.requester_name,
      recipient_address: row.requester_address,
      description:
        input.description?.trim() ||
        `${describeScope(scope)}: ${(packet.manifest as unknown[]).length} items, ${packet.page_count} pages`,
      purpose: row.purpose_text ?? row.purpose.replace(/-/g, ' '),
      authorization_id: check.authorizationId,
      accountable: acct.accountable,
      exempt_category: acct.exemptCategory,
      created_by: ctx.actor?.userId ?? null,
      created_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'disclosure.release',
      patientIds: [row.patient_id],
      resourceType: 'DisclosureRequest',
      resourceId: row.id,
      details: { accountable: acct.accountable, packetId: packet.id },
    });
    return null;
  });
  if (refusal) {
    await recordDenied(ctx, {
      action: 'disclosure.release',
      patientIds: [refusal.row.patient_id],
      resourceType: 'DisclosureRequest',
      resourceId: id,
      details: {
        failing: refusal.failing.map((f) => f.element),
        ...(refusal.error ? { reason: refusal.error.code } : {}),
      },
    });
    if (refusal.error) throw refusal.error;
    throw disclosureErrors.authorizationFailed(
      refusal.failing.map((f) => ({ element: f.element, message: f.message })),
    );
  }
  return withTransaction(ctx.db, async (trx) => toView(trx, (await q.findRequest(trx, id))!));
}

/** Denies a request with the written basis the requester will receive. */
export async function denyRequest(
  ctx: RequestContext,
  id: string,
  input: { reason: string; version: number },
): Promise<RequestView> {
  if (input.reason.trim().length < 10)
    throw validationFailed([
      { field: 'reason', message: 'Write the basis for the denial (at least 10 characters).' },
    ]);
  return withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, id, 'disclosure:release');
    await moveRequest(ctx, trx, row, 'denied', input.reason.trim(), input.version);
    return toView(trx, (await q.findRequest(trx, id))!);
  });
}

/**
 * The patient's accounting of disclosures (164.528): accountable disclosures in the last six years. Staff
 * may ask for the exempt ones too (marked with their 164.528(a)(1) category); the letter never lists them.
 */
export async function accountingReport(
  ctx: RequestContext,
  patientId: string,
  from?: string,
  includeExempt = false,
) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'disclosure:read');
    const to = ctx.clock.now().toISOString().slice(0, 10);
    const earliest = lookbackStart(to);
    const start = from && from > earliest ? from : earliest;
    // The accounting is the person's: disclosures made from records merged into this one count too.
    const records = [patientId, ...(await absorbedRecords(trx, patientId))];
    const rows = await q.accountableDisclosures(trx, records, start, to, includeExempt);
    await recordAudit(trx, ctx, {
      action: 'disclosure.accounting.read',
      patientIds: records,
      details: { count: rows.length },
    });
    return {
      patientId,
      from: start,
      to,
      disclosures: rows.map((r) => ({
        date: r.disclosed_on,
        recipient: r.recipient_name,
        recipientAddress: r.recipient_address,
        description: r.description,
        purpose: r.purpose,
        accountable: r.accountable,
        exemptCategory: r.exempt_category,
      })),
    };
  });
}
