import type { Bundle, Parameters, Resource } from '@medplum/fhirtypes';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { loadOut, matchCandidates } from '../../patients/index.ts';
import { auditSearch } from './access.ts';
import { type MatchExplanation, matchBundle } from './bundle.ts';
import { fhirErrors, fromMapper, fromValidator } from './errors.ts';
import { fhirBase, today } from './fhir-http.ts';
import { mapPatient } from './inbound/index.ts';
import { patientToFhir } from './outbound/index.ts';
import { validateIncoming } from './validation.ts';

interface MatchRequest {
  patient: Record<string, unknown>;
  onlyCertain: boolean;
  count: number | undefined;
}

/** The $match input: a Parameters resource (resource, onlyCertainMatches, count) or a bare Patient. */
export function parseMatchRequest(body: unknown): MatchRequest {
  const b = (body ?? {}) as Omit<Parameters, 'resourceType'> & Record<string, unknown>;
  if (b.resourceType === 'Patient') return { patient: b, onlyCertain: false, count: undefined };
  if (b.resourceType !== 'Parameters')
    throw fhirErrors.invalid([
      {
        field: 'Parameters',
        code: 'structure',
        message: 'send a Parameters resource with a resource parameter holding the Patient',
      },
    ]);
  const param = (name: string) => b.parameter?.find((p) => p.name === name);
  const patient = param('resource')?.resource as Record<string, unknown> | undefined;
  if (patient?.resourceType !== 'Patient')
    throw fhirErrors.invalid([
      {
        field: "Parameters.parameter.where(name='resource')",
        code: 'required',
        message: 'the Patient to match is required',
      },
    ]);
  const count = param('count')?.valueInteger;
  if (count !== undefined && (!Number.isInteger(count) || count < 1))
    throw fhirErrors.invalid([
      {
        field: "Parameters.parameter.where(name='count')",
        code: 'value',
        message: 'count must be a whole number ≥ 1',
      },
    ]);
  return { patient, onlyCertain: param('onlyCertainMatches')?.valueBoolean === true, count };
}

/**
 * Patient/$match (R4 patient-operation-match.html) over the patient index's matcher: scored candidates with
 * the match-grade extension (certain, probable, possible); restricted records are left out (their presence
 * is the registration screen's business, not an integration's).
 */
export async function matchPatients(ctx: RequestContext, body: unknown): Promise<Bundle> {
  const req = parseMatchRequest(body);
  const structural = validateIncoming(req.patient, 'Patient');
  if (structural.length) throw fhirErrors.invalid(fromValidator(structural));
  const mapped = mapPatient(req.patient, { today: today(ctx) });
  if (!mapped.ok) throw fhirErrors.invalid(fromMapper(mapped.issues));
  if (mapped.write.target !== 'patient') throw fhirErrors.notSupported('This Patient');
  const p = mapped.write.input;
  const { candidates, matcher } = await matchCandidates(ctx, {
    family: p.family,
    given: p.given,
    middle: p.middle ?? null,
    birthDate: p.birthDate,
    sexAtBirth: p.sexAtBirth,
    ssn: p.ssn ?? null,
    phones: p.phones.map((ph) => ({ number: ph.number })),
    address: p.address ? { line1: p.address.line1, postalCode: p.address.postalCode } : null,
    otherNames: p.otherNames.map((n) => ({ family: n.family })),
    // Insurance member ids the sender put among the identifiers take part in matching (docs/patients.md).
    memberIds: p.identifiers.filter((i) => i.kind === 'member_id').map((i) => i.value),
  });
  let chosen = candidates.filter((c) => !c.patient.restricted && c.band !== 'unlikely');
  if (req.onlyCertain) chosen = chosen.filter((c) => c.band === 'certain');
  if (req.count) chosen = chosen.slice(0, req.count);
  return withTransaction(ctx.db, async (trx) => {
    const scored: { resource: Resource; score: number; grade: string; explanation: MatchExplanation }[] = [];
    for (const c of chosen)
      scored.push({
        resource: patientToFhir(await loadOut(ctx, trx, c.patient.id)),
        // search.score in 0..1 (R4): the weight over the strongest total the active weights allow.
        score: Math.round(Math.min(1, Math.max(0, c.score / matcher.maxWeight)) * 1000) / 1000,
        grade: c.band,
        explanation: { fields: c.fields, cautions: c.cautions },
      });
    await auditSearch(
      trx,
      ctx,
      'Patient',
      chosen.map((c) => c.patient.id),
      { operation: '$match', returned: scored.length },
    );
    return matchBundle(fhirBase(ctx), scored);
  });
}
