import {
  changeEncounterStatus,
  createEncounter,
  type Encounter,
  getEncounter,
  markEncounterInError,
  reopenEncounter,
  updateEncounter,
} from '../../chart/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { Hl7Rejection, issue } from './errors.ts';
import { findVisit, insertVisit } from './hl7v2.queries.ts';
import type { VisitData } from './pv1.ts';

/**
 * The visit side of ADT: PV1-19 names the visit; the first event for it opens an encounter in the chart
 * (owned by the interface's service account, the attending named in PV1 being no user of ours), later
 * events find it through hl7v2_visit. Every change goes through the chart's services, so it is
 * versioned and audited like a clerk's.
 */
const ENCOUNTER_FIELD: Record<string, string> = {
  startsAt: 'PV1-44',
  dischargedAt: 'PV1-45',
  dischargeDisposition: 'PV1-36',
  location: 'PV1-3',
  type: 'PV1-2',
  reason: 'PV2-3',
};

/** Runs a chart call; its validation and state errors become ERR segments naming the PV1 field. */
async function chart<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof AppError) || e.statusCode >= 500) throw e;
    const list = (e.details as { issues?: { field: string; message: string }[] } | undefined)?.issues;
    if (list?.length)
      throw new Hl7Rejection(list.map((i) => issue(ENCOUNTER_FIELD[i.field] ?? 'PV1', i.message, '102')));
    throw new Hl7Rejection([issue('PV1-19', e.message)]);
  }
}

const step = (ctx: RequestContext, id: string, e: Encounter, status: Encounter['status']) =>
  chart(() => changeEncounterStatus(ctx, id, { status, version: e.version }));

/** Moves a visit forward to `target` through the chart's allowed transitions. */
async function advance(
  ctx: RequestContext,
  e: Encounter,
  target: 'arrived' | 'in_progress',
): Promise<Encounter> {
  let cur = e;
  if (cur.status === 'scheduled') cur = await step(ctx, cur.id, cur, 'arrived');
  if (target === 'in_progress' && cur.status === 'arrived') cur = await step(ctx, cur.id, cur, 'in_progress');
  return cur;
}

export async function visitEncounter(
  ctx: RequestContext,
  db: DbOrTx,
  v: VisitData,
): Promise<Encounter | undefined> {
  if (!v.key) return undefined;
  const row = await findVisit(db, v.key.authority, v.key.number);
  return row ? (await getEncounter(ctx, row.encounter_id)).encounter : undefined;
}

/**
 * Finds the visit or opens it: A01 admits (in progress), A04 registers an outpatient visit (arrived).
 * @param providerId - the interface's service account
 */
export async function openVisit(
  ctx: RequestContext,
  db: DbOrTx,
  patientId: string,
  v: VisitData,
  target: 'arrived' | 'in_progress',
  providerId: string,
): Promise<Encounter> {
  const existing = await visitEncounter(ctx, db, v);
  if (existing) return existing;
  if (!v.startsAt) throw new Hl7Rejection([issue('PV1-44', 'the admit date/time is required', '101')]);
  const created = await chart(() =>
    createEncounter(ctx, patientId, {
      class: v.class,
      type: v.type,
      startsAt: v.startsAt!,
      providerId,
      location: v.location,
      reason: v.reason,
    }),
  );
  if (v.key)
    await insertVisit(db, {
      authority: v.key.authority,
      visit_number: v.key.number,
      encounter_id: created.id,
      created_at: ctx.clock.now(),
    });
  return advance(ctx, created, target);
}

/** A03: the stay ends (discharge time and disposition for inpatients), the encounter is completed. */
export async function dischargeVisit(ctx: RequestContext, e: Encounter, v: VisitData, why: string) {
  if (e.status === 'completed') return;
  if (e.enteredInError)
    throw new Hl7Rejection([issue('PV1-19', 'the visit was cancelled (A11) and cannot be discharged')]);
  let cur = await advance(ctx, e, 'in_progress');
  if (cur.class === 'inpatient') {
    const input = {
      class: cur.class,
      type: cur.type,
      startsAt: cur.startsAt,
      providerId: cur.providerId,
      location: cur.location,
      reason: cur.reason,
      dischargedAt: v.dischargedAt ?? ctx.clock.now().toISOString(),
      dischargeDisposition: v.dischargeDisposition ?? 'Not stated by the sending system',
      ...(cur.disposition ? { disposition: cur.disposition } : {}),
      ...(cur.followUp ? { followUp: cur.followUp } : {}),
    };
    cur = await chart(() =>
      updateEncounter(ctx, cur.id, { ...input, version: cur.version, changeReason: why }),
    );
  }
  await step(ctx, cur.id, cur, 'completed');
}

/** A11: an admission that should not have happened is marked entered-in-error (kept, with the reason). */
export async function cancelVisit(ctx: RequestContext, e: Encounter, why: string) {
  if (e.enteredInError) return;
  await chart(() => markEncounterInError(ctx, e.id, { version: e.version, reason: why }));
}

/** A13: the discharge is taken back; the stay is in progress again. */
export async function cancelDischarge(ctx: RequestContext, e: Encounter, why: string) {
  if (e.status !== 'completed') return;
  await chart(() => reopenEncounter(ctx, e.id, { version: e.version, reason: why }));
}
