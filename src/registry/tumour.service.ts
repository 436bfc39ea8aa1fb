import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { notFound } from '../kernel/errors.ts';
import { dictionaryFor } from './dictionary.service.ts';
import { abstractEdits } from './edits.service.ts';
import type { EditFinding } from './edits.ts';
import { auditRegistry, requireRegistry, visiblePatients } from './gate.ts';
import { type StoredPrimaryDecision, storedDecision } from './primary.service.ts';
import {
  countTumours,
  findRegistryPatient,
  findTumour,
  type TumourFilter,
  type TumourWithPatient,
  tumoursWithPatients,
  tumourVersions,
} from './registry.queries.ts';

/** A tumour as the API gives it: NAACCR items keyed by XML id, patient-level and tumour-level apart. */
export interface TumourView {
  id: string;
  patientId: string | null;
  patientIdNumber: string;
  tumorRecordNumber: string;
  dictionaryVersion: string;
  status: 'abstracting' | 'complete';
  patientItems: Record<string, string>;
  items: Record<string, string>;
  version: number;
  updatedAt: string;
}

export type TumourDetail = TumourView & {
  history: TumourHistoryItem[];
  edits: EditFinding[];
  /** Multiple-primary rules' decision (MP00–MP09) and the registrar's overruling; null before the first save. */
  primaryDecision: StoredPrimaryDecision | null;
};

export interface TumourHistoryItem {
  version: number;
  changedItems: string[];
  changedBy: string;
  changedAt: string;
}

/** The fields registry analytics (issue 15) reads, taken from the NAACCR items of each tumour. */
export interface TumourForAnalysis {
  tumourId: string;
  patientId: string | null;
  registryPatientId: string;
  /** NAACCR dates: YYYY, YYYYMM or YYYYMMDD (unknown parts blank, NAACCR v12+). */
  dateOfDiagnosis: string | null;
  dateOfBirth: string | null;
  dateOfLastContact: string | null;
  /** #1760 Vital Status: 0 dead, 1 alive. */
  vitalStatus: string | null;
  causeOfDeath: string | null;
  /** #220 Sex (v25) or #225 Sex Assigned at Birth (v26). */
  sex: string | null;
  ageAtDiagnosis: number | null;
  primarySite: string | null;
  histology: string | null;
  behavior: string | null;
  grade: string | null;
  laterality: string | null;
  /** #764 SEER Summary Stage 2018. */
  summaryStage2018: string | null;
  classOfCase: string | null;
  sequenceNumber: string | null;
  status: 'abstracting' | 'complete';
}

const pick = (items: Record<string, string>, ...ids: string[]): string | null => {
  for (const id of ids) if (items[id]) return items[id];
  return null;
};

export function toAnalysis(r: TumourWithPatient): TumourForAnalysis {
  const t = r.items;
  const p = r.patient_items;
  const age = pick(t, 'ageAtDiagnosis');
  return {
    tumourId: r.id,
    patientId: r.patient_id,
    registryPatientId: r.registry_patient_id,
    dateOfDiagnosis: pick(t, 'dateOfDiagnosis'),
    dateOfBirth: pick(p, 'dateOfBirth'),
    dateOfLastContact: pick(p, 'dateOfLastContact'),
    vitalStatus: pick(p, 'vitalStatus'),
    causeOfDeath: pick(p, 'causeOfDeath'),
    sex: pick(p, 'sexAssignedAtBirth', 'sex'),
    // #230 Age at Diagnosis: 999 is unknown.
    ageAtDiagnosis: age && age !== '999' ? Number(age) : null,
    primarySite: pick(t, 'primarySite'),
    histology: pick(t, 'histologicTypeIcdO3'),
    behavior: pick(t, 'behaviorCodeIcdO3'),
    grade: pick(t, 'grade', 'gradeClinical'),
    laterality: pick(t, 'laterality'),
    summaryStage2018: pick(t, 'summaryStage2018', 'derivedSummaryStage2018', 'seerSummaryStage2000'),
    classOfCase: pick(t, 'classOfCase'),
    sequenceNumber: pick(t, 'sequenceNumberHospital', 'sequenceNumberCentral'),
    status: r.status,
  };
}

