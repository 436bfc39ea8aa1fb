import { assertCanSeePatient, patientAccess, recordAudit, recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { conflict, unauthorized, validationFailed } from '../kernel/errors.ts';
import { dueDate, requestClock } from './deadlines.ts';
import * as q from './disclosure.queries.ts';
import type { NewRequest, RequestView } from './disclosure.schemas.ts';
import type { RequestScope } from './disclosure.tables.ts';
import { disclosureErrors } from './errors.ts';
import type { RequesterType } from './requester.ts';
import { assertTransition, type RequestStatus } from './status.ts';

const today = (ctx: RequestContext) => ctx.clock.now().toISOString().slice(0, 10);

/** Loads a request with the access check for its patient (the caller audits). */
export async function loadRequest(
  ctx: RequestContext,
  db: DbOrTx,
  id: string,
  permission: 'disclosure:read' | 'disclosure:release',
) {
  const row = await q.findRequest(db, id);
  if (!row) throw disclosureErrors.notFound();
  await assertCanSeePatient(ctx, db, row.patient_id, permission);
  return row;
}

export async function toView(
  db: DbOrTx,
  row: NonNullable<Awaited<ReturnType<typeof q.findRequest>>>,
): Promise<RequestView> {
  const history = await q.eventsOf(db, row.id);
  return {
    id: row.id,
    requestNo: row.request_no,
    patientId: row.patient_id,
    requesterType: row.requester_type,
    requesterName: row.requester_name,
    requesterAddress: row.requester_address,
    purpose: row.purpose,
    purposeText: row.purpose_text,
    scope: row.scope as unknown as RequestScope,
    deliveryMethod: row.delivery_method,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    extensionGrantedOn: row.extension_granted_on,
    extensionReason: row.extension_reason,
    identityVerification: row.identity_verification as unknown as RequestView['identityVerification'],
    status: row.status as RequestStatus,
    overrideReason: row.override_reason,
    version: row.version,
    history: history.map((h) => ({ status: h.status, note: h.note, at: h.at.toISOString(), actor: h.actor })),
  };
}

/**
 * Takes in a request: the patient must be an active record (a merged MRN's requests go to the
 * survivor), the due date follows the requester's clock (164.524(b)(2) for the patient's own request).
 */
export async function createRequest(ctx: RequestContext, input: NewRequest): Promise<RequestView> {
  if (!ctx.actor) throw unauthorized();
  const issues = [];
  if (input.receivedOn > today(ctx))
    issues.push({ field: 'receivedOn', message: 'The date received cannot be in the future.' });
  if (input.scope.dateFrom && input.scope.dateTo && input.scope.dateFrom > input.scope.dateTo) {
    issues.push({ field: 'scope.dateTo', message: 'The end date is before the start date.' });
  }
  if (issues.length) throw validationFailed(issues);
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, input.patientId, 'disclosure:release');
    const patient = await q.patientStatus(trx, input.patientId);
    if (!patient) throw validationFailed([{ field: 'patientId', message: 'No such patient.' }]);
    if (patient.status === 'merged') {
      await recordDenied(ctx, {
        action: 'disclosure.request.create',
        patientIds: [input.patientId],
        details: { reason: 'merged-record' },
      });
      throw disclosureErrors.retiredPatient();
    }
    const now = ctx.clock.now();
    const id = await q.insertRequest(trx, {
      request_no: await q.nextRequestNo(trx, now.getUTCFullYear()),
      patient_id: input.patientId,
      requester_type: input.requesterType,
      requester_name: input.requesterName,
      requester_address: input.requesterAddress,
      purpose: input.purpose,
      purpose_text: input.purposeText,
      scope: JSON.stringify(input.scope),
      delivery_method: input.deliveryMethod,
      received_on: input.receivedOn,
      due_on: dueDate(input.receivedOn, requestClock(input.requesterType as RequesterType)),
      identity_verification: null,
      status: 'received',
      created_by: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
    });
    await q.insertEvent(trx, {
      request_id: id,
      patient_id: input.patientId,
      status: 'received',
      note: null,
      actor_id: ctx.actor?.userId ?? null,
      at: now,
    });
    await recordAudit(trx, ctx, {
      action: 'disclosure.request.create',
      patientIds: [input.patientId],
      resourceType: 'DisclosureRequest',
      resourceId: id,
    });
    return toView(trx, (await q.findRequest(trx, id))!);
  });
}

export async function getRequest(ctx: RequestContext, id: string): Promise<RequestView> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, id, 'disclosure:read');
    const view = await toView(trx, row);
    await recordAudit(trx, ctx, {
      action: 'disclosure.request.read',
      patientIds: [row.patient_id],
      resourceType: 'DisclosureRequest',
      resourceId: id,
    });
    return view;
  });
}

