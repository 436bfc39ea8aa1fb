import type { Hl7Message } from '@medplum/core';
import { createEntry } from '../../chart/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { findPatientIdByIdentifier, mergePatients } from '../../patients/index.ts';
import { Hl7Rejection, issue } from './errors.ts';
import { dtmToIso, type Header, type Hl7Issue, value } from './message.ts';
import { readResults } from './obx.ts';
import { patientFromPid } from './patient-feed.ts';
import { identifiersOf } from './pid.ts';
import { readVisit } from './pv1.ts';
import { cancelDischarge, cancelVisit, dischargeVisit, openVisit, visitEncounter } from './visit-feed.ts';

/**
 * What each supported trigger event does (HL7 2.5.1 chapter 3 ADT, chapter 7 ORU). Each handler runs
 * inside the message's transaction: a rejection anywhere rolls the whole message back.
 */
export interface EventInput {
  ctx: RequestContext;
  db: DbOrTx;
  msg: Hl7Message;
  header: Header;
  /** The interface's service account (encounter owner). */
  interfaceUserId: string;
}
export interface EventResult {
  patientId: string | undefined;
  warnings: Hl7Issue[];
}
type Handler = (i: EventInput) => Promise<EventResult>;

const why = (h: Header, what: string) =>
  `${what} by the sending system (HL7 ${h.type}^${h.trigger}, control id ${h.controlId})`.slice(0, 500);

/** A01 admit, A04 register: patient upserted, visit opened. */
const admit =
  (target: 'arrived' | 'in_progress'): Handler =>
  async ({ ctx, db, msg, header, interfaceUserId }) => {
    const p = await patientFromPid(ctx, msg, header, 'upsert');
    const v = readVisit(msg, header.sendingFacility, header.trigger);
    const warnings = [...p.warnings];
    if (msg.getSegment('PV1')) await openVisit(ctx, db, p.patientId, v, target, interfaceUserId);
    else warnings.push(issue('PV1', 'no visit segment: only the patient was registered', '100', 'W'));
    return { patientId: p.patientId, warnings };
  };

/** A08: demographics only (an empty field means no change). */
const update: Handler = async ({ ctx, msg, header }) => {
  const p = await patientFromPid(ctx, msg, header, 'upsert');
  return { patientId: p.patientId, warnings: p.warnings };
};

/** A03: the visit is found (or recorded, when the admit never reached us) and closed. */
const discharge: Handler = async ({ ctx, db, msg, header, interfaceUserId }) => {
  const p = await patientFromPid(ctx, msg, header, 'upsert');
  const v = readVisit(msg, header.sendingFacility, header.trigger);
  const e = await openVisit(ctx, db, p.patientId, v, 'in_progress', interfaceUserId);
  await dischargeVisit(ctx, e, v, why(header, 'Discharged'));
  return { patientId: p.patientId, warnings: p.warnings };
};

/** A11 / A13: take back an admission or a discharge; the visit must be one we know. */
const cancel =
  (kind: 'admit' | 'discharge'): Handler =>
  async ({ ctx, db, msg, header }) => {
    const v = readVisit(msg, header.sendingFacility, header.trigger);
    if (!v.key) throw new Hl7Rejection([issue('PV1-19', 'the visit number is required to cancel', '101')]);
    const e = await visitEncounter(ctx, db, v);
    if (!e) throw new Hl7Rejection([issue('PV1-19', 'no visit with this number was received', '204')]);
    if (kind === 'admit') await cancelVisit(ctx, e, why(header, 'Admission cancelled'));
    else await cancelDischarge(ctx, e, why(header, 'Discharge cancelled'));
    return { patientId: e.patientId, warnings: [] };
  };

async function patientByIdentifiers(ctx: RequestContext, ids: { value: string; authority: string }[]) {
  for (const i of ids) {
    const found = await findPatientIdByIdentifier(ctx, i.authority, i.value);
    if (found) return found;
  }
  return undefined;
}

