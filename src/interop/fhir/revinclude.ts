import type { Resource } from '@medplum/fhirtypes';
import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { loadOut } from '../../patients/index.ts';
import { CLINICAL_PARAMS, type ClinicalType } from './clinical-search.ts';
import { findClinical } from './loaders.ts';
import { patientToFhir } from './outbound/index.ts';
import { invalidSearch } from './search-params.ts';

/** At most this many resources per `_revinclude` type: "where cheap" (issue 8). */
export const REVINCLUDE_LIMIT = 100;

const isClinical = (t: string): t is ClinicalType => t in CLINICAL_PARAMS;

/**
 * `_revinclude=<Type>:patient` (or `:subject`) on a Patient search: the chart resources of the patients
 * on the page. Needs chart:read (coverage: patient:read); patients are already access-checked.
 */
export async function revincludes(
  ctx: RequestContext,
  trx: DbOrTx,
  specs: string[],
  patientIds: string[],
): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const spec of specs) {
    const [type, param] = spec.split(':');
    if (!type || !isClinical(type) || !['patient', 'subject', 'beneficiary'].includes(param ?? ''))
      throw invalidSearch(
        '_revinclude',
        `_revinclude supports <Type>:patient for ${Object.keys(CLINICAL_PARAMS).join(', ')}`,
      );
    const needs = type === 'Coverage' ? 'patient:read' : 'chart:read';
    if (!ctx.actor?.permissions.has(needs))
      throw invalidSearch('_revinclude', `_revinclude=${type}:… needs the ${needs} permission`);
    if (patientIds.length === 0) continue;
    const query = { patient: patientIds.join(',') };
    const { found } = await findClinical(trx, type, query, { limit: REVINCLUDE_LIMIT, offset: 0 });
    out.push(...found.map((f) => f.resource));
  }
  return out;
}

/** `_include=<Type>:patient` on a chart search: the (already access-checked) patients of the matches. */
export async function includePatients(
  ctx: RequestContext,
  trx: DbOrTx,
  type: string,
  specs: string[],
  patientIds: string[],
): Promise<Resource[]> {
  if (specs.length === 0) return [];
  for (const spec of specs) {
    const [t, param] = spec.split(':');
    if (t !== type || !['patient', 'subject', 'beneficiary'].includes(param ?? ''))
      throw invalidSearch('_include', `_include supports ${type}:patient here`);
  }
  if (!ctx.actor?.permissions.has('patient:read'))
    throw invalidSearch('_include', '_include of patients needs patient:read');
  const out: Resource[] = [];
  for (const id of [...new Set(patientIds)]) out.push(patientToFhir(await loadOut(ctx, trx, id)));
  return out;
}
