import type { Bundle, Provenance } from '@medplum/fhirtypes';
import { assertCanSeePatient, recordAudit } from '../../access/index.ts';
import { chartVersionRows } from '../../chart/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { patientVersionRows } from '../../patients/index.ts';
import { isUuid } from './access.ts';
import { searchsetBundle } from './bundle.ts';
import { fhirErrors } from './errors.ts';
import { fhirBase } from './fhir-http.ts';
import { ENTRY_KIND_TYPES, provenanceToFhir, type VersionSource } from './outbound/index.ts';
import { invalidSearch, parsePaging, type RawQuery, values } from './search-params.ts';

const CHART_TYPES: Record<string, string> = { encounter: 'Encounter', document: 'DocumentReference' };

/**
 * The version history of one record as Provenance sources: chart entries, encounters and documents from
 * chart_version, patients from patient_version (both append-only). Access is the target's own (chart:read
 * or patient:read) and the look-up is audited.
 */
async function versionSources(ctx: RequestContext, targetId: string): Promise<VersionSource[]> {
  if (!isUuid(targetId)) return [];
  return withTransaction(ctx.db, async (trx) => {
    const chart = await chartVersionRows(trx, targetId);
    let out: VersionSource[];
    let patientId: string;
    if (chart.length > 0) {
      const latest = chart[0]!;
      patientId = latest.patient_id;
      await assertCanSeePatient(ctx, trx, patientId, 'chart:read');
      const kind = String(latest.snapshot.kind ?? '');
      const type =
        CHART_TYPES[latest.entity_type] ?? ENTRY_KIND_TYPES[kind as keyof typeof ENTRY_KIND_TYPES] ?? 'Basic';
      out = chart.map((v) => ({
        targetType: type,
        targetId,
        version: v.version,
        changedAt: v.changed_at.toISOString(),
        changedByUserId: v.changed_by,
        changedByName: v.changed_by_name,
        reason: v.reason,
        changedFields: v.changed_fields,
      }));
    } else {
      const rows = await patientVersionRows(trx, targetId);
      if (rows.length === 0) return [];
      patientId = targetId;
      await assertCanSeePatient(ctx, trx, patientId, 'patient:read');
      out = rows.map((v) => ({
        targetType: 'Patient',
        targetId,
        version: v.version,
        changedAt: v.changed_at.toISOString(),
        changedByUserId: null,
        changedByName: v.changed_by,
        reason: v.reason,
        changedFields: v.changed_fields,
      }));
    }
    await recordAudit(trx, ctx, {
      action: 'provenance.read',
      patientIds: [patientId],
      resourceType: 'Provenance',
      resourceId: targetId,
    });
    return out;
  });
}

/** GET Provenance/<target id>-v<version>. */
export async function readProvenance(ctx: RequestContext, id: string): Promise<Provenance> {
  const m = /^(.+)-v(\d+)$/.exec(id);
  const found = m ? (await versionSources(ctx, m[1]!)).find((v) => v.version === Number(m[2])) : undefined;
  if (!found) throw fhirErrors.notFound('Provenance', id);
  return provenanceToFhir(found);
}

/** GET Provenance?target=<Type>/<id>: one Provenance per version, newest first. */
export async function searchProvenance(ctx: RequestContext, query: RawQuery): Promise<Bundle> {
  const paging = parsePaging(query, []);
  const target = values(query, 'target')[0];
  const targetId = target ? /([^/]+?)(?:\/_history\/\d+)?$/.exec(target.trim())?.[1] : undefined;
  if (!targetId) throw invalidSearch('target', 'Name the record: target=<Type>/<id>');
  const all = (await versionSources(ctx, targetId)).map(provenanceToFhir);
  return searchsetBundle({
    base: fhirBase(ctx),
    path: 'Provenance',
    query,
    matches: paging.summaryCount ? [] : all.slice(paging.offset, paging.offset + paging.count),
    total: all.length,
    count: paging.count,
    offset: paging.offset,
  });
}
