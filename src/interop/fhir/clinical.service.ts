import type { Bundle, Resource } from '@medplum/fhirtypes';
import { assertCanSeePatient, recordAudit } from '../../access/index.ts';
import {
  assertItemVisible,
  type ChartDocument,
  type ChartEntry,
  documentToApi,
  documentVersions,
  downloadDocument,
  type Encounter,
  encounterVersions,
  entryVersions,
  getEncounter,
  getEntry,
  hiddenItemsOf,
  searchDocumentRows,
} from '../../chart/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { coverageRows } from '../../patients/index.ts';
import { auditSearch, isUuid, readableOnly, withheldWarning } from './access.ts';
import { countBundle, historyBundle, searchsetBundle } from './bundle.ts';
import { CLINICAL_SORT, type ClinicalType, requirePatientOrId } from './clinical-search.ts';
import { fhirErrors } from './errors.ts';
import { fhirBase } from './fhir-http.ts';
import { coverageResource, findClinical } from './loaders.ts';
import {
  binaryToFhir,
  documentReferenceToFhir,
  ENTRY_KIND_TYPES,
  encounterToFhir,
  entryToFhir,
} from './outbound/index.ts';
import { includePatients } from './revinclude.ts';
import { parsePaging, type RawQuery } from './search-params.ts';

const typeOfKind = (kind: string): string | undefined =>
  ENTRY_KIND_TYPES[kind as keyof typeof ENTRY_KIND_TYPES];

async function readDocumentRow(ctx: RequestContext, id: string): Promise<ChartDocument> {
  return withTransaction(ctx.db, async (trx) => {
    const row = (await searchDocumentRows(trx, { ids: [id] }, { limit: 1, offset: 0 })).rows[0];
    if (!row) throw fhirErrors.notFound('DocumentReference', id);
    await assertCanSeePatient(ctx, trx, row.patient_id, 'chart:read');
    await assertItemVisible(ctx, trx, row.patient_id, 'document', id);
    await recordAudit(trx, ctx, {
      action: 'chart.document.read',
      patientIds: [row.patient_id],
      resourceType: 'chart_document',
      resourceId: id,
    });
    return documentToApi(row);
  });
}

async function readCoverage(ctx: RequestContext, id: string): Promise<Resource> {
  return withTransaction(ctx.db, async (trx) => {
    const row = (await coverageRows(trx, { id }))[0];
    if (!row) throw fhirErrors.notFound('Coverage', id);
    await assertCanSeePatient(ctx, trx, row.patient_id, 'patient:read');
    await recordAudit(trx, ctx, {
      action: 'patient.coverage.read',
      patientIds: [row.patient_id],
      resourceType: 'Coverage',
      resourceId: id,
    });
    return coverageResource(row);
  });
}

/**
 * GET <Type>/:id for chart-backed types, through the chart's own reads (access check and audit event).
 * An id of another type answers 404, as if it did not exist.
 */
export async function readClinical(ctx: RequestContext, type: ClinicalType, id: string): Promise<Resource> {
  if (!isUuid(id)) throw fhirErrors.notFound(type, id);
  if (type === 'Encounter') return encounterToFhir((await getEncounter(ctx, id)).encounter);
  if (type === 'DocumentReference') return documentReferenceToFhir(await readDocumentRow(ctx, id));
  if (type === 'Coverage') return readCoverage(ctx, id);
  const entry = await getEntry(ctx, id).catch((err) => {
    if ((err as { statusCode?: number }).statusCode === 404) throw fhirErrors.notFound(type, id);
    throw err;
  });
  const r = typeOfKind(entry.kind) === type ? entryToFhir(entry) : undefined;
  if (!r) throw fhirErrors.notFound(type, id);
  return r;
}

/** GET Binary/:id — the document's bytes, after the download's access check and audit event. */
export async function readBinary(ctx: RequestContext, id: string): Promise<Resource> {
  if (!isUuid(id)) throw fhirErrors.notFound('Binary', id);
  const { doc, stream } = await downloadDocument(ctx, id);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return binaryToFhir(doc, Buffer.concat(chunks));
}

