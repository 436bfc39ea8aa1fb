import type { Transaction } from 'kysely';
import { assertCanSeePatient, patientAccess, recordAudit, recordDenied } from '../access/index.ts';
import type { Database } from '../database.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { type FieldIssue, notFound, unauthorized, validationFailed } from '../kernel/errors.ts';
import {
  closeWithAnswer,
  findQuery,
  insertQuery,
  listQueries as listQueryRows,
  lockQuery,
  openQueryRows,
  type QueryRow,
} from './clinician-query.queries.ts';
import { dayOf } from './dates.ts';
import { completenessErrors } from './errors.ts';
import type { ClinicianQuery } from './queries.schemas.ts';
import { activeUser, encounterOwner, entryOwners, patientExists } from './record-refs.queries.ts';

export interface OpenQueryInput {
  patientId: string;
  encounterId?: string | undefined;
  entryId?: string | undefined;
  question: string;
  options: string[];
  dueOn: string;
  addresseeUserId: string;
  openedBy: 'coder' | 'clerk';
}

export const queryToApi = (r: QueryRow): ClinicianQuery => ({
  id: r.id,
  patientId: r.patient_id,
  encounterId: r.encounter_id,
  entryId: r.entry_id,
  question: r.question,
  options: r.options,
  dueOn: r.due_on,
  addresseeUserId: r.addressee_user_id,
  addresseeName: r.addressee_name,
  openedByRole: r.opened_by_role,
  openedBy: r.opened_by,
  openedAt: r.opened_at.toISOString(),
  status: r.status,
  answerOption: r.answer_option,
  answerText: r.answer_text,
  answeredBy: r.answered_by,
  answeredAt: r.answered_at?.toISOString() ?? null,
});

/** Checks that need the database or several fields; every fault is reported at once. */
async function checkQuery(ctx: RequestContext, trx: DbOrTx, input: OpenQueryInput): Promise<void> {
  const issues: FieldIssue[] = [];
  const opts = input.options.map((o) => o.trim().toLowerCase());
  // A compliant query offers real choices, including one that lets the clinician disagree (AHIMA/ACDIS
  // query practice brief): at least two distinct options.
  if (opts.length < 2) issues.push({ field: 'options', message: 'offer at least two answer options' });
  if (new Set(opts).size !== opts.length) issues.push({ field: 'options', message: 'must not repeat' });
  if (input.dueOn < dayOf(ctx.clock.now()))
    issues.push({ field: 'dueOn', message: 'must not be in the past' });
  if (!(await activeUser(trx, input.addresseeUserId)))
    issues.push({ field: 'addresseeUserId', message: 'is not an active user' });
  if (input.encounterId && (await encounterOwner(trx, input.encounterId)) !== input.patientId)
    issues.push({ field: 'encounterId', message: 'is not an encounter of this patient' });
  if (input.entryId && (await entryOwners(trx, [input.entryId])).get(input.entryId) !== input.patientId)
    issues.push({ field: 'entryId', message: 'is not an entry of this patient' });
  if (issues.length > 0) throw validationFailed(issues);
}

/**
 * Opens a clinician query in the caller's transaction (the coding domain uses it to hold a chart for
 * query). Checks the actor may work completion for this patient and audits the opening.
 * @returns the new query's id
 * @example await withTransaction(ctx.db, (trx) => openClinicianQuery(ctx, trx, { patientId, encounterId,
 *   question: 'Clinical significance of the low sodium?', options: ['Hyponatremia', 'Not significant',
 *   'Other'], dueOn: '2026-03-09', addresseeUserId: drId, openedBy: 'coder' }));
 */
export async function openClinicianQuery(
  ctx: RequestContext,
  trx: Transaction<Database>,
  input: OpenQueryInput,
): Promise<{ id: string }> {
  await assertCanSeePatient(ctx, trx, input.patientId, 'completion:manage');
  if (!(await patientExists(trx, input.patientId))) throw notFound('The patient');
  await checkQuery(ctx, trx, input);
  const id = await insertQuery(trx, {
    patient_id: input.patientId,
    encounter_id: input.encounterId ?? null,
    entry_id: input.entryId ?? null,
    question: input.question.trim(),
    options: input.options.map((o) => o.trim()),
    due_on: input.dueOn,
    addressee_user_id: input.addresseeUserId,
    opened_by_role: input.openedBy,
    opened_by: ctx.actor?.userId ?? '',
    opened_at: ctx.clock.now(),
    status: 'open',
    answer_option: null,
    answer_text: null,
    answered_by: null,
    answered_at: null,
    withdraw_reason: null,
  });
  await recordAudit(trx, ctx, {
    action: 'completion.query.open',
    patientIds: [input.patientId],
    resourceType: 'completeness_query',
    resourceId: id,
    details: { openedBy: input.openedBy, options: input.options.length },
  });
  return { id };
}

