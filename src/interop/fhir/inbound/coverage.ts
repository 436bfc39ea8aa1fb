import { coverageInput } from '../../../patients/index.ts';
import {
  arr,
  codeIn,
  dateOf,
  IssueList,
  isObj,
  type Json,
  obj,
  refOf,
  str,
  textOf,
  zodIssues,
} from './fhir-values.ts';
import type { MapOutcome } from './types.ts';

const PRIORITY = { 1: 'primary', 2: 'secondary', 3: 'tertiary' } as const;
const RELATIONSHIP: Record<string, 'self' | 'spouse' | 'child' | 'other'> = {
  self: 'self',
  spouse: 'spouse',
  child: 'child',
};

function classValue(r: Json, type: string): string | undefined {
  const c = arr(r.class)
    .filter(isObj)
    .find((x) => codeIn(x.type) === type);
  return str(c?.value);
}

/** FHIR Coverage → insurance coverage on the patient's face sheet. */
export function mapCoverage(r: Json): MapOutcome {
  const list = new IssueList('Coverage');
  const patientRef =
    refOf(r.beneficiary) ?? list.required('beneficiary.reference', 'must reference the patient');
  const status = str(r.status);
  if (status && !['active', 'cancelled', 'draft', 'entered-in-error'].includes(status))
    list.add(
      'status',
      'code-invalid',
      `'${status}' is not one of active, cancelled, draft, entered-in-error`,
    );
  const order = typeof r.order === 'number' ? r.order : 1;
  const payor = obj(arr(r.payor)[0]);
  const input = {
    priority: PRIORITY[order as 1 | 2 | 3] ?? 'tertiary',
    payer: (str(payor?.display) ?? refOf(payor) ?? textOf(r.type) ?? 'not stated').slice(0, 120),
    plan: classValue(r, 'plan') ?? null,
    memberId: str(r.subscriberId) ?? str(obj(arr(r.identifier)[0])?.value),
    groupNumber: classValue(r, 'group') ?? null,
    subscriberName: (
      str(obj(r.subscriber)?.display) ??
      str(obj(r.policyHolder)?.display) ??
      'not stated'
    ).slice(0, 100),
    relationship: RELATIONSHIP[codeIn(r.relationship) ?? 'self'] ?? 'other',
    effectiveFrom: dateOf(obj(r.period)?.start),
    effectiveTo: dateOf(obj(r.period)?.end) ?? null,
  };
  const parsed = coverageInput.safeParse(input);
  if (!parsed.success)
    zodIssues(list, parsed.error.issues, {
      memberId: 'subscriberId',
      effectiveFrom: 'period.start',
      payer: 'payor',
    });
  if (list.issues.length || !parsed.success || !patientRef) return { ok: false, issues: list.issues };
  return {
    ok: true,
    write: {
      target: 'coverage',
      patientRef,
      input: parsed.data,
      ...(status === 'entered-in-error' ? { enteredInError: true } : {}),
    },
    warnings: list.warnings,
  };
}
