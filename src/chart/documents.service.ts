import type { ReadStream } from 'node:fs';
import { assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { type FieldIssue, notFound, validationFailed } from '../kernel/errors.ts';
import { ACCEPTED_MEDIA_TYPES, openBlob, putBlob, sniffMediaType } from './blob-store.ts';
import {
  type DocumentRow,
  findDocument,
  findEncounter,
  findPatient,
  insertDocument,
  listDocuments as listDocumentRows,
  listVersions,
  updateDocument,
} from './chart.queries.ts';
import { type ChartDocument, documentMetaSchema } from './chart.schemas.ts';
import { documentToApi, versionToApi } from './chart-mappers.ts';
import { chartErrors } from './errors.ts';
import { assertItemVisible, hiddenItems } from './labels.service.ts';
import { recordChanged } from './record-change.ts';
import { conflictError, keepVersion, snapshotOf } from './versioning.ts';

export interface UploadedFile {
  declaredType: string;
  bytes: Buffer;
}

/** Refuses files that are not what they claim to be (issue 4, bad input), before anything is stored. */
function checkFile(file: UploadedFile | undefined, issues: FieldIssue[]): file is UploadedFile {
  if (!file) {
    issues.push({ field: 'file', message: 'attach a PDF, PNG or JPEG file' });
    return false;
  }
  if (!(ACCEPTED_MEDIA_TYPES as readonly string[]).includes(file.declaredType))
    throw chartErrors.unsupportedFile('Only PDF, PNG and JPEG files can be filed in the chart.');
  if (sniffMediaType(file.bytes) !== file.declaredType)
    throw chartErrors.unsupportedFile(
      `The file's content is not a ${file.declaredType} file as declared; check you chose the right file.`,
    );
  return true;
}

const audit = (action: string, d: DocumentRow) => ({
  action,
  patientIds: [d.patient_id],
  resourceType: 'chart_document',
  resourceId: d.id,
});

/** Files an uploaded document: bytes into the blob store by hash, metadata in PostgreSQL. */
export async function uploadDocument(
  ctx: RequestContext,
  patientId: string,
  fields: Record<string, string>,
  file: UploadedFile | undefined,
): Promise<ChartDocument> {
  const issues: FieldIssue[] = [];
  const meta = documentMetaSchema.safeParse(fields);
  if (!meta.success)
    for (const i of meta.error.issues) issues.push({ field: i.path.join('.'), message: i.message });
  const fileOk = checkFile(file, issues);
  if (!meta.success || !fileOk || issues.length > 0) throw validationFailed(issues);
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'chart:write');
    if (!(await findPatient(trx, patientId))) throw notFound('The patient');
    if (meta.data.encounterId && (await findEncounter(trx, meta.data.encounterId))?.patient_id !== patientId)
      throw validationFailed([{ field: 'encounterId', message: 'is not an encounter of this patient' }]);
    const sha256 = await putBlob(ctx.config.dataDir, file.bytes);
    const now = ctx.clock.now();
    const by = ctx.actor?.userId ?? '';
    const row = await insertDocument(trx, {
      patient_id: patientId,
      encounter_id: meta.data.encounterId ?? null,
      document_type: meta.data.documentType,
      service_date: meta.data.serviceDate,
      title: meta.data.title,
      media_type: file.declaredType,
      sha256,
      size_bytes: file.bytes.length,
      entered_in_error_reason: null,
      created_by: by,
      created_at: now,
      updated_by: by,
      updated_at: now,
    });
    await keepVersion(trx, ctx, versionOf(row, undefined, null));
    await recordChanged(trx, ctx, row.encounter_id);
    await recordAudit(trx, ctx, audit('chart.document.create', row));
    return documentToApi(row);
  });
}

const versionOf = (row: DocumentRow, before: ChartDocument | undefined, reason: string | null) => ({
  entity: 'document' as const,
  id: row.id,
  patientId: row.patient_id,
  version: row.version,
  before: before ? snapshotOf(before) : undefined,
  after: snapshotOf(documentToApi(row)),
  reason,
});

async function openDocument(
  ctx: RequestContext,
  db: DbOrTx,
  id: string,
  permission: 'chart:read' | 'chart:write',
) {
  const row = await findDocument(db, id);
  if (!row) throw notFound('The document');
  await assertCanSeePatient(ctx, db, row.patient_id, permission);
  await assertItemVisible(ctx, db, row.patient_id, 'document', id);
  return row;
}

/** The file itself, streamed only after the access check; the download is audited. */
export async function downloadDocument(
  ctx: RequestContext,
  id: string,
): Promise<{ doc: ChartDocument; stream: ReadStream }> {
  const row = await withTransaction(ctx.db, async (trx) => {
    const r = await openDocument(ctx, trx, id, 'chart:read');
    await recordAudit(trx, ctx, audit('chart.document.download', r));
    return r;
  });
  return { doc: documentToApi(row), stream: openBlob(ctx.config.dataDir, row.sha256) };
}

export async function listDocuments(
  ctx: RequestContext,
  patientId: string,
  q: { limit: number; offset: number },
) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'chart:read');
    const hidden = [...(await hiddenItems(ctx, trx, patientId))];
    const { rows, total } = await listDocumentRows(trx, patientId, q.limit, q.offset, hidden);
    await recordAudit(trx, ctx, {
      action: 'chart.document.list',
      patientIds: [patientId],
      resourceType: 'chart_document',
      details: { count: rows.length },
    });
    return { items: rows.map(documentToApi), total };
  });
}

/** A misfiled document (wrong patient, wrong file) is marked entered-in-error; the file is kept. */
export async function markDocumentInError(
  ctx: RequestContext,
  id: string,
  body: { version: number; reason: string },
) {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openDocument(ctx, trx, id, 'chart:write');
    if (row.entered_in_error) throw chartErrors.enteredInError();
    const next = await updateDocument(trx, id, body.version, {
      entered_in_error: true,
      entered_in_error_reason: body.reason,
      updated_by: ctx.actor?.userId ?? '',
      updated_at: ctx.clock.now(),
    });
    if (!next) throw await conflictError(trx, 'document', id, body.version);
    await keepVersion(trx, ctx, versionOf(next, documentToApi(row), body.reason));
    await recordChanged(trx, ctx, next.encounter_id);
    await recordAudit(trx, ctx, audit('chart.document.entered_in_error', next));
    return documentToApi(next);
  });
}

export async function documentVersions(ctx: RequestContext, id: string) {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openDocument(ctx, trx, id, 'chart:read');
    const items = (await listVersions(trx, 'document', id)).map(versionToApi);
    await recordAudit(trx, ctx, audit('chart.document.history', row));
    return { items };
  });
}