/**
 * Moves a request along (with an optimistic version check); every step is kept with who, when and
 * why. `extra` carries the columns the step sets (identity verification, override reason).
 */
export async function moveRequest(
  ctx: RequestContext,
  trx: DbOrTx,
  row: NonNullable<Awaited<ReturnType<typeof q.findRequest>>>,
  to: RequestStatus,
  note: string | null,
  version: number | null,
  extra: Parameters<typeof q.updateRequest>[2] = {},
): Promise<void> {
  if (version !== null && version !== row.version) {
    throw conflict('VERSION_CONFLICT', 'Someone else changed this request; reload it to see their change.', {
      current: row.version,
    });
  }
  assertTransition(row.status as RequestStatus, to);
  const now = ctx.clock.now();
  await q.updateRequest(trx, row.id, { ...extra, status: to, updated_at: now });
  await q.insertEvent(trx, {
    request_id: row.id,
    patient_id: row.patient_id,
    status: to,
    note,
    actor_id: ctx.actor?.userId ?? null,
    at: now,
  });
  await recordAudit(trx, ctx, {
    action: `disclosure.request.${to}`,
    patientIds: [row.patient_id],
    resourceType: 'DisclosureRequest',
    resourceId: row.id,
    details: note ? { note: note.slice(0, 200) } : undefined,
  });
}

/** Records how the requester's identity was checked (e.g. photo ID, known provider) and moves on. */
export async function verifyIdentity(
  ctx: RequestContext,
  id: string,
  method: string,
  version: number,
): Promise<RequestView> {
  if (method.trim().length < 3)
    throw validationFailed([{ field: 'method', message: 'Say how identity was verified.' }]);
  return withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, id, 'disclosure:release');
    const verification = {
      method: method.trim(),
      verifiedBy: ctx.actor?.username ?? '',
      verifiedAt: ctx.clock.now().toISOString(),
    };
    await moveRequest(ctx, trx, row, 'verification', `Identity verified: ${method.trim()}`, version, {
      identity_verification: JSON.stringify(verification),
    });
    return toView(trx, (await q.findRequest(trx, id))!);
  });
}

/** One extension, with the written reason, granted before the first due date (164.524(b)(2)(ii)). */
export async function grantExtension(ctx: RequestContext, id: string, reason: string): Promise<RequestView> {
  if (reason.trim().length < 10)
    throw validationFailed([
      { field: 'reason', message: 'Write the reason the patient will be told (at least 10 characters).' },
    ]);
  return withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, id, 'disclosure:release');
    if (row.extension_granted_on) throw disclosureErrors.extensionTwice();
    const on = today(ctx);
    if (on > row.due_on) throw disclosureErrors.extensionLate();
    const due = dueDate(row.received_on, requestClock(row.requester_type as RequesterType), {
      grantedOn: on,
    });
    await q.updateRequest(trx, id, {
      extension_granted_on: on,
      extension_reason: reason.trim(),
      due_on: due,
      updated_at: ctx.clock.now(),
    });
    await q.insertEvent(trx, {
      request_id: id,
      patient_id: row.patient_id,
      status: row.status,
      note: `Extended to ${due}: ${reason.trim()}`,
      actor_id: ctx.actor?.userId ?? null,
      at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'disclosure.request.extend',
      patientIds: [row.patient_id],
      resourceType: 'DisclosureRequest',
      resourceId: id,
    });
    return toView(trx, (await q.findRequest(trx, id))!);
  });
}

/** The ROI queue, most urgent first, with days left; restricted patients are shown without names. */
export async function listQueue(
  ctx: RequestContext,
  f: { status?: string; requesterType?: string; dueBefore?: string; page: number; pageSize: number },
) {
  return withTransaction(ctx.db, async (trx) => {
    const { rows, total } = await q.queue(trx, {
      ...f,
      limit: f.pageSize,
      offset: (f.page - 1) * f.pageSize,
    });
    const access = await patientAccess(
      ctx,
      trx,
      rows.map((r) => r.patient_id),
    );
    const now = Date.parse(`${today(ctx)}T00:00:00Z`);
    const items = rows.map((r) => ({
      id: r.id,
      requestNo: r.request_no,
      patientId: r.patient_id,
      patient:
        access.get(r.patient_id) === 'restricted'
          ? null
          : { mrn: r.mrn, name: `${r.family_name}, ${r.given_name}` },
      requesterType: r.requester_type,
      requesterName: r.requester_name,
      purpose: r.purpose,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      daysLeft: Math.round((Date.parse(`${r.due_on}T00:00:00Z`) - now) / 86_400_000),
      status: r.status,
    }));
    const shown = items.filter((i) => i.patient).map((i) => i.patientId);
    await recordAudit(trx, ctx, {
      action: 'disclosure.queue.read',
      patientIds: shown,
      details: { count: items.length },
    });
    return { items, total, page: f.page, pageSize: f.pageSize };
  });
}
