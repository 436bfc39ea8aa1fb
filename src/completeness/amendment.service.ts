import { assertCanSeePatient, patientAccess, recordAudit, recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { type FieldIssue, notFound, unauthorized, validationFailed } from '../kernel/errors.ts';
import { amendmentToApi, effectiveDue, statementToApi } from './amendment.mappers.ts';
import {
  type AmendmentRow,
  decidedForEntries,
  findAmendment,
  insertAmendment,
  insertStatement,
  listAmendments as listAmendmentRows,
  statementsOf,
  updatePending,
} from './amendment.queries.ts';
import type { Amendment, DecisionInput } from './amendment.schemas.ts';
import { addDays, dayOf } from './dates.ts';
import { completenessErrors } from './errors.ts';
import { activeUser, entryOwners, patientExists } from './record-refs.queries.ts';

/** 45 CFR 164.526(b)(2): act no later than 60 days after receipt; one extension of no more than 30 days. */
export const AMENDMENT_DAYS = 60;
export const EXTENSION_DAYS = 30;

const audit = (
  action: string,
  r: Pick<AmendmentRow, 'id' | 'patient_id'>,
  details?: Record<string, unknown>,
) => ({
  action,
  patientIds: [r.patient_id],
  resourceType: 'completeness_amendment',
  resourceId: r.id,
  ...(details ? { details } : {}),
});

async function withStatements(trx: DbOrTx, row: AmendmentRow): Promise<Amendment> {
  return amendmentToApi(row, await statementsOf(trx, [row.id]));
}

/** Records a patient's amendment request, routed to the author, with its 60-day deadline. */
export async function requestAmendment(
  ctx: RequestContext,
  patientId: string,
  body: { entryIds: string[]; request: string; receivedOn: string; authorUserId: string },
): Promise<Amendment> {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'completion:manage');
    if (!(await patientExists(trx, patientId))) throw notFound('The patient');
    const issues: FieldIssue[] = [];
    if (body.receivedOn > dayOf(ctx.clock.now()))
      issues.push({ field: 'receivedOn', message: 'must not be in the future' });
    const owners = await entryOwners(trx, body.entryIds);
    body.entryIds.forEach((id, i) => {
      if (owners.get(id) !== patientId)
        issues.push({ field: `entryIds.${i}`, message: 'is not an entry of this patient' });
    });
    if (!(await activeUser(trx, body.authorUserId)))
      issues.push({ field: 'authorUserId', message: 'is not an active user' });
    if (issues.length > 0) throw validationFailed(issues);
    const row = await insertAmendment(trx, {
      patient_id: patientId,
      entry_ids: [...new Set(body.entryIds)],
      request_text: body.request.trim(),
      received_on: body.receivedOn,
      due_on: addDays(body.receivedOn, AMENDMENT_DAYS),
      extended_due_on: null,
      extension_reason: null,
      author_user_id: body.authorUserId,
      status: 'pending',
      amendment_text: null,
      denial_ground: null,
      denial_basis: null,
      decided_by: null,
      decided_at: null,
      created_by: ctx.actor?.userId ?? '',
      created_at: ctx.clock.now(),
    });
    await recordAudit(
      trx,
      ctx,
      audit('completion.amendment.request', row, { entries: row.entry_ids.length }),
    );
    return amendmentToApi(row, []);
  });
}

/** Opens a pending request for a change by HIM staff or the author it was routed to. */
async function openPending(
  ctx: RequestContext,
  trx: DbOrTx,
  id: string,
  action: string,
): Promise<AmendmentRow> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const row = await findAmendment(trx, id, true);
  if (!row) throw notFound('The amendment request');
  if (row.author_user_id !== actor.userId && !actor.permissions.has('completion:manage')) {
    await recordDenied(ctx, audit(action, row));
    throw completenessErrors.notDecider();
  }
  await assertCanSeePatient(ctx, trx, row.patient_id, 'chart:read');
  if (row.status !== 'pending') throw completenessErrors.amendmentDecided(row.status);
  return row;
}

/** The one 30-day extension, recorded before the 60 days run out with the reason sent to the patient. */
export async function extendAmendment(ctx: RequestContext, id: string, reason: string): Promise<Amendment> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openPending(ctx, trx, id, 'completion.amendment.extend');
    if (row.extended_due_on) throw completenessErrors.extensionUsed();
    if (dayOf(ctx.clock.now()) > row.due_on) throw completenessErrors.amendmentDeadlinePassed(row.due_on);
    const next = (await updatePending(trx, id, {
      extended_due_on: addDays(row.due_on, EXTENSION_DAYS),
      extension_reason: reason.trim(),
    })) as AmendmentRow;
    await recordAudit(trx, ctx, audit('completion.amendment.extend', next));
    return withStatements(trx, next);
  });
}

function decisionIssues(body: DecisionInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (body.decision === 'accept' && !body.amendmentText)
    issues.push({ field: 'amendmentText', message: 'is required: write the amendment to append' });
  if (body.decision === 'deny') {
    if (!body.denialGround)
      issues.push({ field: 'denialGround', message: 'choose the ground of 164.526(a)(2)' });
    if (!body.denialBasis || body.denialBasis.length < 10)
      issues.push({
        field: 'denialBasis',
        message: 'write the basis for the denial (at least 10 characters)',
      });
  }
  return issues;
}

