import type { Encounter as FhirEncounter } from '@medplum/fhirtypes';
import type { Encounter } from '../../../chart/index.ts';
import { codeable, compact, metaOf, patientRef, ref, SYSTEMS, textOnly } from './common.ts';

/**
 * Our life cycle → R4 EncounterStatus (http://hl7.org/fhir/R4/valueset-encounter-status.html). R4 has no
 * no-show status (R5 added one), so a no-show is a cancelled visit.
 */
export const ENCOUNTER_STATUS: Record<string, FhirEncounter['status']> = {
  scheduled: 'planned',
  arrived: 'arrived',
  in_progress: 'in-progress',
  completed: 'finished',
  cancelled: 'cancelled',
  no_show: 'cancelled',
};

/** Appointment → ambulatory, inpatient stay → inpatient encounter (v3 ActCode, R4 v3-ActEncounterCode). */
export const ENCOUNTER_CLASS: Record<string, { code: string; display: string }> = {
  appointment: { code: 'AMB', display: 'ambulatory' },
  inpatient: { code: 'IMP', display: 'inpatient encounter' },
};

export function encounterToFhir(e: Encounter): FhirEncounter {
  const cls = ENCOUNTER_CLASS[e.class] ?? ENCOUNTER_CLASS.appointment!;
  return compact<FhirEncounter>({
    resourceType: 'Encounter',
    id: e.id,
    meta: metaOf(e),
    status: e.enteredInError ? 'entered-in-error' : (ENCOUNTER_STATUS[e.status] ?? 'unknown'),
    class: { system: SYSTEMS.actCode, ...cls },
    type: [textOnly(e.type)],
    subject: patientRef(e.patientId),
    participant: e.providerId
      ? [
          {
            type: [
              codeable('http://terminology.hl7.org/CodeSystem/v3-ParticipationType', 'ATND', 'attender'),
            ],
            individual: ref('Practitioner', e.providerId),
          },
        ]
      : undefined,
    period: compact({ start: e.startsAt, end: e.dischargedAt ?? undefined }),
    reasonCode: [textOnly(e.reason)],
    hospitalization: e.dischargeDisposition
      ? { dischargeDisposition: textOnly(e.dischargeDisposition) }
      : undefined,
    location: [{ location: { display: e.location } }],
  });
}
