import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { rollUpAging } from '../aging/aging.ts';
import { DenialErrors } from '../errors.ts';
import { actorName, auditBilling, requireBilling, visiblePatients } from '../gate.ts';
import type { DenialStatus } from '../remit/remit.tables.ts';
import {
  AGING_BUCKETS,
  agingBucket,
  bucketRange,
  daysBetween,
  denialCategory,
  KNOWN_REASONS,
  reasonsOf,
  reasonText,
  remarkText,
  SUGGESTED_ACTION,
} from './carc.ts';
import {
  activeUser,
  agingRows,
  appealsOf,
  type DenialFilter,
  type DenialRow,
  denialCountsByPatient,
  denialEvents,
  denialRows,
  findDenial,
  insertDenialEvent,
  lockDenial,
  setDenial,
} from './denials.queries.ts';
import type { DenialDetail, DenialOut, DenialQuery } from './denials.schemas.ts';
import { canMove, isFinal, type SettableStatus } from './workflow.ts';

const money = (v: string | number) => Math.round(Number(v) * 100) / 100;
const ACTIVE: DenialStatus[] = ['open', 'in_progress', 'appealed', 'resubmitted'];
const ALL: DenialStatus[] = [...ACTIVE, 'resolved', 'written_off'];

export const todayOf = (ctx: RequestContext): string => ctx.clock.now().toISOString().slice(0, 10);

/** A queue row as the API shows it: CARC/RARC text, category, suggested action, age. */
export function toDenial(r: DenialRow, today: string): DenialOut {
  const category = denialCategory(r.reason_code);
  const ageDays = Math.max(0, daysBetween(r.denied_on, today));
  return {
    id: r.id,
    claimId: r.claim_id,
    patientControlNumber: r.patient_control_number,
    patientId: r.patient_id,
    patientName: [r.given_name, r.family_name].filter(Boolean).join(' '),
    mrn: r.mrn,
    payerName: r.payer_name,
    payerId: r.payer_id,
    claimType: r.claim_type,
    claimStatus: r.claim_status,
    serviceFrom: r.service_from,
    serviceTo: r.service_to,
    line: r.line_no !== null && r.line_code !== null ? { lineNo: r.line_no, code: r.line_code } : null,
    groupCode: r.group_code,
    reasonCode: r.reason_code,
    reasonText: reasonText(r.group_code, r.reason_code),
    category,
    remarks: r.remarks.map((code) => ({ code, text: remarkText(code) })),
    suggestedAction: SUGGESTED_ACTION[category],
    amount: money(r.amount),
    claimBalance: money(Number(r.claim_charge) - Number(r.claim_paid) - Number(r.claim_adjusted)),
    deniedOn: r.denied_on,
    ageDays,
    aging: agingBucket(ageDays),
    status: r.status,
    assignee:
      r.assigned_to && r.assignee_username
        ? { id: r.assigned_to, username: r.assignee_username, name: r.assignee_name }
        : null,
    assignedAt: r.assigned_at?.toISOString() ?? null,
    correctedClaimId: r.corrected_claim_id,
    version: r.version,
  };
}

function filterOf(ctx: RequestContext, q: DenialQuery): DenialFilter {
  const statuses = q.status === 'active' ? ACTIVE : q.status === 'all' ? ALL : [q.status];
  const reasons =
    q.category === undefined
      ? undefined
      : q.category === 'other'
        ? { notIn: KNOWN_REASONS }
        : { in: reasonsOf(q.category) };
  const assignedTo =
    q.assignedTo === 'none' ? null : q.assignedTo === 'me' ? (ctx.actor?.userId ?? null) : q.assignedTo;
  return {
    statuses,
    reasons,
    group: q.group,
    payer: q.payer,
    assignedTo,
    age: q.aging ? bucketRange(q.aging) : undefined,
    minAmount: q.minAmount,
    claimId: q.claimId,
    today: todayOf(ctx),
    sort: q.sort,
    limit: q.limit,
    offset: q.offset,
  };
}

/**
 * The denials work queue (issue 13): denials from 835 CAS adjustments, filtered by status (default: still
 * being worked), category, CAS group, payer, age bucket, amount and assignee. Restricted patients are left
 * out; the read is audited with the patients shown.
 */
export async function listDenials(
  ctx: RequestContext,
  q: DenialQuery,
): Promise<{ items: DenialOut[]; total: number }> {
  await requireBilling(ctx, 'billing:read');
  const f = filterOf(ctx, q);
  return ctx.db.transaction().execute(async (trx) => {
    const [rows, counts] = await Promise.all([denialRows(trx, f), denialCountsByPatient(trx, f)]);
    const visible = await visiblePatients(
      ctx,
      trx,
      counts.map((c) => c.patient_id),
    );
    const items = rows.filter((r) => visible.has(r.patient_id)).map((r) => toDenial(r, f.today));
    // `total` is every matching denial the actor may see, not the length of this page (the web table
    // pages with it).
    const total = counts.filter((c) => visible.has(c.patient_id)).reduce((n, c) => n + Number(c.n), 0);
    await auditBilling(
      trx,
      ctx,
      'billing.denials_read',
      items.map((i) => i.patientId),
      { items: items.length, status: q.status, ...(q.category ? { category: q.category } : {}) },
    );
    return { items, total };
  });
}

/** One denial visible to the actor, or DENIAL_NOT_FOUND (a restricted patient's denial is not shown). */
async function visibleDenial(ctx: RequestContext, trx: DbOrTx, id: string): Promise<DenialRow> {
  const row = await findDenial(trx, id);
  if (!row || !(await visiblePatients(ctx, trx, [row.patient_id])).has(row.patient_id))
    throw DenialErrors.notFound();
  return row;
}

