import { assertCanSeePatient, patientAccess, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { type FieldIssue, notFound, unauthorized, validationFailed } from '../kernel/errors.ts';
import { event } from './analysis.service.ts';
import { deficiencyToApi } from './deficiency.mappers.ts';
import {
  closeDeficiencies,
  eventsOf,
  findDeficiency,
  insertDeficiencies,
  insertEvents,
  updateDeficiency,
} from './deficiency.queries.ts';
import type { Deficiency, QueueFilter } from './deficiency.schemas.ts';
import { queuePage, queueRow } from './queue.queries.ts';
import { activeUser, encounterOwner } from './record-refs.queries.ts';
import { loadAgingPolicy } from './settings.service.ts';

const DAY = 86_400_000;
const audit = (action: string, patientIds: string[], id?: string, details?: Record<string, unknown>) => ({
  action,
  patientIds,
  resourceType: 'completeness_deficiency',
  ...(id ? { resourceId: id } : {}),
  ...(details ? { details } : {}),
});

/**
 * The HIM deficiency queue (filter by clinician, service, rule, age, facility), or a clinician's own
 * (`mine`). Patients the actor may not open are left out of the page; the list read is audited.
 */
export async function deficiencyQueue(ctx: RequestContext, f: QueueFilter, mine = false) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const now = ctx.clock.now();
  return withTransaction(ctx.db, async (trx) => {
    const policy = await loadAgingPolicy(trx);
    const { rows, total, capped } = await queuePage(trx, {
      ...f,
      responsibleId: mine ? actor.userId : f.responsibleId,
      dueBefore:
        f.minDaysOverdue === undefined ? undefined : new Date(now.getTime() - f.minDaysOverdue * DAY),
    });
    const access = await patientAccess(
      ctx,
      trx,
      rows.map((r) => r.patient_id),
    );
    const visible = rows.filter((r) => access.get(r.patient_id) !== 'restricted');
    await recordAudit(
      trx,
      ctx,
      audit('completion.deficiency.list', [...new Set(visible.map((r) => r.patient_id))], undefined, {
        count: visible.length,
        mine,
      }),
    );
    return { items: visible.map((r) => deficiencyToApi(r, now, policy)), total, totalCapped: capped };
  });
}

async function loadApi(trx: DbOrTx, ctx: RequestContext, id: string): Promise<Deficiency> {
  const row = await queueRow(trx, id);
  if (!row) throw notFound('The deficiency');
  return deficiencyToApi(row, ctx.clock.now(), await loadAgingPolicy(trx));
}

/** One deficiency with its history (opened, reassigned, waived, closed). */
export async function getDeficiency(ctx: RequestContext, id: string) {
  return withTransaction(ctx.db, async (trx) => {
    const d = await loadApi(trx, ctx, id);
    await assertCanSeePatient(ctx, trx, d.patientId, 'chart:read');
    const events = (await eventsOf(trx, id)).map((e) => ({
      action: e.action,
      fromUserId: e.from_user_id,
      toUserId: e.to_user_id,
      reason: e.reason,
      actorName: e.actor_name,
      at: e.at.toISOString(),
    }));
    await recordAudit(trx, ctx, audit('completion.deficiency.read', [d.patientId], id));
    return { ...d, events };
  });
}