/**
 * Accepts (the amendment is appended and linked, the original kept, the named parties listed for
 * notification: 164.526(c)) or denies (written basis: 164.526(d)). Refused after the deadline in force.
 */
export async function decideAmendment(
  ctx: RequestContext,
  id: string,
  body: DecisionInput,
): Promise<Amendment> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openPending(ctx, trx, id, 'completion.amendment.decide');
    const due = effectiveDue(row);
    if (dayOf(ctx.clock.now()) > due) throw completenessErrors.amendmentDeadlinePassed(due);
    const issues = decisionIssues(body);
    if (issues.length > 0) throw validationFailed(issues);
    const accept = body.decision === 'accept';
    const next = (await updatePending(trx, id, {
      status: accept ? 'accepted' : 'denied',
      amendment_text: accept ? (body.amendmentText ?? null) : null,
      notify_parties: accept ? (body.notifyParties ?? []) : [],
      denial_ground: accept ? null : (body.denialGround ?? null),
      denial_basis: accept ? null : (body.denialBasis ?? null),
      decided_by: ctx.actor?.userId ?? '',
      decided_at: ctx.clock.now(),
    })) as AmendmentRow;
    await recordAudit(trx, ctx, audit('completion.amendment.decide', next, { decision: body.decision }));
    return withStatements(trx, next);
  });
}

/**
 * Appends the patient's statement of disagreement, or the entity's rebuttal to it, to a denied request
 * (164.526(d)(1)(iii), (d)(3)). Statements are append-only.
 */
export async function addStatement(
  ctx: RequestContext,
  id: string,
  body: { kind: 'disagreement' | 'rebuttal'; text: string },
): Promise<Amendment> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await findAmendment(trx, id, true);
    if (!row) throw notFound('The amendment request');
    await assertCanSeePatient(ctx, trx, row.patient_id, 'completion:manage');
    if (row.status !== 'denied')
      throw completenessErrors.statementNotAllowed('Statements can only be added to a denied request.');
    const existing = await statementsOf(trx, [id]);
    if (body.kind === 'rebuttal' && !existing.some((s) => s.kind === 'disagreement'))
      throw completenessErrors.statementNotAllowed(
        'A rebuttal answers a statement of disagreement; record that first.',
      );
    await insertStatement(trx, {
      amendment_id: id,
      patient_id: row.patient_id,
      kind: body.kind,
      text: body.text.trim(),
      recorded_by: ctx.actor?.userId ?? '',
      recorded_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, audit('completion.amendment.statement', row, { kind: body.kind }));
    return withStatements(trx, row);
  });
}

export async function getAmendment(ctx: RequestContext, id: string): Promise<Amendment> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await findAmendment(trx, id);
    if (!row) throw notFound('The amendment request');
    const actor = ctx.actor;
    if (row.author_user_id !== actor?.userId && !actor?.permissions.has('completion:manage')) {
      await recordDenied(ctx, audit('completion.amendment.read', row));
      throw completenessErrors.notDecider();
    }
    await assertCanSeePatient(ctx, trx, row.patient_id, 'chart:read');
    await recordAudit(trx, ctx, audit('completion.amendment.read', row));
    return withStatements(trx, row);
  });
}

/** A page of requests: HIM staff see all, a clinician the ones routed to them (`mine`). */
export async function listAmendments(
  ctx: RequestContext,
  q: {
    status?: 'pending' | 'accepted' | 'denied' | undefined;
    patientId?: string | undefined;
    limit: number;
    offset: number;
  },
  mine = false,
) {
  return withTransaction(ctx.db, async (trx) => {
    const { rows, total } = await listAmendmentRows(trx, {
      ...q,
      authorId: mine ? ctx.actor?.userId : undefined,
    });
    const access = await patientAccess(
      ctx,
      trx,
      rows.map((r) => r.patient_id),
    );
    const visible = rows.filter((r) => access.get(r.patient_id) !== 'restricted');
    const statements = await statementsOf(
      trx,
      visible.map((r) => r.id),
    );
    await recordAudit(trx, ctx, {
      action: 'completion.amendment.list',
      patientIds: [...new Set(visible.map((r) => r.patient_id))],
      resourceType: 'completeness_amendment',
      details: { count: visible.length, mine },
    });
    return { items: visible.map((r) => amendmentToApi(r, statements)), total };
  });
}

/**
 * Accepted amendments, and denied requests with their statements of disagreement and rebuttals, that name
 * any of the given entries. They must travel with those entries in later disclosures (164.526(c)(3),
 * (d)(4)-(5)). Runs in the caller's transaction, under the caller's access check and audit.
 */
export async function amendmentsForEntries(trx: DbOrTx, patientId: string, entryIds: string[]) {
  const rows = await decidedForEntries(trx, patientId, entryIds);
  const statements = await statementsOf(
    trx,
    rows.map((r) => r.id),
  );
  return rows
    .filter((r) => r.status === 'accepted' || statements.some((s) => s.amendment_id === r.id))
    .map((r) => ({
      id: r.id,
      status: r.status as 'accepted' | 'denied',
      entryIds: r.entry_ids,
      requestText: r.request_text,
      receivedOn: r.received_on,
      amendmentText: r.amendment_text,
      denialBasis: r.denial_basis,
      decidedAt: r.decided_at?.toISOString() ?? null,
      statements: statements.filter((s) => s.amendment_id === r.id).map(statementToApi),
    }));
}
