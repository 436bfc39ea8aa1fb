import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import type { RequestContext } from '../kernel/context.ts';
import { AppError } from '../kernel/errors.ts';
import { dictionaryFor } from './dictionary.service.ts';
import { editsOfMany } from './edits.service.ts';
import { auditRegistry, requireRegistry, visiblePatients } from './gate.ts';
import { type ExportRecordType, NaaccrWriter, type SkippedItem } from './naaccr-writer.ts';
import { countTumours, exportPatientsPage, tumoursOfPatients } from './registry.queries.ts';

export interface ExportOptions {
  /** NAACCR dictionary version: `250` (v25) or `260` (v26). */
  version: string;
  recordType: ExportRecordType;
  diagnosisYear?: number;
  onProgress?: (tumours: number, total: number) => void;
}

/** A tumour exported with edit errors (issue 14: edits run on export, failures listed by item number). */
export interface ExportEditFailure {
  patientIdNumber: string;
  tumorRecordNumber: string;
  edits: { id: string; message: string; items: number[] }[];
}

export interface ExportResult {
  patients: number;
  tumours: number;
  skipped: SkippedItem[];
  editFailures: ExportEditFailure[];
}

export const EXPORT_VERSIONS = ['250', '260'];
const PAGE = 500;

/** `--version 25|26` (or 250|260) → the dictionary version. */
export function exportVersion(v: string): string {
  const version = v.length === 2 ? `${v}0` : v;
  if (!EXPORT_VERSIONS.includes(version))
    throw new AppError(
      'REGISTRY_EXPORT_VERSION',
      `NAACCR version ${v} cannot be exported; use 25 or 26.`,
      400,
    );
  return version;
}

/** Runs the abstract edits over a page of tumours (each under its own dictionary) and keeps the errors. */
async function collectEditFailures(
  ctx: RequestContext,
  patients: Map<string, { patient_id_number: string; items: Record<string, string> }>,
  tumours: {
    registry_patient_id: string;
    tumor_record_number: string;
    dictionary_version: string;
    items: Record<string, string>;
  }[],
  into: ExportEditFailure[],
): Promise<void> {
  const byVersion = new Map<string, typeof tumours>();
  for (const t of tumours) {
    const list = byVersion.get(t.dictionary_version);
    if (list) list.push(t);
    else byVersion.set(t.dictionary_version, [t]);
  }
  for (const [version, list] of byVersion) {
    const dict = await dictionaryFor(ctx, version);
    const found = await editsOfMany(
      ctx,
      ctx.db,
      dict,
      list.map((t) => ({ items: t.items, patientItems: patients.get(t.registry_patient_id)?.items ?? {} })),
    );
    list.forEach((t, i) => {
      const errors = (found[i] ?? []).filter((f) => f.severity === 'error');
      if (errors.length > 0)
        into.push({
          patientIdNumber: patients.get(t.registry_patient_id)?.patient_id_number ?? '',
          tumorRecordNumber: t.tumor_record_number,
          edits: errors.map((e) => ({
            id: e.id,
            message: e.message,
            items: e.items.map((x) => x.naaccrNum),
          })),
        });
    });
  }
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Writes the selected tumours as NAACCR XML (issue 14 "Export"): record type A or I, dictionary v25 or v26,
 * every tumour when no diagnosis year is given. Patients are written a page at a time (streaming);
 * patients restricted to the caller are left out. One audit event names the patients exported.
 */
export async function exportNaaccr(
  ctx: RequestContext,
  out: Writable,
  opts: ExportOptions,
): Promise<ExportResult> {
  await requireRegistry(ctx, 'registry:read');
  if (!['A', 'I'].includes(opts.recordType))
    throw new AppError(
      'REGISTRY_EXPORT_RECORD_TYPE',
      `Record type ${opts.recordType} cannot be exported; use A or I.`,
      400,
    );
  const dict = await dictionaryFor(ctx, exportVersion(opts.version));
  const writer = new NaaccrWriter(dict, opts.recordType);
  const filter = { diagnosisYear: opts.diagnosisYear };
  const total = await countTumours(ctx.db, filter);
  const result: ExportResult = { patients: 0, tumours: 0, skipped: writer.skipped, editFailures: [] };
  const exported: string[] = [];
  await write(out, writer.header(ctx.clock.now()));
  // One page read ahead: the next page's queries run while this page's XML and edits are built, so the
  // database and the writer overlap instead of taking turns (issue 14 "10,000 tumours in ≤ 10 s").
  const readPage = async (after: string | null) => {
    const page = await exportPatientsPage(ctx.db, filter, after, PAGE);
    if (page.length === 0) return null;
    const linked = page.flatMap((p) => (p.patient_id ? [p.patient_id] : []));
    const visible = await visiblePatients(ctx, ctx.db, linked);
    const shown = page.filter((p) => !p.patient_id || visible.has(p.patient_id));
    const tumours = await tumoursOfPatients(
      ctx.db,
      shown.map((p) => p.id),
      filter,
    );
    return { last: page.at(-1)?.id ?? null, shown, tumours };
  };
  let next = readPage(null);
  for (;;) {
    const current = await next;
    if (!current) break;
    next = readPage(current.last);
    // A failed read-ahead is reported by the await above on the next turn; keep it from being unhandled
    // meanwhile (a write or edit error of this page may end the export first).
    next.catch(() => undefined);
    const { shown, tumours } = current;
    const byPatient = new Map<string, typeof tumours>();
    for (const t of tumours) {
      const list = byPatient.get(t.registry_patient_id) ?? [];
      list.push(t);
      byPatient.set(t.registry_patient_id, list);
    }
    await collectEditFailures(ctx, new Map(shown.map((p) => [p.id, p])), tumours, result.editFailures);
    for (const p of shown) {
      const list = (byPatient.get(p.id) ?? []).map((t) => ({
        ...t.items,
        tumorRecordNumber: t.tumor_record_number,
      }));
      await write(out, writer.patient({ ...p.items, patientIdNumber: p.patient_id_number }, list));
      result.patients++;
      result.tumours += list.length;
      if (p.patient_id) exported.push(p.patient_id);
    }
    opts.onProgress?.(result.tumours, total);
  }
  await write(out, writer.footer());
  await auditRegistry(ctx.db, ctx, 'registry.export', exported, {
    version: dict.version,
    recordType: opts.recordType,
    diagnosisYear: opts.diagnosisYear ?? null,
    patients: result.patients,
    tumours: result.tumours,
    withEditErrors: result.editFailures.length,
  });
  return result;
}

/** Exports to a file path; the file is complete when the promise settles. */
export async function exportNaaccrFile(
  ctx: RequestContext,
  file: string,
  opts: ExportOptions,
): Promise<ExportResult> {
  const out = createWriteStream(file, 'utf8');
  try {
    const r = await exportNaaccr(ctx, out, opts);
    out.end();
    await once(out, 'finish');
    return r;
  } catch (e) {
    out.destroy();
    throw e;
  }
}

/** Exports to a string (the API's download). */
export async function exportNaaccrText(ctx: RequestContext, opts: ExportOptions): Promise<string> {
  const parts: string[] = [];
  const sink = new Writable({
    decodeStrings: false,
    write(chunk, _enc, done) {
      parts.push(String(chunk));
      done();
    },
  });
  await exportNaaccr(ctx, sink, opts);
  return parts.join('');
}
