import { accessEvents, assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { notFound, validationFailed } from '../kernel/errors.ts';
import { absorbedRecords, currentAddress, patientForLetters } from '../patients/index.ts';
import { accountingIsFree, lookbackStart } from './accounting.ts';
import { dueDate, HIPAA_CLOCKS } from './deadlines.ts';
import * as q from './disclosure.queries.ts';
import * as f from './fulfilment.queries.ts';
import { renderAccountingLetter } from './pdf/letters-pdf.ts';
import { confidentialAddress } from './preferences.service.ts';
import { loadSettings } from './settings.service.ts';

/** The cost-based fee for a second accounting within 12 months (164.528(c)(2)); the first is free. */
export const REPEAT_ACCOUNTING_FEE = 10;
const today = (ctx: RequestContext) => ctx.clock.now().toISOString().slice(0, 10);

type AcctRow = Awaited<ReturnType<typeof f.accountingRequests>>[number];
const toApi = (r: AcctRow, on: string) => ({
  id: r.id,
  receivedOn: r.received_on,
  dueOn: r.due_on,
  periodFrom: r.period_from,
  free: r.free,
  fee: r.fee,
  fulfilledOn: r.fulfilled_on,
  daysLeft: Math.round((Date.parse(`${r.due_on}T00:00:00Z`) - Date.parse(`${on}T00:00:00Z`)) / 86_400_000),
});

/**
 * Takes in a patient's request for an accounting of disclosures: due in 60 days (164.528(c)(1)), the
 * first in any 12 months free and later ones at the cost-based fee the patient is told in advance
 * (164.528(c)(2)); the period is up to six years back.
 */
export async function createAccountingRequest(
  ctx: RequestContext,
  patientId: string,
  input: { receivedOn: string; periodFrom: string | null },
) {
  const issues = [];
  if (input.receivedOn > today(ctx))
    issues.push({ field: 'receivedOn', message: 'The date received cannot be in the future.' });
  if (input.periodFrom && input.periodFrom > input.receivedOn)
    issues.push({ field: 'periodFrom', message: 'The period must start before the request was received.' });
  if (issues.length) throw validationFailed(issues);
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'disclosure:release');
    const earlier = await f.accountingRequests(trx, patientId);
    const free = accountingIsFree(
      earlier.map((r) => r.received_on),
      input.receivedOn,
    );
    const earliest = lookbackStart(input.receivedOn);
    const row = await f.insertAccountingRequest(trx, {
      patient_id: patientId,
      received_on: input.receivedOn,
      due_on: dueDate(input.receivedOn, HIPAA_CLOCKS.accounting),
      period_from: input.periodFrom && input.periodFrom > earliest ? input.periodFrom : earliest,
      free,
      fee: free ? 0 : REPEAT_ACCOUNTING_FEE,
      created_by: ctx.actor?.userId ?? '',
      created_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'disclosure.accounting.request',
      patientIds: [patientId],
      resourceType: 'AccountingRequest',
      resourceId: row.id,
      details: { free },
    });
    return toApi(row, today(ctx));
  });
}

export async function listAccountingRequests(ctx: RequestContext, patientId: string) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'disclosure:read');
    const rows = await f.accountingRequests(trx, patientId);
    await recordAudit(trx, ctx, {
      action: 'disclosure.accounting.requests.read',
      patientIds: [patientId],
      details: { count: rows.length },
    });
    return { items: rows.map((r) => toApi(r, today(ctx))) };
  });
}

/**
 * The printable accounting letter (164.528(b)), sent to the confidential address when the patient asked
 * for one (164.522(b)). Printing it for a tracked request marks that request fulfilled.
 */
export async function accountingLetter(
  ctx: RequestContext,
  patientId: string,
  requestId: string | undefined,
) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'disclosure:read');
    const req = requestId ? await f.findAccountingRequest(trx, requestId) : undefined;
    if (requestId && req?.patient_id !== patientId) throw notFound('The accounting request');
    const to = today(ctx);
    const from = req?.period_from ?? lookbackStart(to);
    // The accounting is the person's: disclosures made from records merged into this one count too.
    const records = [patientId, ...(await absorbedRecords(trx, patientId))];
    const rows = await q.accountableDisclosures(trx, records, from, to);
    const patient = (await patientForLetters(trx, patientId))!;
    const prefs = await f.activePreferences(trx, patientId);
    const settings = await loadSettings(trx);
    const bytes = await renderAccountingLetter(
      {
        reference: `Accounting ${patient.mrn} ${to}`,
        date: to,
        facility: settings.facilityName,
        patientName: `${patient.given_name} ${patient.family_name}`,
        mailTo: confidentialAddress(prefs) ?? (await currentAddress(trx, patientId)) ?? 'Address on file',
        from,
        to,
        lines: rows.map((r) => ({
          date: r.disclosed_on,
          recipient: r.recipient_name,
          recipientAddress: r.recipient_address,
          description: r.description,
          purpose: r.purpose,
        })),
      },
      ctx.clock.now(),
    );
    if (req) await f.markAccountingFulfilled(trx, req.id, to);
    await recordAudit(trx, ctx, {
      action: 'disclosure.accounting.letter',
      patientIds: records,
      resourceType: 'AccountingRequest',
      resourceId: req?.id,
      details: { count: rows.length },
    });
    return { bytes, filename: `accounting-${patient.mrn}-${to}.pdf` };
  });
}

/**
 * "Who accessed my record": every audited access to the patient's record in a period, newest first, with
 * who (name and role), when, what and whether it was refused or under break-the-glass.
 */
export async function accessReport(
  ctx: RequestContext,
  patientId: string,
  p: { from?: string | undefined; to?: string | undefined; page: number; pageSize: number },
) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'disclosure:read');
    // Whole days: up to the end of the `to` day (today by default).
    const to = new Date(`${p.to ?? today(ctx)}T00:00:00Z`);
    to.setUTCDate(to.getUTCDate() + 1);
    const from = new Date(`${p.from ?? lookbackStart(today(ctx))}T00:00:00Z`);
    const { rows, total } = await accessEvents(trx, patientId, {
      from,
      to,
      limit: p.pageSize,
      offset: (p.page - 1) * p.pageSize,
    });
    await recordAudit(trx, ctx, {
      action: 'disclosure.access_report.read',
      patientIds: [patientId],
      details: { count: rows.length },
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.occurred_at.toISOString(),
        user: r.full_name ?? r.actor_username ?? 'system',
        roles: r.actor_roles,
        action: r.action,
        outcome: r.outcome,
        breakGlass: r.break_glass,
        channel: r.channel,
      })),
      total,
      page: p.page,
      pageSize: p.pageSize,
    };
  });
}
