import type { CodeableConcept, Coding, Meta, Patient, Reference, Resource } from '@medplum/fhirtypes';

/**
 * Code systems and identifier namespaces used by the outbound mappers. URLs are the ones the R4 spec and
 * US Core name (http://hl7.org/fhir/R4/terminologies-systems.html); our own namespaces are URNs so they
 * never pretend to resolve.
 */
export const SYSTEMS = {
  mrn: 'urn:chartkeeper:mrn',
  username: 'urn:chartkeeper:username',
  facility: 'urn:chartkeeper:facility',
  testCode: 'urn:chartkeeper:test-code',
  v2_0203: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v2_0131: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  maritalStatus: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus',
  nullFlavor: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor',
  confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  dataOperation: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  provenanceParticipant: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  auditEventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  restfulInteraction: 'http://hl7.org/fhir/restful-interaction',
  dicom: 'http://dicom.nema.org/resources/ontology/DCM',
  omb: 'urn:oid:2.16.840.1.113883.6.238',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd10pcs: 'http://www.cms.gov/Medicare/Coding/ICD10',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
} as const;

/** US Core profile and extension URLs (US Core 3.1.1+, http://hl7.org/fhir/us/core). */
export const US_CORE = {
  patient: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient',
  race: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
  ethnicity: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity',
  birthsex: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex',
  genderIdentity: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-genderIdentity',
} as const;

/** Bookkeeping every versioned record carries (chart entries, encounters, documents, patients). */
export interface Stamped {
  id: string;
  version: number;
  updatedAt: string;
}

/**
 * meta.versionId and meta.lastUpdated (R4 http.html: read answers ETag W/"versionId"); `security` carries
 * the confidentiality code when the patient holds a restriction label (docs/access.md).
 */
export function metaOf(s: Stamped, extra: Partial<Meta> = {}): Meta {
  return { versionId: String(s.version), lastUpdated: s.updatedAt, ...extra };
}

/** A confidentiality label for restricted records (v3 Confidentiality R, HL7 Healthcare Privacy and Security Classification). */
export function securityFor(labels: readonly string[] | undefined): Coding[] | undefined {
  if (!labels || labels.length === 0) return undefined;
  return [{ system: SYSTEMS.confidentiality, code: 'R', display: 'restricted' }];
}

/** A relative reference `Type/id` (typed for the element it fills), or undefined without an id. */
export function ref<T extends Resource = Resource>(
  type: T['resourceType'],
  id: string | null | undefined,
  display?: string,
): Reference<T> | undefined {
  return id ? { reference: `${type}/${id}`, ...(display ? { display } : {}) } : undefined;
}

export const patientRef = (patientId: string): Reference<Patient> => ({ reference: `Patient/${patientId}` });

export function codeable(system: string, code: string, display?: string, text?: string): CodeableConcept {
  return {
    coding: [{ system, code, ...(display ? { display } : {}) }],
    ...(text ? { text } : {}),
  };
}

export const textOnly = (text: string): CodeableConcept => ({ text });

/** Drops keys whose value is undefined, null or an empty array, so resources carry no empty elements (R4 json.html). */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as T;
}
