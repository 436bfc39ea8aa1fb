import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { AppError, notFound } from '../kernel/errors.ts';
import { dictionaryFor } from './dictionary.service.ts';
import { checkValue, type Dictionary, type ParentElement } from './dictionary.ts';
import { abstractEdits } from './edits.service.ts';
import { type EditFinding, hasErrors } from './edits.ts';
import { actorName, auditRegistry, requireRegistry, visiblePatients } from './gate.ts';
import { primaryDecisionFor } from './primary.service.ts';
import {
  findRegistryPatient,
  findTumour,
  insertTumourVersion,
  updateRegistryPatientItems,
  updateTumourRow,
} from './registry.queries.ts';
import { getTumour, type TumourDetail } from './tumour.service.ts';

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

const ymd = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');

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
): Promise<TumourDetail> {
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
    const edits = await abstractEdits(ctx, trx, dict, tumour.items, patient.items);
    // A complete abstract that no longer passes its edits goes back to abstracting.
    const status = t.status === 'complete' && hasErrors(edits) ? 'abstracting' : t.status;
    // Multiple-primary rules MP00–MP09 rerun when an item they look at changes (an overruling is kept).
    const decision = await primaryDecisionFor(trx, t, tumour.items, tumour.changed);
    const saved = await updateTumourRow(trx, id, {
      items: tumour.items,
      status,
      ...(decision ? { primary_decision: decision as unknown as Record<string, unknown> } : {}),
      updated_by: by,
      updated_at: now,
    });
    const changed = [...tumour.changed, ...patient.changed].sort();
    await insertTumourVersion(trx, saved, changed, by, now);
    await auditRegistry(
      trx,
      ctx,
      'registry.abstract_save',
      t.patient_id ? [t.patient_id] : [],
      { version: saved.version, changed, status },
      { type: 'RegistryTumour', id },
    );
  });
  return getTumour(ctx, id);
}

export const editsFailed = (edits: EditFinding[]) =>
  new AppError(
    'REGISTRY_EDITS_FAILED',
    `The abstract has ${edits.filter((e) => e.severity === 'error').length} edit error(s): ${edits
      .filter((e) => e.severity === 'error')
      .map((e) => `${e.id} ${e.message} (${e.items.map((i) => `#${i.naaccrNum}`).join(', ')})`)
      .join('; ')}`,
    422,
    { edits },
  );

/**
 * Marks an abstract complete (issue 14: "an abstract with errors cannot be marked complete"): its edits run
 * first and any error refuses it with the findings. Sets Date Case Completed (#2090) when the dictionary has
 * it; versioned and audited like a save.
 */
export async function completeAbstract(
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<TumourDetail> {
  await requireRegistry(ctx, 'registry:write');
  const peek = await findTumour(ctx.db, id);
  if (!peek) throw notFound('The tumour');
  const dict = await dictionaryFor(ctx, peek.dictionary_version);
  const refused = await withTransaction(ctx.db, async (trx) => {
    const t = await findTumour(trx, id, true);
    if (!t) throw notFound('The tumour');
    if (t.patient_id && !(await visiblePatients(ctx, trx, [t.patient_id])).has(t.patient_id))
      throw notFound('The tumour');
    if (t.version !== version)
      throw new AppError(
        'REGISTRY_VERSION_CONFLICT',
        `The abstract was changed by someone else (version ${t.version}, you edited ${version}). Reload it.`,
        409,
        { current: t.version },
      );
    if (t.status === 'complete') return undefined;
    const rp = await findRegistryPatient(trx, t.registry_patient_id);
    const edits = await abstractEdits(ctx, trx, dict, t.items, rp.items);
    if (hasErrors(edits)) return { edits, patientId: t.patient_id };
    const now = ctx.clock.now();
    const by = actorName(ctx);
    const items = dict.items.has('dateCaseCompleted') ? { ...t.items, dateCaseCompleted: ymd(now) } : t.items;
    const saved = await updateTumourRow(trx, id, {
      items,
      status: 'complete',
      updated_by: by,
      updated_at: now,
    });
    const changed = items === t.items ? [] : ['dateCaseCompleted'];
    await insertTumourVersion(trx, saved, changed, by, now);
    await auditRegistry(
      trx,
      ctx,
      'registry.abstract_complete',
      t.patient_id ? [t.patient_id] : [],
      { version: saved.version },
      { type: 'RegistryTumour', id },
    );
    return undefined;
  });
  if (refused) {
    // The refusal is audited on its own (nothing else was written).
    await auditRegistry(
      ctx.db,
      ctx,
      'registry.abstract_complete_refused',
      refused.patientId ? [refused.patientId] : [],
      { errors: refused.edits.filter((e) => e.severity === 'error').map((e) => e.id) },
      { type: 'RegistryTumour', id },
    );
    throw editsFailed(refused.edits);
  }
  return getTumour(ctx, id);
}

/**
 * Runs the edits over items the registrar is typing (the abstract screen's live edits): the items come in
 * the request, nothing stored is read, so nothing is audited. Needs registry:read.
 */
export async function checkAbstract(
  ctx: RequestContext,
  input: { dictionaryVersion: string; items: Record<string, string>; patientItems: Record<string, string> },
): Promise<{ problems: ItemProblem[]; edits: EditFinding[] }> {
  await requireRegistry(ctx, 'registry:read');
  const dict = await dictionaryFor(ctx, input.dictionaryVersion);
  const problems = checkChange(dict, { items: input.items, patientItems: input.patientItems }, false);
  const edits = await abstractEdits(ctx, ctx.db, dict, input.items, input.patientItems);
  return { problems, edits };
}
