import type { EntryKind } from '../../../chart/index.ts';
import type { CoverageInput, RegisterInput } from '../../../patients/index.ts';
import type { FhirIssue, Json } from './fhir-values.ts';

/** An encounter as the chart keeps it (class, life-cycle status, start, and the `data` fields). */
export interface EncounterImport {
  class: 'appointment' | 'inpatient';
  status: 'scheduled' | 'arrived' | 'in_progress' | 'completed' | 'cancelled' | 'no_show';
  startsAt: string;
  type: string;
  location: string;
  reason: string;
  dischargedAt?: string;
  dischargeDisposition?: string;
}

interface Common {
  /** The source marked the resource entered-in-error: kept, flagged, never shown as current. */
  enteredInError?: boolean;
}

/**
 * What one incoming FHIR resource becomes in the record (a domain write). References to the patient and
 * encounter are the raw FHIR references (`urn:uuid:…`, `Patient/123`); the caller resolves them against
 * what it has imported, so the mappers stay pure and usable by the REST API's create and update too.
 */
export type InboundWrite =
  | ({ target: 'patient'; input: RegisterInput } & Common)
  | ({ target: 'encounter'; patientRef: string; input: EncounterImport } & Common)
  | ({
      target: 'entry';
      patientRef: string;
      encounterRef?: string;
      kind: EntryKind;
      data: Record<string, unknown>;
    } & Common)
  | ({ target: 'coverage'; patientRef: string; input: CoverageInput } & Common)
  | ({
      target: 'billing';
      patientRef: string;
      resourceType: 'Claim' | 'ExplanationOfBenefit';
      resource: Json;
    } & Common);

export type InboundTarget = InboundWrite['target'];

/** The outcome of mapping one resource: a write with any warnings, or every issue found. */
export type MapOutcome =
  | { ok: true; write: InboundWrite; warnings: FhirIssue[] }
  | { ok: false; issues: FhirIssue[] };

/** What mappers may need from the caller: today's date (from the request clock) for date rules. */
export interface MapOptions {
  today: string;
}
