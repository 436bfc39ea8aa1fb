import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { patientsForBilling } from '../../patients/index.ts';
import { findPayers } from '../billing.queries.ts';
import { PriorAuthErrors } from '../errors.ts';
import { actorName, auditBilling, requireBilling, visibleAudited, visiblePatients } from '../gate.ts';
import {
  findPriorAuth,
  insertPriorAuth,
  insertPriorAuthEvent,
  lockPriorAuth,
  type PriorAuthRow,
  priorAuthEvents,
  priorAuthRows,
  updatePriorAuth,
} from './priorauth.queries.ts';
import type { PriorAuthCreate, PriorAuthOut, PriorAuthUpdate } from './priorauth.schemas.ts';
import type { PriorAuthStatus } from './priorauth.tables.ts';

const APPROVED: PriorAuthStatus[] = ['approved', 'partially_approved'];

function toPriorAuth(r: PriorAuthRow): PriorAuthOut {
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: [r.given_name, r.family_name].filter(Boolean).join(' '),
    mrn: r.mrn,
    payerId: r.payer_id,
    payerName: r.payer_name,
    codes: r.codes,
    unitsApproved: r.units_approved,
    unitsUsed: r.units_used,
    unitsRemaining: r.units_approved === null ? null : Math.max(0, r.units_approved - r.units_used),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    authorizationNumber: r.auth_number,
    note: r.note,
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Prior authorizations, restricted patients left out; audited with the patients shown. */
export async function listPriorAuths(
  ctx: RequestContext,
  q: {
    patientId?: string | undefined;
    payerId?: string | undefined;
    status?: PriorAuthStatus | undefined;
    activeOn?: string | undefined;
    code?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: PriorAuthOut[] }> {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await priorAuthRows(trx, { ...q, code: q.code?.toUpperCase() });
    const { items } = await visibleAudited(ctx, trx, rows, toPriorAuth, 'billing.prior_auths_read');
    return { items };
  });
}

async function detail(ctx: RequestContext, trx: DbOrTx, id: string) {
  const row = await findPriorAuth(trx, id);
  if (!row || !(await visiblePatients(ctx, trx, [row.patient_id])).has(row.patient_id))
    throw PriorAuthErrors.notFound();
  const history = await priorAuthEvents(trx, id);
  return {
    ...toPriorAuth(row),
    history: history.map((h) => ({
      version: h.version,
      action: h.action,
      actor: h.actor,
      at: h.at.toISOString(),
    })),
  };
}

/** One prior authorization with its history; audited. */
export async function getPriorAuth(ctx: RequestContext, id: string) {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const d = await detail(ctx, trx, id);
    await auditBilling(
      trx,
      ctx,
      'billing.prior_auth_read',
      [d.patientId],
      {},
      { type: 'billing_prior_auth', id },
    );
    return d;
  });
}

function checkApproved(status: PriorAuthStatus, number: string | null): void {
  if (APPROVED.includes(status) && !number) throw PriorAuthErrors.numberRequired();
}

/**
 * Records a prior authorization request (issue 13) for a patient the actor may see, with a payer from the
 * payer list: codes, units, validity, status, number. Approved ones need the payer's number (REF*G1).
 */
export async function createPriorAuth(ctx: RequestContext, input: PriorAuthCreate) {
  await requireBilling(ctx, 'billing:write');
  checkApproved(input.status, input.authorizationNumber);
  return ctx.db.transaction().execute(async (trx) => {
    const patients = await patientsForBilling(ctx, trx, [input.patientId]);
    if (!patients.has(input.patientId)) throw PriorAuthErrors.patientUnknown();
    const payer = (await findPayers(trx, [input.payerId])).find((p) => p.payer_id === input.payerId);
    if (!payer) throw PriorAuthErrors.payerUnknown(input.payerId);
    const now = ctx.clock.now();
    const row = await insertPriorAuth(trx, {
      patient_id: input.patientId,
      payer_ref: payer.id,
      codes: [...new Set(input.codes)],
      units_approved: input.unitsApproved,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      status: input.status,
      auth_number: input.authorizationNumber,
      note: input.note,
      created_by: actorName(ctx),
      created_at: now,
      updated_at: now,
    });
    await insertPriorAuthEvent(trx, {
      prior_auth_id: row.id,
      version: row.version,
      action: 'created',
      snapshot: JSON.stringify({ ...input }),
      actor: actorName(ctx),
      at: now,
    });
    await auditBilling(
      trx,
      ctx,
      'billing.prior_auth_created',
      [input.patientId],
      { status: input.status },
      {
        type: 'billing_prior_auth',
        id: row.id,
      },
    );
    return detail(ctx, trx, row.id);
  });
}

/** Changes a prior authorization the actor saw at `version` (status, number, units, window); versioned. */
export async function changePriorAuth(ctx: RequestContext, id: string, input: PriorAuthUpdate) {
  await requireBilling(ctx, 'billing:write');
  return ctx.db.transaction().execute(async (trx) => {
    await detail(ctx, trx, id);
    const cur = await lockPriorAuth(trx, id);
    if (!cur) throw PriorAuthErrors.notFound();
    if (cur.version !== input.version) throw PriorAuthErrors.versionConflict(cur.version);
    const next = {
      status: input.status ?? cur.status,
      auth_number: input.authorizationNumber === undefined ? cur.auth_number : input.authorizationNumber,
      units_approved: input.unitsApproved === undefined ? cur.units_approved : input.unitsApproved,
      units_used: input.unitsUsed ?? cur.units_used,
      valid_from: input.validFrom ?? cur.valid_from,
      valid_to: input.validTo ?? cur.valid_to,
      codes: input.codes ? [...new Set(input.codes)] : cur.codes,
      note: input.note === undefined ? cur.note : input.note,
    };
    checkApproved(next.status, next.auth_number);
    if (next.valid_to < next.valid_from) throw PriorAuthErrors.badWindow();
    if (next.units_approved !== null && next.units_used > next.units_approved)
      throw PriorAuthErrors.unitsExceeded();
    const now = ctx.clock.now();
    const version = await updatePriorAuth(trx, id, next, now);
    const { version: _v, ...changed } = input;
    await insertPriorAuthEvent(trx, {
      prior_auth_id: id,
      version,
      action: input.status && input.status !== cur.status ? input.status : 'updated',
      snapshot: JSON.stringify(changed),
      actor: actorName(ctx),
      at: now,
    });
    await auditBilling(
      trx,
      ctx,
      'billing.prior_auth_changed',
      [cur.patient_id],
      { from: cur.status, to: next.status },
      { type: 'billing_prior_auth', id },
    );
    return detail(ctx, trx, id);
  });
}
