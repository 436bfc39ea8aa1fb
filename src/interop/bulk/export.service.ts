import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { patientAccess, recordAudit } from '../../access/index.ts';
import { billingForPatients } from '../../billing/index.ts';
import { chartForExport, hiddenItemsOf } from '../../chart/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../../kernel/db.ts';
import { exportPatientPage, patientsForExport } from '../../patients/index.ts';
import { coverageToFhir, encounterToFhir, entryToFhir, patientToFhir } from '../fhir/outbound/index.ts';
import { bulkErrors } from './errors.ts';
import { billingToFhir, immunizationToFhir, noteToFhir } from './export-mappers.ts';

/** Resource types a bulk export writes, one NDJSON file each (FHIR Bulk Data IG, export output). */
export const EXPORT_TYPES = [
  'Patient',
  'Encounter',
  'Condition',
  'Observation',
  'Procedure',
  'MedicationStatement',
  'AllergyIntolerance',
  'Immunization',
  'DocumentReference',
  'Coverage',
  'Claim',
  'ExplanationOfBenefit',
] as const;
const PAGE = 200;

export interface ExportOptions {
  types?: string[] | undefined;
  since?: string | undefined;
}
export interface ExportManifest {
  transactionTime: string;
  output: { type: string; file: string; count: number }[];
  /** Patients left out because the requester may not open their restricted records. */
  restricted: number;
}

/** Checks `_type` and `_since`, every problem at once (issue 8, bad input: precise errors). */
export function parseExportOptions(opts: ExportOptions): { types: Set<string>; since: Date | null } {
  const types = opts.types?.map((t) => t.trim()).filter(Boolean) ?? [...EXPORT_TYPES];
  const unknown = types.filter((t) => !(EXPORT_TYPES as readonly string[]).includes(t));
  if (unknown.length) throw bulkErrors.unknownType(unknown);
  let since: Date | null = null;
  if (opts.since) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(opts.since))
      throw bulkErrors.badSince();
    since = new Date(opts.since);
  }
  return { types: new Set(types), since };
}

class NdjsonFiles {
  private readonly streams = new Map<string, WriteStream>();
  readonly counts = new Map<string, number>();
  /** The first write error (a full disk, or the folder removed by a cancel): reported at close. */
  private failure: Error | null = null;
  constructor(private readonly dir: string) {}
  write(resource: { resourceType?: unknown }): void {
    const type = String(resource.resourceType);
    let s = this.streams.get(type);
    if (!s) {
      s = createWriteStream(path.join(this.dir, `${type}.ndjson`));
      s.on('error', (e) => {
        this.failure ??= e;
      });
      this.streams.set(type, s);
    }
    s.write(`${JSON.stringify(resource)}\n`);
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
  }
  async close(): Promise<void> {
    await Promise.all(
      [...this.streams.values()].map(
        (s) =>
          new Promise<void>((ok) => {
            if (s.destroyed) return ok();
            s.end(() => ok());
          }),
      ),
    );
    if (this.failure) throw this.failure;
  }
}

/**
 * Writes the record as NDJSON per resource type into `dir`, a page of patients per transaction, each page
 * access-checked (restricted records the requester may not open are left out and counted) and audited.
 * @param onPage - after each page, with the patients done so far (the queue job's progress, which throws
 *   once the job is cancelled)
 */
export async function runExportToDir(
  ctx: RequestContext,
  dir: string,
  opts: ExportOptions,
  onPage?: (patients: number) => Promise<void>,
): Promise<ExportManifest> {
  const { types, since } = parseExportOptions(opts);
  const transactionTime = ctx.clock.now().toISOString();
  await mkdir(dir, { recursive: true });
  const files = new NdjsonFiles(dir);
  let restricted = 0;
  let done = 0;
  try {
    for (let after: string | null = null; ; ) {
      const ids: string[] = await exportPatientPage(ctx.db, after, PAGE);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      restricted += await withTransaction(ctx.db, (trx) =>
        exportPage(ctx, trx, ids, { types, since }, files),
      );
      done += ids.length;
      await onPage?.(done);
    }
  } finally {
    await files.close();
  }
  return {
    transactionTime,
    output: [...files.counts].map(([type, count]) => ({ type, file: `${type}.ndjson`, count })),
    restricted,
  };
}

async function exportPage(
  ctx: RequestContext,
  trx: DbOrTx,
  page: string[],
  opts: { types: Set<string>; since: Date | null },
  files: NdjsonFiles,
): Promise<number> {
  let ids = page;
  if (ctx.actor) {
    const access = await patientAccess(ctx, trx, page);
    ids = page.filter((id) => access.get(id) !== 'restricted');
  }
  const want = (t: string) => opts.types.has(t);
  const patients = await patientsForExport(ctx, trx, ids);
  for (const p of patients) {
    if (want('Patient') && (!opts.since || new Date(p.updatedAt) > opts.since)) files.write(patientToFhir(p));
    if (want('Coverage'))
      for (const c of p.coverage)
        if (!opts.since || new Date(p.updatedAt) > opts.since)
          files.write(coverageToFhir(c, p.id, p.updatedAt));
  }
  const chart = await chartForExport(trx, ids, opts.since);
  // Labelled entries the requester may not see stay out of the export (issue 6: labels on every path).
  const hidden = await hiddenItemsOf(ctx, trx, ids);
  if (want('Encounter')) for (const e of chart.encounters) files.write(encounterToFhir(e));
  for (const e of chart.entries) {
    if (hidden.has(e.id)) continue;
    const r =
      e.kind === 'note' ? noteToFhir(e) : e.kind === 'immunization' ? immunizationToFhir(e) : entryToFhir(e);
    if (r && want(String(r.resourceType))) files.write(r as { resourceType: string });
  }
  if (want('Claim') || want('ExplanationOfBenefit'))
    for (const b of await billingForPatients(trx, ids, opts.since))
      if (want(b.resource_type)) files.write(billingToFhir(b) as { resourceType?: unknown });
  await recordAudit(trx, ctx, {
    action: 'interop.export',
    patientIds: ids,
    details: { types: [...opts.types], patients: ids.length },
  });
  return page.length - ids.length;
}
