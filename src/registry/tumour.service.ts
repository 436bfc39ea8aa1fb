import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { notFound } from '../kernel/errors.ts';
import { readCopyRows } from './copy-text.ts';
import { dictionaryFor } from './dictionary.service.ts';
import { abstractEdits } from './edits.service.ts';
import type { EditFinding } from './edits.ts';
import { latestContact } from './followup.queries.ts';
import { auditRegistry, requireRegistry, visiblePatients } from './gate.ts';
import { type StoredPrimaryDecision, storedDecision } from './primary.service.ts';
import {
  copyTumoursForAnalysis,
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
  /** Where the current #1750 Date of Last Contact came from (the latest contact), null before any contact. */
  lastContact: LastContactSource | null;
};

/** The source of the date of last contact: a passive one (encounter, result, death record) or a recorded one. */
export interface LastContactSource {
  contactDate: string;
  vitalStatus: '0' | '1';
  sourceKind: string;
  sourceId: string | null;
  followUpSource: string;
  recordedBy: string;
  recordedAt: string;
}

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

export type AnalysisFilter = Omit<TumourFilter, 'ids'>;

const ANALYSIS_STATUS = new Set(['abstracting', 'complete']);

/** One `copyTumoursForAnalysis` row as the analysis fields (column order as in the query). */
function fromCopyRow(f: (string | null)[]): TumourForAnalysis {
  const age = f[10] ?? null;
  const status = f[3] ?? '';
  return {
    tumourId: f[0] as string,
    patientId: f[1] ?? null,
    registryPatientId: f[2] as string,
    dateOfDiagnosis: f[4] ?? null,
    dateOfBirth: f[5] ?? null,
    dateOfLastContact: f[6] ?? null,
    vitalStatus: f[7] ?? null,
    causeOfDeath: f[8] ?? null,
    sex: f[9] ?? null,
    // #230 Age at Diagnosis: 999 is unknown.
    ageAtDiagnosis: age && age !== '999' ? Number(age) : null,
    primarySite: f[11] ?? null,
    histology: f[12] ?? null,
    behavior: f[13] ?? null,
    grade: f[14] ?? null,
    laterality: f[15] ?? null,
    summaryStage2018: f[16] ?? null,
    classOfCase: f[17] ?? null,
    sequenceNumber: f[18] ?? null,
    status: (ANALYSIS_STATUS.has(status) ? status : 'abstracting') as TumourForAnalysis['status'],
  };
}

/** Restricted-patient checks run over this many patients at a time (one label query each). */
const VISIBLE_CHUNK = 10_000;

/**
 * Every tumour matching the filter with the fields survival and incidence analysis need (issue 15 reads
 * the registry only through this). Needs registry:read; restricted patients are left out; audited once
 * with the count (the patients are listed when few enough to name).
 *
 * The rows stream with COPY on a connection of its own (`ctx.pool`): a 1,000,000-tumour read went from
 * minutes of keyset pages to seconds. That connection does not see writes the caller's transaction has not
 * committed yet; analysis reads committed abstracts only.
 */
export async function tumoursForAnalysis(
  ctx: RequestContext,
  trx: DbOrTx,
  filter: AnalysisFilter = {},
): Promise<TumourForAnalysis[]> {
  await requireRegistry(ctx, 'registry:read');
  const all: TumourForAnalysis[] = [];
  const client = await ctx.pool.connect();
  try {
    await readCopyRows(copyTumoursForAnalysis(client, filter), (f) => all.push(fromCopyRow(f)));
  } finally {
    client.release();
  }
  let out = all;
  if (ctx.actor) {
    const linked = [...new Set(all.flatMap((t) => (t.patientId ? [t.patientId] : [])))];
    const visible = new Set<string>();
    for (let i = 0; i < linked.length; i += VISIBLE_CHUNK)
      for (const id of await visiblePatients(ctx, trx, linked.slice(i, i + VISIBLE_CHUNK))) visible.add(id);
    out = all.filter((t) => !t.patientId || visible.has(t.patientId));
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
    const c = await latestContact(trx, p.id);
    return {
      ...toView({ ...t, patient_id_number: p.patient_id_number, patient_items: p.items }),
      edits,
      primaryDecision: storedDecision(t),
      lastContact: c
        ? {
            contactDate: c.contact_date,
            vitalStatus: c.vital_status,
            sourceKind: c.source_kind,
            sourceId: c.source_id,
            followUpSource: c.follow_up_source,
            recordedBy: c.recorded_by,
            recordedAt: c.recorded_at.toISOString(),
          }
        : null,
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
