import type { Resource } from '@medplum/fhirtypes';
import {
  documentToApi,
  encounterToApi,
  entryToApi,
  searchDocumentRows,
  searchEncounterRows,
  searchEntryRows,
} from '../../chart/index.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import type { PageArgs } from '../../kernel/paging.ts';
import { coverageRows } from '../../patients/index.ts';
import type { ClinicalType } from './clinical-search.ts';
import { encounterCriteria, entryCriteria, patientIds } from './clinical-search.ts';
import { coverageToFhir, documentReferenceToFhir, encounterToFhir, entryToFhir } from './outbound/index.ts';
import type { RawQuery } from './search-params.ts';

/** A found resource and the patient it belongs to (for the access decision and the audit event). */
export interface Found {
  patientId: string;
  resource: Resource;
}

/**
 * Runs a chart-backed search and maps the rows through the outbound mappers (the allow-list of what
 * leaves). Access is decided by the caller on `patientId`.
 */
export async function findClinical(
  trx: DbOrTx,
  type: ClinicalType,
  q: RawQuery,
  page: PageArgs,
): Promise<{ found: Found[]; total: number }> {
  if (type === 'Encounter') {
    const { rows, total } = await searchEncounterRows(trx, encounterCriteria(q), page);
    return {
      found: rows.map((r) => ({ patientId: r.patient_id, resource: encounterToFhir(encounterToApi(r)) })),
      total,
    };
  }
  if (type === 'DocumentReference') {
    const pats = patientIds(q);
    const { rows, total } = await searchDocumentRows(trx, pats ? { patientIds: pats } : {}, page);
    return {
      found: rows.map((r) => ({
        patientId: r.patient_id,
        resource: documentReferenceToFhir(documentToApi(r)),
      })),
      total,
    };
  }
  if (type === 'Coverage') {
    const pats = patientIds(q);
    const rows = await coverageRows(trx, pats ? { patientIds: pats } : {});
    const slice = rows.slice(page.offset, page.offset + page.limit);
    return {
      found: slice.map((r) => ({ patientId: r.patient_id, resource: coverageResource(r) })),
      total: rows.length,
    };
  }
  const { criteria, dateKey } = entryCriteria(type, q);
  const { rows, total } = await searchEntryRows(trx, criteria, { ...page, ...(dateKey ? { dateKey } : {}) });
  return {
    found: rows.flatMap((r) => {
      const resource = entryToFhir(entryToApi(r));
      return resource ? [{ patientId: r.patient_id, resource }] : [];
    }),
    total,
  };
}

type CoverageRow = Awaited<ReturnType<typeof coverageRows>>[number];

export function coverageResource(r: CoverageRow): Resource {
  return coverageToFhir(
    {
      id: r.id,
      priority: r.priority,
      payer: r.payer,
      plan: r.plan,
      memberId: r.member_id,
      groupNumber: r.group_number,
      subscriberName: r.subscriber_name,
      relationship: r.relationship,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
    },
    r.patient_id,
    r.created_at.toISOString(),
  );
}
