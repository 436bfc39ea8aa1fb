import { insertBillingRecords, updateBillingRecord } from '../../billing/index.ts';
import {
  encounterPatients,
  type ImportedEncounter,
  type ImportedEntry,
  type ImportResult,
  importEncounters,
  importEntries,
} from '../../chart/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import {
  importCoverage,
  importNewPatients,
  type RegisterInput,
  reimportPatients,
} from '../../patients/index.ts';
import type { InboundWrite } from '../fhir/inbound/index.ts';
import type { Pending, UnitState } from './import-unit.ts';

type WriteOf<T extends InboundWrite['target']> = Extract<InboundWrite, { target: T }>;
const of = <T extends InboundWrite['target']>(pending: Pending[], t: T) =>
  pending.filter((p) => p.write.target === t) as (Pending & { write: WriteOf<T> })[];

/** Splits pending resources into unchanged (same content as last time), and new or changed. */
function changed<P extends Pending>(state: UnitState, list: P[]): P[] {
  return list.filter((p) => {
    if (p.link && p.link.content_hash === p.hash) {
      state.unchanged(p);
      return false;
    }
    return true;
  });
}

/**
 * Writes one unit's resources in dependency order — patients, encounters, then what points at them —
 * so references inside the unit resolve to records written moments before.
 */
export async function writeUnit(
  ctx: RequestContext,
  trx: DbOrTx,
  state: UnitState,
  pending: Pending[],
): Promise<void> {
  await writePatients(ctx, trx, state, of(pending, 'patient'));
  await writeEncounters(ctx, trx, state, of(pending, 'encounter'));
  await writeEntries(ctx, trx, state, of(pending, 'entry'));
  await writeCoverage(ctx, trx, state, of(pending, 'coverage'));
  await writeBilling(ctx, trx, state, of(pending, 'billing'));
}

async function writePatients(
  ctx: RequestContext,
  trx: DbOrTx,
  state: UnitState,
  list: (Pending & { write: WriteOf<'patient'> })[],
) {
  const todo = changed(state, list);
  const fresh = todo.filter((p) => !p.link);
  const ids = await importNewPatients(
    ctx,
    trx,
    fresh.map((p) => p.write.input),
  );
  for (const [i, p] of fresh.entries()) state.linked(p, 'patient', ids[i]!, ids[i]!, true);
  const again = todo
    .filter((p) => p.link)
    .map((p) => ({ p, id: p.link!.target_id, input: p.write.input as RegisterInput }));
  await reimportPatients(ctx, trx, again);
  for (const { p, id } of again) state.linked(p, 'patient', id, id, false);
}

function settle(
  state: UnitState,
  items: { p: Pending; patientId: string }[],
  results: ImportResult[],
  table: string,
) {
  items.forEach(({ p, patientId }, i) => {
    const r = results[i]!;
    if ('refused' in r)
      state.rejectPending(p, { expression: p.type, code: 'business-rule', message: r.refused });
    else state.linked(p, table, r.id, patientId, !p.link);
  });
}

async function writeEncounters(
  ctx: RequestContext,
  trx: DbOrTx,
  state: UnitState,
  list: (Pending & { write: WriteOf<'encounter'> })[],
) {
  const items: { p: Pending; patientId: string; e: ImportedEncounter }[] = [];
  for (const p of changed(state, list)) {
    const patient = state.resolve(p, p.write.patientRef, 'Patient', 'subject');
    if (!patient) continue;
    const { class: cls, status, startsAt, ...data } = p.write.input;
    items.push({
      p,
      patientId: patient.targetId,
      e: {
        patientId: patient.targetId,
        class: cls,
        status,
        startsAt,
        data,
        ...(p.write.enteredInError ? { enteredInError: true } : {}),
        ...(p.link ? { existingId: p.link.target_id } : {}),
      },
    });
  }
  settle(
    state,
    items,
    await importEncounters(
      ctx,
      trx,
      items.map((x) => x.e),
    ),
    'chart_encounter',
  );
}