export async function detailOf(ctx: RequestContext, trx: DbOrTx, id: string): Promise<DenialDetail> {
  const row = await visibleDenial(ctx, trx, id);
  const [events, appeals] = await Promise.all([denialEvents(trx, id), appealsOf(trx, id)]);
  return {
    ...toDenial(row, todayOf(ctx)),
    events: events.map((e) => ({
      version: e.version,
      action: e.action,
      status: e.status,
      assignee: e.assignee,
      note: e.note,
      actor: e.actor,
      at: e.at.toISOString(),
    })),
    appeals: appeals.map((a) => ({
      id: a.id,
      level: a.level,
      reason: a.reason,
      records: a.records,
      createdBy: a.created_by,
      createdAt: a.created_at.toISOString(),
    })),
  };
}

/** One denial with its trail (every assignment and status change) and the appeals sent; audited. */
export async function getDenial(ctx: RequestContext, id: string): Promise<DenialDetail> {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const d = await detailOf(ctx, trx, id);
    await auditBilling(trx, ctx, 'billing.denial_read', [d.patientId], {}, { type: 'billing_denial', id });
    return d;
  });
}

export interface DenialChange {
  action: string;
  status?: DenialStatus;
  assignedTo?: string | null;
  correctedClaimId?: string;
  note?: string | undefined;
  details?: Record<string, unknown>;
}

/**
 * Applies one change to a locked denial the actor saw at `version`: checks the version and the
 * transition, bumps the version and writes the event, in the caller's transaction.
 */
export async function changeDenial(
  ctx: RequestContext,
  trx: DbOrTx,
  id: string,
  version: number | null,
  change: DenialChange,
): Promise<DenialRow> {
  const row = await visibleDenial(ctx, trx, id);
  const locked = await lockDenial(trx, id);
  if (!locked) throw DenialErrors.notFound();
  if (version !== null && locked.version !== version) throw DenialErrors.versionConflict(locked.version);
  if (isFinal(locked.status)) throw DenialErrors.badTransition(locked.status, change.status ?? change.action);
  if (change.status && !canMove(locked.status, change.status))
    throw DenialErrors.badTransition(locked.status, change.status);
  const now = ctx.clock.now();
  const status = change.status ?? locked.status;
  const assignedTo = change.assignedTo === undefined ? locked.assigned_to : change.assignedTo;
  const next = await setDenial(
    trx,
    id,
    {
      status,
      ...(change.assignedTo !== undefined
        ? { assigned_to: change.assignedTo, assigned_at: change.assignedTo ? now : null }
        : {}),
      ...(change.correctedClaimId ? { corrected_claim_id: change.correctedClaimId } : {}),
    },
    now,
  );
  await insertDenialEvent(trx, {
    denial_id: id,
    version: next,
    action: change.action,
    status,
    assigned_to: assignedTo,
    note: change.note ?? null,
    details: JSON.stringify(change.details ?? {}),
    actor: actorName(ctx),
    at: now,
  });
  await auditBilling(
    trx,
    ctx,
    `billing.denial_${change.action}`,
    [row.patient_id],
    { from: locked.status, to: status, ...(change.details ?? {}) },
    { type: 'billing_denial', id },
  );
  return row;
}

/** Assigns a denial to a user (or unassigns it); an open denial assigned to someone is in progress. */
export async function assignDenial(
  ctx: RequestContext,
  id: string,
  input: { userId: string | null; version: number; note?: string | undefined },
): Promise<DenialDetail> {
  await requireBilling(ctx, 'billing:write');
  return ctx.db.transaction().execute(async (trx) => {
    if (input.userId && !(await activeUser(trx, input.userId))) throw DenialErrors.assigneeUnknown();
    const current = await lockDenial(trx, id);
    await changeDenial(ctx, trx, id, input.version, {
      action: input.userId ? 'assigned' : 'unassigned',
      assignedTo: input.userId,
      ...(input.userId && current?.status === 'open' ? { status: 'in_progress' as const } : {}),
      note: input.note,
      details: { assignedTo: input.userId },
    });
    return detailOf(ctx, trx, id);
  });
}

/** Moves a denial to open, in progress, resolved or written off; the last two need a note saying why. */
export async function setDenialStatus(
  ctx: RequestContext,
  id: string,
  input: { status: SettableStatus; version: number; note?: string | undefined },
): Promise<DenialDetail> {
  await requireBilling(ctx, 'billing:write');
  if ((input.status === 'resolved' || input.status === 'written_off') && !input.note?.trim())
    throw DenialErrors.noteRequired();
  return ctx.db.transaction().execute(async (trx) => {
    await changeDenial(ctx, trx, id, input.version, {
      action: input.status === 'written_off' ? 'written_off' : 'status',
      status: input.status,
      note: input.note,
    });
    return detailOf(ctx, trx, id);
  });
}

/** Denial amounts per payer and age bucket (0–30, 31–60, 61–90, 91–120, 120+ days), audited. */
export async function denialAging(ctx: RequestContext, q: { status: 'active' | 'all' }) {
  await requireBilling(ctx, 'billing:read');
  const today = todayOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const report = rollUpAging(await agingRows(trx, today, q.status === 'all' ? ALL : ACTIVE));
    await auditBilling(trx, ctx, 'billing.denial_aging_read', [], { payers: report.payers.length });
    return { asOf: today, buckets: [...AGING_BUCKETS], ...report };
  });
}
