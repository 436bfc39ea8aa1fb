import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { RequestContext } from '../kernel/context.ts';
import { AppError } from '../kernel/errors.ts';
import { dictionaryFor, SUPPORTED_VERSIONS } from './dictionary.service.ts';
import type { Dictionary } from './dictionary.ts';
import { actorName, auditRegistry, requireRegistry } from './gate.ts';
import { type NaaccrPatientRecord, NaaccrReader, NaaccrSyntaxError } from './naaccr-reader.ts';
import {
  findRegistryPatientByNumber,
  findTumourByRecord,
  insertRegistryPatient,
  insertTumour,
  insertTumourVersion,
  updateRegistryPatientItems,
  updateTumourRow,
} from './registry.queries.ts';

/** Item maps equal regardless of key order (jsonb reorders keys). */
export function sameItems(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

export interface ImportResult {
  patients: number;
  tumours: number;
  rejected: number;
  errors: { record: number; line: number; messages: string[] }[];
}

export interface ImportOptions {
  onProgress?: (records: number) => void;
}

/** Opens a NAACCR XML file as text, un-gzipping `.gz` files. */
export function naaccrFileStream(file: string): NodeJS.ReadableStream {
  const raw = createReadStream(file);
  return file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

async function loadDictionaries(ctx: RequestContext): Promise<Map<string, Dictionary>> {
  const out = new Map<string, Dictionary>();
  for (const v of SUPPORTED_VERSIONS) {
    try {
      out.set(v, await dictionaryFor(ctx, v));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
  return out;
}

/**
 * Imports a NAACCR XML file (issue 14 "Import"): streaming, one transaction for the whole file so a file
 * that is not well-formed writes nothing; a record with a bad item is rejected whole (named in the errors)
 * and the others are kept. Idempotent: patients by Patient ID Number (#20), tumours by Tumor Record Number
 * (#60) within the patient, so importing the same file twice changes nothing.
 */
export async function importNaaccr(
  ctx: RequestContext,
  input: NodeJS.ReadableStream,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  await requireRegistry(ctx, 'registry:write');
  const dicts = await loadDictionaries(ctx);
  const reader = new NaaccrReader((v) => dicts.get(v));
  const result: ImportResult = { patients: 0, tumours: 0, rejected: 0, errors: [] };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      let seen = 0;
      const take = async (records: NaaccrPatientRecord[]) => {
        for (const r of records) await importRecord(ctx, trx, reader.header?.version ?? '', r, result);
        seen += records.length;
        opts.onProgress?.(seen);
      };
      input.setEncoding?.('utf8');
      for await (const chunk of input) await take(reader.write(String(chunk)));
      await take(reader.end());
      await auditRegistry(trx, ctx, 'registry.import', [], {
        patients: result.patients,
        tumours: result.tumours,
        rejected: result.rejected,
      });
    });
  } catch (e) {
    if (e instanceof NaaccrSyntaxError)
      throw new AppError(
        'REGISTRY_IMPORT_INVALID',
        `${e.message} (line ${e.line}); nothing was imported.`,
        400,
        {
          line: e.line,
        },
      );
    throw e;
  }
  return result;
}

async function importRecord(
  ctx: RequestContext,
  trx: Transaction<Database>,
  version: string,
  r: NaaccrPatientRecord,
  result: ImportResult,
): Promise<void> {
  const number = r.items.patientIdNumber;
  if (!number) r.errors.push(`Patient ${r.index}: patientIdNumber (#20) is required to import`);
  if (r.errors.length > 0 || !number) {
    result.rejected++;
    result.errors.push({ record: r.index, line: r.line, messages: r.errors });
    return;
  }
  const now = ctx.clock.now();
  const by = actorName(ctx);
  let patient = await findRegistryPatientByNumber(trx, number);
  if (!patient)
    patient = await insertRegistryPatient(trx, {
      patient_id: null,
      patient_id_number: number,
      items: r.items,
      created_at: now,
      updated_at: now,
    });
  else if (!sameItems(patient.items, { ...patient.items, ...r.items }))
    await updateRegistryPatientItems(trx, patient.id, { ...patient.items, ...r.items }, now);
  result.patients++;
  for (const [i, items] of r.tumours.entries()) {
    // Tumor Record Number (#60) is the stable key; files without it key tumours by their position.
    const record = items.tumorRecordNumber ?? String(i + 1).padStart(2, '0');
    const existing = await findTumourByRecord(trx, patient.id, record);
    if (!existing) {
      const t = await insertTumour(trx, {
        registry_patient_id: patient.id,
        patient_id: patient.patient_id,
        tumor_record_number: record,
        dictionary_version: version,
        items,
        status: 'abstracting',
        primary_decision: null,
        source: 'naaccr-import',
        created_by: by,
        created_at: now,
        updated_by: by,
        updated_at: now,
      });
      await insertTumourVersion(trx, t, Object.keys(items), by, now);
    } else if (!sameItems(existing.items, items)) {
      const t = await updateTumourRow(trx, existing.id, { items, updated_by: by, updated_at: now });
      await insertTumourVersion(trx, t, Object.keys(items), by, now);
    }
    result.tumours++;
  }
}

/** Imports a NAACCR XML file by path (`.xml` or `.xml.gz`). */
export const importNaaccrFile = (ctx: RequestContext, file: string, opts: ImportOptions = {}) =>
  importNaaccr(ctx, naaccrFileStream(file), opts);
