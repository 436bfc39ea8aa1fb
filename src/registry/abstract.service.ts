import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { AppError, notFound } from '../kernel/errors.ts';
import { dictionaryFor } from './dictionary.service.ts';
import { checkValue, type Dictionary, type ParentElement } from './dictionary.ts';
import { actorName, auditRegistry, requireRegistry, visiblePatients } from './gate.ts';
import {
  findRegistryPatient,
  findTumour,
  insertTumourVersion,
  updateRegistryPatientItems,
  updateTumourRow,
} from './registry.queries.ts';
import { getTumour, type TumourHistoryItem, type TumourView } from './tumour.service.ts';

/** A change to an abstract: NAACCR items by XML id; a blank or null value removes the item. */
export interface AbstractChange {
  /** The version the registrar edited (optimistic concurrency: a newer save in between is a conflict). */
  version: number;
  items?: Record<string, string | null>;
  patientItems?: Record<string, string | null>;
}

export interface ItemProblem {
  naaccrId: string;
  naaccrNum: number | null;
  message: string;
}

/**
 * Patient-level items copied from the patient index when a case is opened (issue 14: "not typed twice"):
 * for a Chartkeeper patient they change in the patient index, not in the abstract.
 */
export const ITEMS_FROM_PATIENT_INDEX = new Set([
  'nameLast',
  'nameFirst',
  'nameMiddle',
  'dateOfBirth',
  'sexAssignedAtBirth',
  'sex',
]);

/** The record keys (#20, #60) are kept on the rows themselves and never edited as items. */
const KEY_ITEMS = new Set(['patientIdNumber', 'tumorRecordNumber']);

/**
 * Checks a change item by item against the tumour's dictionary: a known XML id at the right level
 * (Tumor or Patient), within its length and data type, not a key, not an item the patient index owns.
 * @returns every problem found (empty when the change is valid)
 */
export function checkChange(
  dict: Dictionary,
  change: Pick<AbstractChange, 'items' | 'patientItems'>,
  linkedToPatientIndex: boolean,
): ItemProblem[] {
  const problems: ItemProblem[] = [];
  const check = (values: Record<string, string | null> | undefined, level: ParentElement) => {
    for (const [id, raw] of Object.entries(values ?? {})) {
      const def = dict.items.get(id);
      const problem = (message: string) =>
        problems.push({ naaccrId: id, naaccrNum: def?.naaccrNum ?? null, message });
      if (!def) {
        problem(`${id} is not an item of NAACCR dictionary v${dict.version}`);
        continue;
      }
      if (def.parent !== level) {
        problem(`${id} (#${def.naaccrNum}) is a ${def.parent}-level item, not a ${level}-level one`);
        continue;
      }
      if (KEY_ITEMS.has(id)) {
        problem(`${id} (#${def.naaccrNum}) is the record's key and cannot be changed`);
        continue;
      }
      if (level === 'Patient' && linkedToPatientIndex && ITEMS_FROM_PATIENT_INDEX.has(id)) {
        problem(`${id} (#${def.naaccrNum}) comes from the patient index; change it there`);
        continue;
      }
      const value = (raw ?? '').trim();
      if (value === '') continue;
      const wrong = checkValue(def, value);
      if (wrong) problem(wrong);
    }
  };
  check(change.items, 'Tumor');
  check(change.patientItems, 'Patient');
  return problems;
}

/** Applies a change to a set of items; returns the new items and the ids whose value changed. */
export function applyChange(
  current: Record<string, string>,
  values: Record<string, string | null> | undefined,
): { items: Record<string, string>; changed: string[] } {
  const items = { ...current };
  const changed: string[] = [];
  for (const [id, raw] of Object.entries(values ?? {})) {
    const value = (raw ?? '').trim();
    if (value === '') {
      if (id in items) {
        delete items[id];
        changed.push(id);
      }
    } else if (items[id] !== value) {
      items[id] = value;
      changed.push(id);
    }
  }
  return { items, changed };
}

export const itemsInvalid = (problems: ItemProblem[]) =>
  new AppError(
    'REGISTRY_ITEM_INVALID',
    `The abstract was not saved: ${problems.map((p) => p.message).join('; ')}`,
    422,
    { items: problems },
  );

/**
 * Saves a change to an abstract (issue 14 "Abstracting"): every item is checked against the tumour's NAACCR
 * dictionary first and a change with any invalid item writes nothing. Each save that changes something
 * writes a version naming the changed items and one `registry.abstract_save` audit event. Needs
 * registry:write; a tumour of a patient restricted to the caller is not found.
 */
export async function saveAbstract(
  ctx: RequestContext,
  id: string,
  change: AbstractChange,
): Promise<TumourView & { history: TumourHistoryItem[] }> {
  await requireRegistry(ctx, 'registry:write');
  const peek = await findTumour(ctx.db, id);
  if (!peek) throw notFound('The tumour');
  const dict = await dictionaryFor(ctx, peek.dictionary_version);
  await withTransaction(ctx.db, async (trx) => {
    const t = await findTumour(trx, id, true);
    if (!t) throw notFound('The tumour');
    if (t.patient_id && !(await visiblePatients(ctx, trx, [t.patient_id])).has(t.patient_id))
      throw notFound('The tumour');
    if (t.version !== change.version)
      throw new AppError(
        'REGISTRY_VERSION_CONFLICT',
        `The abstract was changed by someone else (version ${t.version}, you edited ${change.version}). Reload it.`,
        409,
        { current: t.version },
      );
    const problems = checkChange(dict, change, t.patient_id !== null);
    if (problems.length > 0) throw itemsInvalid(problems);
    const tumour = applyChange(t.items, change.items);
    const rp = await findRegistryPatient(trx, t.registry_patient_id);
    const patient = applyChange(rp.items, change.patientItems);
    if (tumour.changed.length === 0 && patient.changed.length === 0) return;
    const now = ctx.clock.now();
    const by = actorName(ctx);
    if (patient.changed.length > 0) await updateRegistryPatientItems(trx, rp.id, patient.items, now);
    const saved = await updateTumourRow(trx, id, { items: tumour.items, updated_by: by, updated_at: now });
    const changed = [...tumour.changed, ...patient.changed].sort();
    await insertTumourVersion(trx, saved, changed, by, now);
    await auditRegistry(
      trx,
      ctx,
      'registry.abstract_save',
      t.patient_id ? [t.patient_id] : [],
      { version: saved.version, changed },
      { type: 'RegistryTumour', id },
    );
  });
  return getTumour(ctx, id);
}