export type AnalysisFilter = Omit<TumourFilter, 'ids'>;

/**
 * Every tumour matching the filter with the fields survival and incidence analysis need (issue 15 reads
 * the registry only through this). Needs registry:read; restricted patients are left out; audited once
 * with the count (the patients are listed when few enough to name).
 */
export async function tumoursForAnalysis(
  ctx: RequestContext,
  trx: DbOrTx,
  filter: AnalysisFilter = {},
): Promise<TumourForAnalysis[]> {
  await requireRegistry(ctx, 'registry:read');
  const out: TumourForAnalysis[] = [];
  let after: string | null = null;
  for (;;) {
    const page: TumourWithPatient[] = await tumoursWithPatients(trx, filter, after, 5000);
    if (page.length === 0) break;
    const visible = await visiblePatients(
      ctx,
      trx,
      page.flatMap((r) => (r.patient_id ? [r.patient_id] : [])),
    );
    for (const r of page) if (!r.patient_id || visible.has(r.patient_id)) out.push(toAnalysis(r));
    after = page[page.length - 1]?.id ?? null;
  }
  const patientIds = [...new Set(out.flatMap((t) => (t.patientId ? [t.patientId] : [])))];
  await auditRegistry(trx, ctx, 'registry.analysis_read', patientIds.length <= 1000 ? patientIds : [], {
    tumours: out.length,
    patients: patientIds.length,
  });
  return out;
}

export function toView(r: TumourWithPatient & { version?: number }): TumourView {
  return {
    id: r.id,
    patientId: r.patient_id,
    patientIdNumber: r.patient_id_number,
    tumorRecordNumber: r.tumor_record_number,
    dictionaryVersion: r.dictionary_version,
    status: r.status,
    patientItems: r.patient_items,
    items: r.items,
    version: r.version ?? 1,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** `GET /api/registry/tumours/{id}`: one tumour keyed by NAACCR XML ids, gated and audited. */
export async function getTumour(ctx: RequestContext, id: string): Promise<TumourDetail> {
  await requireRegistry(ctx, 'registry:read');
  const peek = await findTumour(ctx.db, id);
  if (!peek) throw notFound('The tumour');
  const dict = await dictionaryFor(ctx, peek.dictionary_version);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await findTumour(trx, id);
    if (!t) throw notFound('The tumour');
    if (t.patient_id && !(await visiblePatients(ctx, trx, [t.patient_id])).has(t.patient_id))
      throw notFound('The tumour');
    const p = await findRegistryPatient(trx, t.registry_patient_id);
    const history = await tumourVersions(trx, id);
    await auditRegistry(trx, ctx, 'registry.tumour_read', t.patient_id ? [t.patient_id] : [], undefined, {
      type: 'RegistryTumour',
      id,
    });
    const edits = await abstractEdits(ctx, trx, dict, t.items, p.items);
    return {
      ...toView({ ...t, patient_id_number: p.patient_id_number, patient_items: p.items }),
      edits,
      primaryDecision: storedDecision(t),
      history: history.map((h) => ({
        version: h.version,
        changedItems: h.changed_items,
        changedBy: h.changed_by,
        changedAt: h.changed_at.toISOString(),
      })),
    };
  });
}

/** One page of tumours (the registrar's lists), gated and audited. */
export async function listTumours(
  ctx: RequestContext,
  filter: TumourFilter & { after?: string; limit: number },
): Promise<{ total: number; items: TumourView[]; next: string | null }> {
  await requireRegistry(ctx, 'registry:read');
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await tumoursWithPatients(trx, filter, filter.after ?? null, filter.limit);
    const visible = await visiblePatients(
      ctx,
      trx,
      rows.flatMap((r) => (r.patient_id ? [r.patient_id] : [])),
    );
    const items = rows.filter((r) => !r.patient_id || visible.has(r.patient_id)).map((r) => toView(r));
    const total = await countTumours(trx, filter);
    await auditRegistry(
      trx,
      ctx,
      'registry.tumour_list',
      items.flatMap((t) => (t.patientId ? [t.patientId] : [])),
      {
        count: items.length,
      },
    );
    const next = rows.length === filter.limit ? (rows[rows.length - 1]?.id ?? null) : null;
    return { total, items, next };
  });
}
