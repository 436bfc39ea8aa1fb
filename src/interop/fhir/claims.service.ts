import type { Bundle, Resource } from '@medplum/fhirtypes';
import { claimAnswersForFhir, claimsForFhir } from '../../billing/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { isUuid } from './access.ts';
import { countBundle, searchsetBundle } from './bundle.ts';
import { fhirErrors } from './errors.ts';
import { fhirBase } from './fhir-http.ts';
import { claimResponseToFhir, claimToFhir, eobToFhir } from './outbound/claim.ts';
import { first, invalidSearch, parsePaging, type RawQuery, referenceId } from './search-params.ts';

/**
 * FHIR Claim, ClaimResponse and ExplanationOfBenefit (issue 13): an adapter over billing's index.ts —
 * billing checks billing:read, leaves restricted patients out and audits each read; here only the
 * mapping and the searchset. An id the actor may not see answers 404, as if it did not exist.
 */
export type ClaimResourceType = 'Claim' | 'ClaimResponse' | 'ExplanationOfBenefit';

/** Search parameters of the three types, for the CapabilityStatement. */
export const CLAIM_PARAMS = {
  Claim: [{ name: 'patient', type: 'reference' }],
  ClaimResponse: [
    { name: 'patient', type: 'reference' },
    { name: 'request', type: 'reference' },
  ],
  ExplanationOfBenefit: [{ name: 'patient', type: 'reference' }],
} as const;

async function find(
  ctx: RequestContext,
  type: ClaimResourceType,
  f: { ids?: string[]; patientId?: string; claimIds?: string[]; limit: number; offset: number },
): Promise<{ resources: Resource[]; total: number }> {
  if (type === 'Claim') {
    const r = await claimsForFhir(ctx, f);
    return { resources: r.items.map(claimToFhir), total: r.total };
  }
  if (type === 'ClaimResponse') {
    const r = await claimAnswersForFhir(ctx, f);
    return { resources: r.items.map(claimResponseToFhir), total: r.total };
  }
  const r = await claimsForFhir(ctx, { ...f, answeredOnly: true });
  const answers = await claimAnswersForFhir(ctx, {
    claimIds: r.items.map((c) => c.id),
    limit: 10_000,
    offset: 0,
  });
  return {
    resources: r.items.map((c) =>
      eobToFhir(
        c,
        answers.items.filter((a) => a.claimId === c.id),
      ),
    ),
    total: r.total,
  };
}

export async function readClaimResource(
  ctx: RequestContext,
  type: ClaimResourceType,
  id: string,
): Promise<Resource> {
  if (!isUuid(id)) throw fhirErrors.notFound(type, id);
  const [r] = (await find(ctx, type, { ids: [id], limit: 1, offset: 0 })).resources;
  if (!r) throw fhirErrors.notFound(type, id);
  return r;
}

/** `patient` is required (a whole claim table is not a search); ClaimResponse also takes `request`. */
export async function searchClaimResources(
  ctx: RequestContext,
  type: ClaimResourceType,
  query: RawQuery,
): Promise<Bundle> {
  const paging = parsePaging(query, []);
  const patient = first(query, 'patient');
  const request = type === 'ClaimResponse' ? first(query, 'request') : undefined;
  if (!patient && !request)
    throw invalidSearch(
      'patient',
      `Search ${type} by patient (patient=Patient/<id>)${type === 'ClaimResponse' ? ' or by request=Claim/<id>' : ''}.`,
    );
  const patientId = patient ? referenceId('patient', patient, 'Patient') : undefined;
  const claimId = request ? referenceId('request', request, 'Claim') : undefined;
  if ((patientId && !isUuid(patientId)) || (claimId && !isUuid(claimId)))
    return paging.summaryCount ? countBundle(0) : emptyPage(ctx, type, query, paging.count);
  const { resources, total } = await find(ctx, type, {
    ...(patientId ? { patientId } : {}),
    ...(claimId ? { claimIds: [claimId] } : {}),
    limit: paging.summaryCount ? 0 : paging.count,
    offset: paging.offset,
  });
  if (paging.summaryCount) return countBundle(total);
  return searchsetBundle({
    base: fhirBase(ctx),
    path: type,
    query,
    matches: resources,
    total,
    count: paging.count,
    offset: paging.offset,
  });
}

const emptyPage = (ctx: RequestContext, type: string, query: RawQuery, count: number) =>
  searchsetBundle({ base: fhirBase(ctx), path: type, query, matches: [], total: 0, count, offset: 0 });
