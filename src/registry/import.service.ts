import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { RequestContext } from '../kernel/context.ts';
import { AppError } from '../kernel/errors.ts';
import { dictionaryFor, SUPPORTED_VERSIONS } from './dictionary.service.ts';
import type { Dictionary } from './dictionary.ts';
import { actorName, auditRegistry, requireRegistry } from './gate.ts';
import { type NaaccrPatientRecord, NaaccrReader, NaaccrSyntaxError } from './naaccr-reader.ts';
import {
  insertRegistryPatients,
  insertTumours,
  insertTumourVersions,
  registryPatientsByNumbers,
  tumoursOfRegistryPatients,
  updateRegistryPatientsItems,
  updateTumoursItems,
} from './registry.queries.ts';
import type { RegistryTumourTable } from './registry.tables.ts';

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
 * (#60) within the patient, so importing the same file twice changes nothing. Records are written
 * in batches of 250 (a handful of statements per batch, not per record).
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
      let pending: NaaccrPatientRecord[] = [];
      const flush = async () => {
        await importBatch(ctx, trx, reader.header?.version ?? '', pending, result);
        seen += pending.length;
        pending = [];
        opts.onProgress?.(seen);
      };
      const take = async (records: NaaccrPatientRecord[]) => {
        for (const r of records) {
          pending.push(r);
          if (pending.length >= BATCH) await flush();
        }
      };
      input.setEncoding?.('utf8');
      for await (const chunk of input) await take(reader.write(String(chunk)));
      await take(reader.end());
      await flush();
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

/** Records per batch: one round trip per step (find, insert, update, versions) for all of them. */
const BATCH = 250;

/**
 * Writes a batch of records. A Patient ID Number seen twice in the batch starts a new sub-batch, so the
 * outcome is the same as writing the records one by one in file order.
 */
async function importBatch(
  ctx: RequestContext,
  trx: Transaction<Database>,
  version: string,
  records: NaaccrPatientRecord[],
  result: ImportResult,
): Promise<void> {
  let part: NaaccrPatientRecord[] = [];
  const numbers = new Set<string>();
  for (const r of records) {
    const number = r.items.patientIdNumber;
    if (!number) r.errors.push(`Patient ${r.index}: patientIdNumber (#20) is required to import`);
    if (r.errors.length > 0 || !number) {
      result.rejected++;
      result.errors.push({ record: r.index, line: r.line, messages: r.errors });
      continue;
    }
    if (numbers.has(number)) {
      await writeRecords(ctx, trx, version, part, result);
      part = [];
      numbers.clear();
    }
    numbers.add(number);
    part.push(r);
  }
  await writeRecords(ctx, trx, version, part, result);
}

/** Writes valid records whose Patient ID Numbers are all different. */
async function writeRecords(
  ctx: RequestContext,
  trx: Transaction<Database>,
  version: string,
  records: NaaccrPatientRecord[],
  result: ImportResult,
): Promise<void> {
  if (records.length === 0) return;
  const now = ctx.clock.now();
  const by = actorName(ctx);
  const numberOf = (r: NaaccrPatientRecord) => r.items.patientIdNumber as string;
  const existing = new Map(
    (await registryPatientsByNumbers(trx, records.map(numberOf))).map((p) => [p.patient_id_number, p]),
  );
  const inserted = await insertRegistryPatients(
    trx,
    records
      .filter((r) => !existing.has(numberOf(r)))
      .map((r) => ({
        patient_id: null,
        patient_id_number: numberOf(r),
        items: r.items,
        created_at: now,
        updated_at: now,
      })),
  );
  const changedPatients: { id: string; items: Record<string, string> }[] = [];
  for (const r of records) {
    const p = existing.get(numberOf(r));
    if (!p) continue;
    const merged = { ...p.items, ...r.items };
    if (!sameItems(p.items, merged)) changedPatients.push({ id: p.id, items: merged });
  }
  await updateRegistryPatientsItems(trx, changedPatients, now);
  const patients = new Map([...existing, ...inserted.map((p) => [p.patient_id_number, p] as const)]);
  result.patients += records.length;

  const known = new Map(
    (
      await tumoursOfRegistryPatients(
        trx,
        [...existing.values()].map((p) => p.id),
      )
    ).map((t) => [`${t.registry_patient_id}/${t.tumor_record_number}`, t]),
  );
  const fresh: Insertable<RegistryTumourTable>[] = [];
  const changed: { id: string; items: Record<string, string> }[] = [];
  for (const r of records) {
    const patient = patients.get(numberOf(r));
    if (!patient) continue;
    for (const [i, items] of r.tumours.entries()) {
      // Tumor Record Number (#60) is the stable key; files without it key tumours by their position.
      const record = items.tumorRecordNumber ?? String(i + 1).padStart(2, '0');
      const key = `${patient.id}/${record}`;
      const t = known.get(key);
      result.tumours++;
      if (t) {
        if (!sameItems(t.items, items)) {
          changed.push({ id: t.id, items });
          // A later tumour with the same record number in the file wins, as it would one by one.
          known.set(key, { ...t, items });
        }
        continue;
      }
      const row: Insertable<RegistryTumourTable> = {
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
      };
      const twin = fresh.findIndex(
        (f) => f.registry_patient_id === patient.id && f.tumor_record_number === record,
      );
      if (twin >= 0) fresh[twin] = row;
      else fresh.push(row);
    }
  }
  const created = await insertTumours(trx, fresh);
  const updated = await updateTumoursItems(trx, dedupeLast(changed), by, now);
  await insertTumourVersions(
    trx,
    [...created, ...updated].map((t) => ({ t, changed: Object.keys(t.items) })),
    by,
    now,
  );
}

/** Keeps the last entry per id (a tumour changed twice in one batch is written once, as it ends). */
function dedupeLast<T extends { id: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

/** Imports a NAACCR XML file by path (`.xml` or `.xml.gz`). */
export const importNaaccrFile = (ctx: RequestContext, file: string, opts: ImportOptions = {}) =>
  importNaaccr(ctx, naaccrFileStream(file), opts);