/**
 * A40: for each PID/MRG pair, the record known by MRG-1 (the incorrect identifier) merges into the one
 * known by PID-3 (the survivor). Both must exist: reversing them is the classic catastrophic error, so
 * nothing is registered on the fly here.
 */
const merge: Handler = async ({ ctx, msg, header }) => {
  const authority = header.sendingFacility || header.sendingApplication;
  let last: string | undefined;
  const pairs = msg.segments.filter((s) => s.name === 'PID' || s.name === 'MRG');
  for (let i = 0; i < pairs.length; i++) {
    const pid = pairs[i];
    const mrg = pairs[i + 1];
    if (pid?.name !== 'PID') continue;
    if (mrg?.name !== 'MRG') throw new Hl7Rejection([issue('MRG', 'each PID needs its MRG segment', '100')]);
    const survivor = await patientByIdentifiers(ctx, identifiersOf(pid, 3, authority));
    if (!survivor)
      throw new Hl7Rejection([issue('PID-3', 'no patient with this identifier (the survivor)', '204')]);
    const retired = await patientByIdentifiers(ctx, identifiersOf(mrg, 1, authority));
    if (!retired) throw new Hl7Rejection([issue('MRG-1', 'no patient with this prior identifier', '204')]);
    if (retired !== survivor) {
      await mergePatients(ctx, {
        survivorId: survivor,
        retiredId: retired,
        reason: why(header, 'Merged'),
      }).catch((e: unknown) => {
        throw e instanceof AppError && e.statusCode < 500 ? new Hl7Rejection([issue('MRG-1', e.message)]) : e;
      });
    }
    last = survivor;
  }
  if (!last) throw new Hl7Rejection([issue('PID', 'the PID and MRG segments are required', '100')]);
  return { patientId: last, warnings: [] };
};

/** ORU^R01: each OBX becomes a result in the chart, on the visit when PV1-19 names one we know. */
const results: Handler = async ({ ctx, db, msg, header }) => {
  const p = await patientFromPid(ctx, msg, header, 'register-only');
  const visit = await visitEncounter(ctx, db, readVisit(msg, header.sendingFacility, header.trigger));
  // A visit number the sender reuses for another patient must not attach results to the wrong chart.
  const encounter = visit?.patientId === p.patientId ? visit : undefined;
  const misfiled =
    visit && !encounter
      ? [issue('PV1-19', 'this visit belongs to another patient; results filed without a visit', '204', 'W')]
      : [];
  const when = dtmToIso(value(msg.header, 7)) ?? ctx.clock.now().toISOString();
  const { results: list, issues } = readResults(msg, when);
  if (list.length === 0)
    throw new Hl7Rejection([issue('OBX', 'the message has no observation to store', '101')]);
  for (const r of list) {
    await createEntry(ctx, p.patientId, 'results', {
      kind: 'result',
      encounterId: encounter?.id,
      data: r.data,
    }).catch((e: unknown) => {
      const list2 = (e as AppError).details as { issues?: { field: string; message: string }[] } | undefined;
      if (!(e instanceof AppError) || !list2?.issues) throw e;
      throw new Hl7Rejection(
        list2.issues.map((i) =>
          issue(`OBX-${obxField(i.field)}`, `observation ${r.obxIndex}: ${i.message}`, '102'),
        ),
      );
    });
  }
  return { patientId: p.patientId, warnings: [...p.warnings, ...misfiled, ...issues] };
};

/** Result field → OBX field number, for ERR-2. */
function obxField(field: string): string {
  const key = field.replace(/^data\./, '');
  const map: Record<string, string> = {
    code: '3',
    name: '3',
    value: '5',
    valueText: '5',
    units: '6',
    status: '11',
    performedAt: '14',
  };
  return map[key] ?? '5';
}

export const HANDLERS: Record<string, Handler> = {
  'ADT^A01': admit('in_progress'),
  'ADT^A04': admit('arrived'),
  'ADT^A08': update,
  'ADT^A03': discharge,
  'ADT^A11': cancel('admit'),
  'ADT^A13': cancel('discharge'),
  'ADT^A40': merge,
  'ORU^R01': results,
};