async function writeEntries(
  ctx: RequestContext,
  trx: DbOrTx,
  state: UnitState,
  list: (Pending & { write: WriteOf<'entry'> })[],
) {
  const items: { p: Pending; patientId: string; e: ImportedEntry }[] = [];
  const todo = changed(state, list);
  const encounterIds: string[] = [];
  for (const p of todo) {
    const patient = state.resolve(
      p,
      p.write.patientRef,
      'Patient',
      p.type === 'AllergyIntolerance' || p.type === 'Immunization' ? 'patient' : 'subject',
    );
    if (!patient) continue;
    let encounterId: string | null = null;
    if (p.write.encounterRef) {
      const enc = state.resolve(
        p,
        p.write.encounterRef,
        'Encounter',
        p.type === 'DocumentReference' ? 'context.encounter' : 'encounter',
      );
      if (!enc) continue;
      encounterId = enc.targetId;
      encounterIds.push(encounterId);
    }
    items.push({
      p,
      patientId: patient.targetId,
      e: {
        patientId: patient.targetId,
        kind: p.write.kind,
        encounterId,
        data: p.write.data,
        ...(p.write.enteredInError ? { enteredInError: true } : {}),
        ...(p.link ? { existingId: p.link.target_id } : {}),
      },
    });
  }
  // An entry's encounter must be a visit of the same patient (issue 4: outcomes belong to their visit).
  const owners = await encounterPatients(trx, [...new Set(encounterIds)]);
  const ok = items.filter(({ p, e }) => {
    if (!e.encounterId || owners.get(e.encounterId) === e.patientId) return true;
    state.rejectPending(p, {
      expression: `${p.type}.encounter`,
      code: 'business-rule',
      message: 'the encounter belongs to another patient',
    });
    return false;
  });
  settle(
    state,
    ok,
    await importEntries(
      ctx,
      trx,
      ok.map((x) => x.e),
    ),
    'chart_entry',
  );
}

async function writeCoverage(
  ctx: RequestContext,
  trx: DbOrTx,
  state: UnitState,
  list: (Pending & { write: WriteOf<'coverage'> })[],
) {
  const items: { p: Pending; patientId: string }[] = [];
  const inputs: Parameters<typeof importCoverage>[2] = [];
  for (const p of changed(state, list)) {
    const patient = state.resolve(p, p.write.patientRef, 'Patient', 'beneficiary');
    if (!patient) continue;
    items.push({ p, patientId: patient.targetId });
    inputs.push({
      patientId: patient.targetId,
      input: p.write.input,
      ...(p.link ? { replaces: p.link.target_id } : {}),
      ...(p.write.enteredInError ? { enteredInError: true } : {}),
    });
  }
  const ids = await importCoverage(ctx, trx, inputs);
  for (const [i, { p, patientId }] of items.entries())
    state.linked(p, 'patient_coverage', ids[i]!, patientId, !p.link);
}

async function writeBilling(
  ctx: RequestContext,
  trx: DbOrTx,
  state: UnitState,
  list: (Pending & { write: WriteOf<'billing'> })[],
) {
  const now = ctx.clock.now();
  const fresh: { p: Pending; patientId: string }[] = [];
  for (const p of changed(state, list)) {
    const patient = state.resolve(p, p.write.patientRef, 'Patient', 'patient');
    if (!patient) continue;
    if (p.link) {
      await updateBillingRecord(
        trx,
        p.link.target_id,
        JSON.stringify(p.write.resource),
        p.write.enteredInError ?? false,
        now,
      );
      state.linked(p, 'billing_history_record', p.link.target_id, patient.targetId, false);
    } else fresh.push({ p, patientId: patient.targetId });
  }
  const ids = await insertBillingRecords(
    trx,
    fresh.map(({ p, patientId }) => {
      const w = p.write as WriteOf<'billing'>;
      return {
        patient_id: patientId,
        resource_type: w.resourceType,
        resource: JSON.stringify(w.resource),
        entered_in_error: w.enteredInError ?? false,
      };
    }),
    now,
  );
  for (const [i, { p, patientId }] of fresh.entries())
    state.linked(p, 'billing_history_record', ids[i]!, patientId, true);
}
