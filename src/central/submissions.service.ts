import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Insertable } from 'kysely';
import { recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { sha256Hex } from '../kernel/crypto.ts';
import { type Tx, withTransaction } from '../kernel/db.ts';
import { AppError } from '../kernel/errors.ts';
import {
  dictionaryFor,
  type NaaccrPatientRecord,
  NaaccrReader,
  NaaccrSyntaxError,
  SUPPORTED_VERSIONS,
} from '../registry/index.ts';
import {
  completeSubmission,
  currentRecordsOf,
  insertChunk,
  insertRecords,
  insertSubmission,
  listSubmissions,
  type SourceRow,
  sourceByTokenHash,
  submissionById,
  supersedeRecords,
} from './central.queries.ts';
import type { CentralRecordTable, SubmissionError } from './central.tables.ts';
import { centralErrors } from './errors.ts';
import { auditCentral, requireCentral } from './gate.ts';

export interface Receipt {
  submissionId: string;
  accepted: number;
  rejected: number;
  duplicates: number;
  errors: SubmissionError[];
}

/** Records written per round trip. */
const BATCH = 250;
/** The raw file is kept in chunks of about this many bytes. */
const CHUNK_BYTES = 1 << 20;

/**
 * The reporting source a submission token belongs to. Missing, unknown and revoked tokens are refused and
 * the refusal is audited (nothing is received).
 */
export async function sourceOfToken(ctx: RequestContext, token: string | undefined): Promise<SourceRow> {
  if (!token) {
    await recordDenied(ctx, { action: 'central.submission_denied', details: { reason: 'no token' } });
    throw centralErrors.tokenMissing();
  }
  const source = await sourceByTokenHash(ctx.db, sha256Hex(token));
  if (!source) {
    await recordDenied(ctx, { action: 'central.submission_denied', details: { reason: 'unknown token' } });
    throw centralErrors.sourceUnknown();
  }
  if (source.revoked_at) {
    await recordDenied(ctx, {
      action: 'central.submission_denied',
      resourceType: 'CentralSource',
      resourceId: source.id,
      details: { reason: 'revoked source', source: source.code },
    });
    throw centralErrors.sourceRevoked(source.code);
  }
  return source;
}

/** Canonical content hash of a record: items and tumours with sorted keys. */
export function recordHash(r: Pick<NaaccrPatientRecord, 'items' | 'tumours'>): string {
  const sorted = (o: Record<string, string>) =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  return sha256Hex(JSON.stringify([sorted(r.items), r.tumours.map(sorted)]));
}

/**
 * The edits a submitted record must pass: the facility registry's reader edits (dictionary item, level,
 * length and type, already in `errors`), a Patient ID Number, and every tumour reported by this source
 * (Reporting Facility #540, when given, must be the source's own: a source never sends another's tumour).
 */
export function recordErrors(source: SourceRow, r: NaaccrPatientRecord): string[] {
  const errors = [...r.errors];
  if (!r.items.patientIdNumber) errors.push(`Patient ${r.index}: patientIdNumber (#20) is required`);
  for (const [i, t] of r.tumours.entries()) {
    const facility = t.reportingFacility;
    if (facility && facility !== source.facility_id)
      errors.push(
        `Patient ${r.index}, Tumor ${i + 1}: reportingFacility (#540) ${facility} is not this source's (${source.facility_id})`,
      );
  }
  return errors;
}

async function dictionaries(ctx: RequestContext) {
  const out = new Map<string, Awaited<ReturnType<typeof dictionaryFor>>>();
  for (const v of SUPPORTED_VERSIONS) {
    try {
      out.set(v, await dictionaryFor(ctx, v));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
  return out;
}

interface Tally {
  accepted: number;
  rejected: number;
  duplicates: number;
  errors: SubmissionError[];
}

/**
 * Receives one NAACCR XML file from a reporting source (issue 16 "Submissions"), streaming: the bytes are
 * kept unchanged (chunks, SHA-256), each Patient record is checked with the facility registry's edits and
 * stored as that source sent it. A record equal to the source's current record for the same Patient ID
 * Number is a duplicate; a different one is a correction and supersedes only that source's earlier record.
 * A file that is not NAACCR XML is refused whole (recorded as refused, nothing from it kept).
 */
export async function receiveSubmission(
  ctx: RequestContext,
  source: SourceRow,
  input: AsyncIterable<Buffer | string>,
  fileName?: string,
): Promise<Receipt> {
  const dicts = await dictionaries(ctx);
  const reader = new NaaccrReader((v) => dicts.get(v));
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  const receivedAt = ctx.clock.now();
  try {
    return await withTransaction(ctx.db, async (trx) => {
      const sub = await insertSubmission(trx, {
        source_id: source.id,
        status: 'receiving',
        sha256: null,
        file_name: fileName ?? null,
        record_type: null,
        errors: JSON.stringify([]) as never,
        refusal: null,
        received_at: receivedAt,
        completed_at: null,
      });
      const tally: Tally = { accepted: 0, rejected: 0, duplicates: 0, errors: [] };
      let seq = 0;
      let held: Buffer[] = [];
      let heldBytes = 0;
      const keep = async (force: boolean) => {
        if (heldBytes === 0 || (!force && heldBytes < CHUNK_BYTES)) return;
        await insertChunk(trx, sub.id, seq++, Buffer.concat(held));
        held = [];
        heldBytes = 0;
      };
      let pending: NaaccrPatientRecord[] = [];
      const take = async (records: NaaccrPatientRecord[]) => {
        for (const r of records) {
          pending.push(r);
          if (pending.length >= BATCH) {
            await writeBatch(trx, source, sub.id, receivedAt, pending, tally);
            pending = [];
          }
        }
      };
      for await (const chunk of input) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        hash.update(buf);
        bytes += buf.length;
        held.push(buf);
        heldBytes += buf.length;
        await keep(false);
        await take(reader.write(decoder.write(buf)));
      }
      await take(reader.write(decoder.end()));
      await take(reader.end());
      await writeBatch(trx, source, sub.id, receivedAt, pending, tally);
      await keep(true);
      await completeSubmission(trx, sub.id, {
        sha256: hash.digest('hex'),
        bytes,
        record_type: reader.header?.recordType ?? null,
        accepted: tally.accepted,
        rejected: tally.rejected,
        duplicates: tally.duplicates,
        errors: tally.errors,
        completed_at: ctx.clock.now(),
      });
      await auditCentral(
        trx,
        ctx,
        'central.submission_receive',
        {
          source: source.code,
          accepted: tally.accepted,
          rejected: tally.rejected,
          duplicates: tally.duplicates,
        },
        { type: 'CentralSubmission', id: sub.id },
      );
      return { submissionId: sub.id, ...tally };
    });
  } catch (e) {
    if (!(e instanceof NaaccrSyntaxError)) throw e;
    await withTransaction(ctx.db, async (trx) => {
      const sub = await insertSubmission(trx, {
        source_id: source.id,
        status: 'refused',
        sha256: null,
        file_name: fileName ?? null,
        record_type: null,
        errors: JSON.stringify([]) as never,
        refusal: e.message,
        received_at: receivedAt,
        completed_at: ctx.clock.now(),
      });
      await auditCentral(
        trx,
        ctx,
        'central.submission_refused',
        { source: source.code, line: e.line },
        { type: 'CentralSubmission', id: sub.id },
      );
    });
    throw centralErrors.notNaaccr(e.message, e.line);
  }
}

/**
 * Writes a batch of records. A Patient ID Number seen twice starts a new part, so the outcome is the same
 * as writing the records one by one in file order (the later one supersedes the earlier).
 */
async function writeBatch(
  trx: Tx,
  source: SourceRow,
  submissionId: string,
  at: Date,
  records: NaaccrPatientRecord[],
  tally: Tally,
): Promise<void> {
  let part: NaaccrPatientRecord[] = [];
  for (const r of records) {
    const errors = recordErrors(source, r);
    if (errors.length > 0) {
      tally.rejected++;
      tally.errors.push({ record: r.index, line: r.line, messages: errors });
      continue;
    }
    if (part.some((p) => p.items.patientIdNumber === r.items.patientIdNumber)) {
      await writePart(trx, source, submissionId, at, part, tally);
      part = [];
    }
    part.push(r);
  }
  await writePart(trx, source, submissionId, at, part, tally);
}

async function writePart(
  trx: Tx,
  source: SourceRow,
  submissionId: string,
  at: Date,
  records: NaaccrPatientRecord[],
  tally: Tally,
): Promise<void> {
  if (records.length === 0) return;
  const numberOf = (r: NaaccrPatientRecord) => r.items.patientIdNumber as string;
  const current = new Map(
    (await currentRecordsOf(trx, source.id, records.map(numberOf))).map((c) => [c.patient_id_number, c]),
  );
  const fresh: Insertable<CentralRecordTable>[] = [];
  const replaced: string[] = [];
  for (const r of records) {
    const content = recordHash(r);
    const prior = current.get(numberOf(r));
    if (prior?.content_hash === content) {
      tally.duplicates++;
      continue;
    }
    if (prior) replaced.push(prior.id);
    fresh.push({
      source_id: source.id,
      submission_id: submissionId,
      record_index: r.index,
      patient_id_number: numberOf(r),
      items: r.items,
      tumours: r.tumours,
      content_hash: content,
      status: 'pending',
      received_at: at,
    });
  }
  await supersedeRecords(trx, replaced);
  await insertRecords(trx, fresh);
  tally.accepted += fresh.length;
}

const submissionView = (s: Awaited<ReturnType<typeof listSubmissions>>[number]) => ({
  id: s.id,
  source: s.source,
  status: s.status,
  sha256: s.sha256,
  bytes: Number(s.bytes),
  fileName: s.file_name,
  accepted: s.accepted,
  rejected: s.rejected,
  duplicates: s.duplicates,
  refusal: s.refusal,
  receivedAt: s.received_at.toISOString(),
});

/** The submission inbox (newest first). */
export async function submissionInbox(ctx: RequestContext) {
  await requireCentral(ctx, 'registry:read');
  const rows = await listSubmissions(ctx.db);
  await auditCentral(ctx.db, ctx, 'central.submission_list', { count: rows.length });
  return { items: rows.map(submissionView) };
}

/** One submission's receipt with its per-record errors. */
export async function submissionReceipt(ctx: RequestContext, id: string): Promise<Receipt> {
  await requireCentral(ctx, 'registry:read');
  const s = await submissionById(ctx.db, id);
  if (!s) throw new AppError('NOT_FOUND', 'The submission was not found.', 404);
  await auditCentral(ctx.db, ctx, 'central.submission_read', {}, { type: 'CentralSubmission', id });
  return {
    submissionId: s.id,
    accepted: s.accepted,
    rejected: s.rejected,
    duplicates: s.duplicates,
    errors: s.errors,
  };
}
