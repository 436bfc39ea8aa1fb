import type { MergeHandler } from '../kernel/hooks.ts';
import {
  maxRecordNumber,
  moveSuspenseRows,
  moveSuspenseRowsBack,
  moveTumour,
  registryPatientOf,
  repointRegistryPatient,
  repointRegistryPatientBack,
  tumourKeysOf,
} from './patient-merge.queries.ts';

/**
 * The registry's part of a patient merge (issue 12 merge handlers; issue 14 "registry data is patient
 * data"). Suspense hits follow the patient. Tumours follow the survivor:
 * - when only the retired record has a registry patient, that registry patient (its Patient ID Number
 *   and tumours) is handed to the survivor;
 * - when both have one, the retired record's tumours move under the survivor's registry patient, taking
 *   the next free Tumor Record Number (#60) where theirs is already used there.
 * The moved ids are encoded so an unmerge puts back exactly what moved (registry patient, record number).
 * Tumour versions are history and keep the patient they were written under, like the chart's versions.
 */
const PATIENT = 'registry_patient:';
const TUMOUR = 'registry_tumour:';

const tumourHandler: MergeHandler = {
  name: 'registry_tumour',
  async move(trx, survivorId, retiredId, step) {
    const from = await registryPatientOf(trx, retiredId);
    if (!from) return [];
    const to = await registryPatientOf(trx, survivorId);
    if (!to) {
      await repointRegistryPatient(trx, from.id, survivorId, step.at);
      return [`${PATIENT}${from.id}`];
    }
    const taken = new Set((await tumourKeysOf(trx, to.id)).map((t) => t.tumor_record_number));
    let next = await maxRecordNumber(trx, to.id);
    const moved: string[] = [];
    for (const t of await tumourKeysOf(trx, from.id)) {
      let record = t.tumor_record_number;
      if (taken.has(record)) {
        next += 1;
        record = String(next).padStart(2, '0');
      }
      taken.add(record);
      await moveTumour(trx, t.id, { registryPatientId: to.id, patientId: survivorId, recordNumber: record });
      moved.push(`${TUMOUR}${t.id}:${from.id}:${t.tumor_record_number}`);
    }
    return moved;
  },
  async restore(trx, retiredId, movedIds, survivorId, step) {
    for (const m of movedIds) {
      if (m.startsWith(PATIENT)) {
        await repointRegistryPatientBack(trx, m.slice(PATIENT.length), survivorId, retiredId, step.at);
      } else if (m.startsWith(TUMOUR)) {
        const [tumourId, registryPatientId, record] = m.slice(TUMOUR.length).split(':');
        if (!tumourId || !registryPatientId || !record) continue;
        await moveTumour(
          trx,
          tumourId,
          { registryPatientId, patientId: retiredId, recordNumber: record },
          survivorId,
        );
      }
    }
  },
};

export const registryMergeHandlers: MergeHandler[] = [
  {
    name: 'registry_suspense',
    move: (trx, survivorId, retiredId) => moveSuspenseRows(trx, retiredId, survivorId),
    restore: (trx, retiredId, ids, survivorId) => moveSuspenseRowsBack(trx, ids, survivorId, retiredId),
  },
  tumourHandler,
];
