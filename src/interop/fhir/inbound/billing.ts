import { IssueList, type Json, refOf, str } from './fhir-values.ts';
import type { MapOutcome } from './types.ts';

const STATUS = ['active', 'cancelled', 'draft', 'entered-in-error'];

/**
 * FHIR Claim or ExplanationOfBenefit → kept whole as billing history of the patient (issue 8: "kept for
 * billing history"); the billing domain builds its own claims, so these are read-only history.
 */
export function mapBilling(r: Json): MapOutcome {
  const resourceType = r.resourceType === 'Claim' ? 'Claim' : 'ExplanationOfBenefit';
  const list = new IssueList(resourceType);
  const patientRef = refOf(r.patient) ?? list.required('patient.reference', 'must reference the patient');
  const status = str(r.status) ?? list.required('status');
  if (status && !STATUS.includes(status))
    list.add('status', 'code-invalid', `'${status}' is not one of ${STATUS.join(', ')}`);
  if (!str(r.use)) list.required('use');
  if (list.issues.length || !patientRef) return { ok: false, issues: list.issues };
  return {
    ok: true,
    write: {
      target: 'billing',
      patientRef,
      resourceType,
      resource: r,
      ...(status === 'entered-in-error' ? { enteredInError: true } : {}),
    },
    warnings: list.warnings,
  };
}