/** A version snapshot back into the API shape the mappers take (bookkeeping fields from the version row). */
const restore = <T>(v: {
  version: number;
  changedAt: string;
  changedBy: string;
  snapshot: Record<string, unknown>;
}) => ({ ...v.snapshot, version: v.version, updatedAt: v.changedAt, updatedBy: v.changedBy }) as T;

/** Every version of a chart-backed resource, newest first, from the chart's append-only history. */
export async function clinicalHistory(
  ctx: RequestContext,
  type: ClinicalType,
  id: string,
): Promise<Resource[]> {
  if (!isUuid(id)) throw fhirErrors.notFound(type, id);
  if (type === 'Coverage') return [await readCoverage(ctx, id)];
  if (type === 'Encounter')
    return (await encounterVersions(ctx, id)).items.map((v) => encounterToFhir(restore<Encounter>(v)));
  if (type === 'DocumentReference')
    return (await documentVersions(ctx, id)).items.map((v) =>
      documentReferenceToFhir(restore<ChartDocument>(v)),
    );
  const { items } = await entryVersions(ctx, id).catch((err) => {
    if ((err as { statusCode?: number }).statusCode === 404) throw fhirErrors.notFound(type, id);
    throw err;
  });
  const out = items
    .map((v) => restore<ChartEntry>(v))
    .filter((e) => typeOfKind(e.kind) === type)
    .map(entryToFhir);
  if (out.length === 0) throw fhirErrors.notFound(type, id);
  return out.filter((r): r is Resource => r !== undefined);
}

export async function vreadClinical(
  ctx: RequestContext,
  type: ClinicalType,
  id: string,
  vid: string,
): Promise<Resource> {
  const found = (await clinicalHistory(ctx, type, id)).find((r) => r.meta?.versionId === vid);
  if (!found) throw fhirErrors.versionNotFound(type, id, vid);
  return found;
}

export async function clinicalHistoryBundle(
  ctx: RequestContext,
  type: ClinicalType,
  id: string,
): Promise<Bundle> {
  return historyBundle(fhirBase(ctx), await clinicalHistory(ctx, type, id));
}

/**
 * Search over a chart-backed type. Results whose patient is restricted for the actor are withheld; the
 * page is audited as one event listing every patient whose data was returned.
 */
export async function searchClinical(
  ctx: RequestContext,
  type: ClinicalType,
  query: RawQuery,
): Promise<Bundle> {
  requirePatientOrId(query);
  const paging = parsePaging(query, CLINICAL_SORT[type]);
  const sort = paging.sort
    ? {
        column: paging.sort.param === '_lastUpdated' ? ('updated' as const) : ('date' as const),
        desc: paging.sort.desc,
      }
    : undefined;
  return withTransaction(ctx.db, async (trx) => {
    const { found, total } = await findClinical(trx, type, query, {
      limit: paging.summaryCount ? 0 : paging.count,
      offset: paging.offset,
      ...(sort ? { sort } : {}),
    });
    if (paging.summaryCount) {
      await auditSearch(trx, ctx, type, [], { summary: 'count', total });
      return countBundle(total);
    }
    const readable = await readableOnly(ctx, trx, found, (f) => f.patientId);
    // Entries and documents with sensitivity labels the caller may not see are left out too (issue 6).
    const hidden = await hiddenItemsOf(
      ctx,
      trx,
      readable.allowed.map((f) => f.patientId),
    );
    const allowed = readable.allowed.filter((f) => !hidden.has(String(f.resource.id)));
    const withheld = readable.withheld + readable.allowed.length - allowed.length;
    const patients = allowed.map((f) => f.patientId);
    const includes = await includePatients(ctx, trx, type, paging.include, patients);
    await auditSearch(trx, ctx, type, patients, { returned: allowed.length, included: includes.length });
    return searchsetBundle({
      base: fhirBase(ctx),
      path: type,
      query,
      matches: allowed.map((f) => f.resource),
      includes,
      total,
      count: paging.count,
      offset: paging.offset,
      warnings: withheldWarning(withheld),
    });
  });
}
