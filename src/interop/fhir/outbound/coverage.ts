import type { Coverage, CoverageClass } from '@medplum/fhirtypes';
import type { PatientOut } from '../../../patients/index.ts';
import { codeable, compact, patientRef, SYSTEMS } from './common.ts';

export type CoverageSource = PatientOut['coverage'][number];

const ORDER: Record<string, number> = { primary: 1, secondary: 2, tertiary: 3 };

/**
 * A patient's insurance as a Coverage (R4 coverage.html): payor is required (1..*), coordination of benefits
 * order from the priority, group and plan as Coverage.class. Coverage rows are corrected by marking them
 * entered-in-error (docs/patients.md), so a listed coverage is always version 1 and active.
 */
export function coverageToFhir(c: CoverageSource, patientId: string, lastUpdated: string): Coverage {
  const classes: CoverageClass[] = [];
  if (c.groupNumber) classes.push({ type: codeable(SYSTEMS.coverageClass, 'group'), value: c.groupNumber });
  if (c.plan) classes.push({ type: codeable(SYSTEMS.coverageClass, 'plan'), value: c.plan, name: c.plan });
  return compact<Coverage>({
    resourceType: 'Coverage',
    id: c.id,
    meta: { versionId: '1', lastUpdated },
    status: 'active',
    subscriber: c.relationship === 'self' ? patientRef(patientId) : { display: c.subscriberName },
    subscriberId: c.memberId,
    beneficiary: patientRef(patientId),
    relationship: codeable(SYSTEMS.subscriberRelationship, c.relationship),
    period: compact({ start: c.effectiveFrom, end: c.effectiveTo ?? undefined }),
    payor: [{ display: c.payer }],
    class: classes,
    order: ORDER[c.priority],
  });
}
