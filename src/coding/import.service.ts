import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import {
  deleteVersion,
  findVersion,
  INSERT_BATCH,
  insertCodes,
  insertVersion,
  replacePoaExempt,
} from './coding.queries.ts';
import { replaceMue, replaceNcciPtp } from './edits.queries.ts';
import { CodingErrors } from './errors.ts';
import { parseCptFile } from './loaders/cpt.ts';
import { parseHcpcsFile } from './loaders/hcpcs.ts';
import { parseIcdo3Morphology, parseIcdo3Topography } from './loaders/icdo3.ts';
import { parseMue, parseNcciPtp } from './loaders/ncci.ts';
import { parseOrderFile } from './loaders/order-file.ts';
import { parsePoaExempt } from './loaders/poa-exempt.ts';
import type { CodeRecord, ParseResult } from './loaders/types.ts';
import { type CodeSystem, effectivePeriod, isCodeSystem, versionFromFileName } from './systems.ts';
import { forgetVersionsInForce } from './version-cache.ts';

/** What `codes import` accepts: a code system, or one of the edit tables. */
export const IMPORT_KINDS = [
  'icd10cm',
  'icd10pcs',
  'hcpcs',
  'cpt',
  'icdo3-topo',
  'icdo3-morph',
  'poa-exempt',
  'ncci-ptp',
  'mue',
] as const;

export interface ImportInput {
  kind: string;
  text: string;
  checksum: string;
  /** File name as given (shown in the version list and in errors). */
  sourceName: string;
  version?: string;
  /**
   * Called as batches are written: rows done of total. Awaited inside the load's transaction, so a
   * throw (the job was cancelled) rolls the whole load back.
   */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface ImportSummary {
  kind: string;
  version: string | null;
  /** loaded = new version; replaced = same version, different content; unchanged = identical content. */
  status: 'loaded' | 'replaced' | 'unchanged';
  records: number;
  billable: number;
  headers: number;
}

/**
 * Loads one file in ONE transaction: the previous content of that version is replaced, so a re-import is
 * idempotent, and a file with any bad line is rejected before anything is written (errors name lines).
 * @example importCodeFile(ctx, { kind: 'icd10cm', text, checksum, sourceName: 'icd10cm_order_2026.txt' })
 */
export async function importCodeFile(ctx: RequestContext, input: ImportInput): Promise<ImportSummary> {
  if (input.kind === 'poa-exempt') return importPoaExempt(ctx, input);
  if (input.kind === 'ncci-ptp' || input.kind === 'mue') return importNcci(ctx, input);
  if (!isCodeSystem(input.kind)) throw CodingErrors.unknownSystem(input.kind);
  const system = input.kind;
  const version = input.version ?? versionFromFileName(system, input.sourceName);
  if (!version) throw CodingErrors.versionRequired(system);
  const parsed = parseCodes(system, input.text);
  if (parsed.errors.length > 0) throw CodingErrors.importRejected(input.sourceName, parsed.errors);
  const records = parsed.records;
  const billable = records.filter((r) => r.billable).length;
  const period = effectivePeriod(system, version);
  const status = await withTransaction(ctx.db, async (trx) => {
    const previous = await findVersion(trx, system, version);
    await deleteVersion(trx, system, version);
    await insertVersion(trx, {
      system,
      version,
      effective_from: period.from,
      effective_to: period.to,
      source_name: input.sourceName,
      checksum: input.checksum,
      billable_count: billable,
      header_count: records.length - billable,
    });
    for (let i = 0; i < records.length; i += INSERT_BATCH) {
      await insertCodes(trx, system, version, records.slice(i, i + INSERT_BATCH));
      await input.onProgress?.(Math.min(i + INSERT_BATCH, records.length), records.length);
    }
    const outcome = !previous ? 'loaded' : previous.checksum === input.checksum ? 'unchanged' : 'replaced';
    // A code-set load is an administrative change: audited in the same transaction (DESIGN invariant 1).
    await recordAudit(trx, ctx, {
      action: 'codeset.import',
      resourceType: 'CodeSystem',
      resourceId: `${system}|${version}`,
      details: { status: outcome, billable, headers: records.length - billable, source: input.sourceName },
    });
    return outcome;
  });
  forgetVersionsInForce(ctx.db);
  ctx.log.info({ system, version, status, records: records.length }, 'code set imported');
  return {
    kind: system,
    version,
    status,
    records: records.length,
    billable,
    headers: records.length - billable,
  };
}

/** The pure parser for a code system's file format. */
export function parseCodes(system: CodeSystem, text: string): ParseResult<CodeRecord> {
  switch (system) {
    case 'icd10cm':
    case 'icd10pcs':
      return parseOrderFile(text, system);
    case 'hcpcs':
      return parseHcpcsFile(text);
    case 'cpt':
      return parseCptFile(text);
    case 'icdo3-topo':
      return parseIcdo3Topography(text);
    case 'icdo3-morph':
      return parseIcdo3Morphology(text);
  }
}

async function importPoaExempt(ctx: RequestContext, input: ImportInput): Promise<ImportSummary> {
  const version =
    input.version ?? versionFromFileName('icd10cm', input.sourceName.replace(/FY(\d\d)\b/, 'FY20$1'));
  if (!version) throw CodingErrors.versionRequired('the POA-exempt list');
  const parsed = parsePoaExempt(input.text);
  if (parsed.errors.length > 0) throw CodingErrors.importRejected(input.sourceName, parsed.errors);
  await withTransaction(ctx.db, async (trx) => {
    await replacePoaExempt(trx, version, parsed.records);
    await recordAudit(trx, ctx, {
      action: 'codeset.import',
      resourceType: 'CodeSystem',
      resourceId: `poa-exempt|${version}`,
      details: { records: parsed.records.length, source: input.sourceName },
    });
  });
  await input.onProgress?.(parsed.records.length, parsed.records.length);
  return {
    kind: 'poa-exempt',
    version,
    status: 'loaded',
    records: parsed.records.length,
    billable: 0,
    headers: 0,
  };
}

async function importNcci(ctx: RequestContext, input: ImportInput): Promise<ImportSummary> {
  const parsed = input.kind === 'mue' ? parseMue(input.text) : parseNcciPtp(input.text);
  if (parsed.errors.length > 0) throw CodingErrors.importRejected(input.sourceName, parsed.errors);
  await withTransaction(ctx.db, async (trx) => {
    if (input.kind === 'mue') await replaceMue(trx, parsed.records as ReturnType<typeof parseMue>['records']);
    else await replaceNcciPtp(trx, parsed.records as ReturnType<typeof parseNcciPtp>['records']);
    await recordAudit(trx, ctx, {
      action: 'codeset.import',
      resourceType: 'CodeSystem',
      resourceId: input.kind,
      details: { records: parsed.records.length, source: input.sourceName },
    });
  });
  await input.onProgress?.(parsed.records.length, parsed.records.length);
  return {
    kind: input.kind,
    version: null,
    status: 'loaded',
    records: parsed.records.length,
    billable: 0,
    headers: 0,
  };
}