/** A clerk opens a deficiency by hand (never closed by the rules); the due date must not be past. */
export async function openManual(
  ctx: RequestContext,
  body: { encounterId: string; description: string; responsibleUserId: string; dueAt: string },
): Promise<Deficiency> {
  return withTransaction(ctx.db, async (trx) => {
    const patientId = await encounterOwner(trx, body.encounterId);
    if (!patientId) throw validationFailed([{ field: 'encounterId', message: 'is not a known encounter' }]);
    await assertCanSeePatient(ctx, trx, patientId, 'completion:manage');
    const now = ctx.clock.now();
    const issues: FieldIssue[] = [];
    if (Date.parse(body.dueAt) < now.getTime())
      issues.push({ field: 'dueAt', message: 'must not be in the past' });
    if (!(await activeUser(trx, body.responsibleUserId)))
      issues.push({ field: 'responsibleUserId', message: 'is not an active user' });
    if (issues.length > 0) throw validationFailed(issues);
    const [row] = await insertDeficiencies(trx, [
      {
        patient_id: patientId,
        encounter_id: body.encounterId,
        facility_id: null,
        service: null,
        rule_id: 'manual',
        item_key: `manual:${now.getTime()}`,
        description: body.description,
        responsible_user_id: body.responsibleUserId,
        manual: true,
        status: 'open',
        opened_at: now,
        due_at: new Date(body.dueAt),
        closed_at: null,
        closed_by: null,
        close_reason: null,
      },
    ]);
    if (!row)
      throw validationFailed([{ field: 'description', message: 'is already open on this encounter' }]);
    await insertEvents(trx, [
      event(row.id, patientId, 'opened', now, {
        to: body.responsibleUserId,
        actor: ctx.actor?.userId ?? null,
      }),
    ]);
    await recordAudit(trx, ctx, audit('completion.deficiency.open', [patientId], row.id));
    return loadApi(trx, ctx, row.id);
  });
}

/** Moves open deficiencies to another clinician (bulk from the queue); each move is kept in the history. */
export async function reassign(
  ctx: RequestContext,
  body: { ids: string[]; responsibleUserId: string; reason?: string | undefined },
) {
  return withTransaction(ctx.db, async (trx) => {
    if (!(await activeUser(trx, body.responsibleUserId)))
      throw validationFailed([{ field: 'responsibleUserId', message: 'is not an active user' }]);
    const rows = [];
    for (const id of [...new Set(body.ids)]) {
      const row = await findDeficiency(trx, id, true);
      if (row?.status !== 'open')
        throw validationFailed([{ field: 'ids', message: 'include one that is not open' }]);
      rows.push(row);
    }
    for (const pid of new Set(rows.map((r) => r.patient_id)))
      await assertCanSeePatient(ctx, trx, pid, 'completion:manage');
    const now = ctx.clock.now();
    for (const r of rows) await updateDeficiency(trx, r.id, { responsible_user_id: body.responsibleUserId });
    await insertEvents(
      trx,
      rows.map((r) =>
        event(r.id, r.patient_id, 'reassigned', now, {
          from: r.responsible_user_id,
          to: body.responsibleUserId,
          reason: body.reason ?? null,
          actor: ctx.actor?.userId ?? null,
        }),
      ),
    );
    await recordAudit(
      trx,
      ctx,
      audit('completion.deficiency.reassign', [...new Set(rows.map((r) => r.patient_id))], undefined, {
        count: rows.length,
      }),
    );
    return { reassigned: rows.length };
  });
}

/** Waives an open deficiency; the reason is required and kept (issue 5, bad input: waiving without one). */
export async function waive(
  ctx: RequestContext,
  id: string,
  reason: string | undefined,
): Promise<Deficiency> {
  if (!reason || reason.trim().length < 3)
    throw validationFailed([
      { field: 'reason', message: 'say why the deficiency is waived (at least 3 characters)' },
    ]);
  return withTransaction(ctx.db, async (trx) => {
    const row = await findDeficiency(trx, id, true);
    if (!row) throw notFound('The deficiency');
    await assertCanSeePatient(ctx, trx, row.patient_id, 'completion:manage');
    if (row.status !== 'open') throw validationFailed([{ field: 'id', message: `is already ${row.status}` }]);
    const now = ctx.clock.now();
    const by = ctx.actor?.userId ?? null;
    await closeDeficiencies(trx, [id], { status: 'waived', at: now, by, reason: reason.trim() });
    await insertEvents(trx, [event(id, row.patient_id, 'waived', now, { reason: reason.trim(), actor: by })]);
    await recordAudit(trx, ctx, audit('completion.deficiency.waive', [row.patient_id], id));
    return loadApi(trx, ctx, id);
  });
}