/**
 * Open queries on an encounter: while any is open the chart cannot be final (issue 5). No access check:
 * the caller already holds the encounter under its own check.
 */
export async function openQueriesForEncounter(trx: DbOrTx, encounterId: string) {
  const rows = await openQueryRows(trx, encounterId);
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    question: r.question,
    dueOn: r.due_on,
    addresseeUserId: r.addressee_user_id,
    openedAt: r.opened_at.toISOString(),
  }));
}

/** The API's entry point: opens a query as a clerk or coder, in its own transaction. */
export async function createQuery(ctx: RequestContext, body: Omit<OpenQueryInput, 'openedBy'>) {
  const openedBy =
    ctx.actor?.roles.includes('coder') && !ctx.actor.roles.includes('him_clerk') ? 'coder' : 'clerk';
  const { id } = await withTransaction(ctx.db, (trx) => openClinicianQuery(ctx, trx, { ...body, openedBy }));
  return getQuery(ctx, id);
}

/** HIM staff see every query; a clinician sees the ones addressed to them. Others are refused and audited. */
async function readable(ctx: RequestContext, trx: DbOrTx, id: string): Promise<QueryRow> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const row = await findQuery(trx, id);
  if (!row) throw notFound('The query');
  if (row.addressee_user_id !== actor.userId && !actor.permissions.has('completion:manage')) {
    await recordDenied(ctx, {
      action: 'completion.query.read',
      patientIds: [row.patient_id],
      resourceType: 'completeness_query',
      resourceId: id,
    });
    throw completenessErrors.notAddressee();
  }
  await assertCanSeePatient(ctx, trx, row.patient_id, 'chart:read');
  return row;
}

export async function getQuery(ctx: RequestContext, id: string): Promise<ClinicianQuery> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await readable(ctx, trx, id);
    await recordAudit(trx, ctx, {
      action: 'completion.query.read',
      patientIds: [row.patient_id],
      resourceType: 'completeness_query',
      resourceId: id,
    });
    return queryToApi(row);
  });
}

/**
 * The addressed clinician answers: one of the options and/or free text. The answer joins the record
 * and closes the query; a closed query cannot be answered again (issue 5, bad input).
 */
export async function answerQuery(
  ctx: RequestContext,
  id: string,
  body: { option?: string | undefined; text?: string | undefined },
): Promise<ClinicianQuery> {
  return withTransaction(ctx.db, async (trx) => {
    const actor = ctx.actor;
    if (!actor) throw unauthorized();
    if (!(await lockQuery(trx, id))) throw notFound('The query');
    const row = (await findQuery(trx, id)) as QueryRow;
    if (row.addressee_user_id !== actor.userId) {
      await recordDenied(ctx, {
        action: 'completion.query.answer',
        patientIds: [row.patient_id],
        resourceType: 'completeness_query',
        resourceId: id,
      });
      throw completenessErrors.notAddressee();
    }
    await assertCanSeePatient(ctx, trx, row.patient_id, 'chart:read');
    if (row.status !== 'open') throw completenessErrors.queryClosed(row.status);
    const issues: FieldIssue[] = [];
    if (!body.option && !body.text)
      issues.push({ field: 'option', message: 'choose an option or write an answer' });
    if (body.option && !row.options.includes(body.option))
      issues.push({ field: 'option', message: 'is not one of the offered options' });
    if (issues.length > 0) throw validationFailed(issues);
    const at = ctx.clock.now();
    await closeWithAnswer(trx, id, {
      option: body.option ?? null,
      text: body.text ?? null,
      by: actor.userId,
      at,
    });
    await recordAudit(trx, ctx, {
      action: 'completion.query.answer',
      patientIds: [row.patient_id],
      resourceType: 'completeness_query',
      resourceId: id,
    });
    return queryToApi((await findQuery(trx, id)) as QueryRow);
  });
}

/**
 * A page of queries. HIM staff list all (patients they may not open are left out); anyone else lists the
 * ones addressed to them (`mine`).
 */
export async function listQueries(
  ctx: RequestContext,
  q: {
    status?: 'open' | 'answered' | 'withdrawn' | undefined;
    encounterId?: string | undefined;
    limit: number;
    offset: number;
  },
  mine = false,
) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  return withTransaction(ctx.db, async (trx) => {
    const { rows, total } = await listQueryRows(trx, { ...q, addresseeId: mine ? actor.userId : undefined });
    const access = await patientAccess(
      ctx,
      trx,
      rows.map((r) => r.patient_id),
    );
    const visible = rows.filter((r) => access.get(r.patient_id) !== 'restricted');
    await recordAudit(trx, ctx, {
      action: 'completion.query.list',
      patientIds: [...new Set(visible.map((r) => r.patient_id))],
      resourceType: 'completeness_query',
      details: { count: visible.length, mine },
    });
    return { items: visible.map(queryToApi), total };
  });
}
