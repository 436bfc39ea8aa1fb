import type { Extension, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  document,
  ENCOUNTER_ID,
  encounter,
  entry,
  PATIENT_ID,
  patient,
} from '../../../../test/fhir-outbound-fixtures.ts';
import { loadDefinitions, validateIncoming } from '../validation.ts';
import {
  auditAction,
  auditEventToFhir,
  binaryToFhir,
  coverageToFhir,
  documentReferenceToFhir,
  encounterToFhir,
  entryToFhir,
  identifierSystem,
  organizationToFhir,
  patientToFhir,
  practitionerToFhir,
  procedureCodeSystem,
  provenanceToFhir,
  US_CORE,
} from './index.ts';

// Indexing the R4 definitions takes a few seconds on a loaded machine: once, outside any test's time.
beforeAll(() => loadDefinitions(), 120_000);

/** Every mapped resource must pass the R4 validator that incoming resources face. */
function expectValid(r: Resource | undefined): void {
  expect(r).toBeDefined();
  expect(validateIncoming(r)).toEqual([]);
}

const ext = (r: { extension?: Extension[] }, url: string) => r.extension?.find((e) => e.url === url);

describe('Patient (US Core)', () => {
  const p = patientToFhir(patient, ['vip']);

  it('carries race, ethnicity and birth sex extensions with OMB codes', () => {
    const race = ext(p, US_CORE.race);
    expect(race?.extension?.filter((e) => e.url === 'ombCategory').map((e) => e.valueCoding?.code)).toEqual([
      '2106-3',
      '2028-9',
    ]);
    expect(race?.extension?.find((e) => e.url === 'text')?.valueString).toBe('White, Asian');
    expect(ext(p, US_CORE.ethnicity)?.extension?.[0]?.valueCoding?.code).toBe('2186-5');
    expect(ext(p, US_CORE.birthsex)?.valueCode).toBe('F');
    expect(p.meta?.profile).toEqual([US_CORE.patient]);
  });

  it('lists the MRN and external identifiers with systems, never the SSN', () => {
    expect(p.identifier?.[0]).toMatchObject({ system: 'urn:chartkeeper:mrn', value: 'CK00000123' });
    expect(p.identifier?.[1]?.system).toBe('urn:chartkeeper:issuer:ma%20rmv');
    expect(p.identifier?.[1]?.type?.coding?.[0]?.code).toBe('DL');
    expect(JSON.stringify(p)).not.toContain('***-**');
  });

  it('maps names, telecom, address history, marital status and the restriction label', () => {
    expect(p.name?.[0]).toEqual({ use: 'official', family: 'Testwood', given: ['Amelia', 'Rose'] });
    expect(p.name?.[1]).toEqual({ use: 'maiden', family: 'Samplers' });
    expect(p.gender).toBe('female');
    expect(p.telecom?.map((t) => t.system)).toEqual(['phone', 'email']);
    expect(p.address?.map((a) => a.use)).toEqual(['home', 'old']);
    expect(p.address?.[1]?.period).toEqual({ start: '2010-01-01', end: '2023-12-31' });
    expect(p.maritalStatus?.coding?.[0]?.code).toBe('M');
    expect(p.meta?.security?.[0]?.code).toBe('R');
    expect(p.meta?.versionId).toBe('3');
    expectValid(p);
  });

  it('declined race becomes ASKU and a merged record links to its survivor', () => {
    const merged = patientToFhir({
      ...patient,
      race: ['declined'],
      status: 'merged',
      mergedInto: ENCOUNTER_ID,
    });
    expect(ext(merged, US_CORE.race)?.extension?.[0]?.valueCoding?.code).toBe('ASKU');
    expect(merged.active).toBe(false);
    expect(merged.link?.[0]).toEqual({
      other: { reference: `Patient/${ENCOUNTER_ID}` },
      type: 'replaced-by',
    });
    expect(merged.meta?.security).toBeUndefined();
    expectValid(merged);
  });

  it('keeps URI issuers as they are', () => {
    expect(identifierSystem('urn:oid:2.16.840.1.113883.4.3.25')).toBe('urn:oid:2.16.840.1.113883.4.3.25');
  });
});

describe('chart resources', () => {
  it('Encounter: status, class, period, provider', () => {
    const e = encounterToFhir(encounter);
    expect(e.status).toBe('finished');
    expect(e.class.code).toBe('IMP');
    expect(e.period).toEqual({ start: encounter.startsAt, end: encounter.dischargedAt });
    expect(e.participant?.[0]?.individual?.reference).toBe(`Practitioner/${encounter.providerId}`);
    expectValid(e);
    expect(encounterToFhir({ ...encounter, status: 'no_show', class: 'appointment' }).status).toBe(
      'cancelled',
    );
    expect(encounterToFhir({ ...encounter, enteredInError: true }).status).toBe('entered-in-error');
  });

  it('Condition from a problem and from a visit diagnosis', () => {
    const prob = entryToFhir(
      entry('problem', {
        description: 'Type 2 diabetes',
        code: 'E11.9',
        status: 'active',
        onsetDate: '2020-01-02',
      }),
    );
    expect(prob).toMatchObject({
      resourceType: 'Condition',
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' }] },
      onsetDateTime: '2020-01-02',
    });
    expectValid(prob);
    const dx = entryToFhir(
      entry(
        'diagnosis',
        { description: 'Chest pain', primary: true },
        { encounterId: ENCOUNTER_ID, enteredInError: true },
      ),
    );
    expect(dx).toMatchObject({ encounter: { reference: `Encounter/${ENCOUNTER_ID}` } });
    expect((dx as { clinicalStatus?: unknown }).clinicalStatus).toBeUndefined();
    expectValid(dx);
  });

  it('Observation with a quantity, range and interpretation', () => {
    const o = entryToFhir(
      entry('result', {
        code: '2345-7',
        name: 'Glucose',
        value: 250,
        units: 'mg/dL',
        referenceLow: 70,
        referenceHigh: 99,
        abnormalFlag: 'high',
        status: 'final',
        performedAt: '2026-11-20T09:00:00.000Z',
      }),
    );
    expect(o).toMatchObject({
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] },
      valueQuantity: { value: 250, unit: 'mg/dL' },
      interpretation: [{ coding: [{ code: 'H' }] }],
      referenceRange: [{ low: { value: 70 }, high: { value: 99 } }],
    });
    expectValid(o);
    const text = entryToFhir(
      entry('result', {
        code: 'CULT',
        name: 'Culture',
        valueText: 'No growth',
        status: 'preliminary',
        performedAt: '2026-11-20T09:00:00Z',
      }),
    );
    expect(text).toMatchObject({
      valueString: 'No growth',
      code: { coding: [{ system: 'urn:chartkeeper:test-code' }] },
    });
    expectValid(text);
  });

  it('Procedure from visit procedures and surgical history', () => {
    expect(procedureCodeSystem('0DTJ4ZZ')).toBe('http://www.cms.gov/Medicare/Coding/ICD10');
    expect(procedureCodeSystem('99213')).toBe('http://www.ama-assn.org/go/cpt');
    expect(procedureCodeSystem('G0008')).toBe('https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets');
    expect(procedureCodeSystem('abc')).toBeUndefined();
    const p = entryToFhir(
      entry('procedure', { description: 'Appendectomy', code: '0DTJ4ZZ' }, { encounterId: ENCOUNTER_ID }),
    );
    expect(p).toMatchObject({ status: 'completed', code: { text: 'Appendectomy' } });
    expectValid(p);
    expectValid(
      entryToFhir(entry('surgery', { procedure: 'Tonsillectomy', date: '1990-05-01', note: 'childhood' })),
    );
  });

  it('MedicationStatement with RxNorm and dosage', () => {
    const m = entryToFhir(
      entry('medication', {
        drug: 'Metformin 500 mg tablet',
        rxnormCode: '861007',
        dose: '500 mg',
        route: 'oral',
        frequency: 'twice daily',
        startDate: '2025-01-01',
        status: 'on_hold',
        prescriber: 'Dr. Sample',
      }),
    );
    expect(m).toMatchObject({
      status: 'on-hold',
      medicationCodeableConcept: { coding: [{ code: '861007' }] },
      dosage: [{ text: '500 mg oral twice daily' }],
    });
    expectValid(m);
  });

  it('AllergyIntolerance and the no-known-allergies assertion', () => {
    const a = entryToFhir(
      entry('allergy', {
        substance: 'Penicillin',
        reaction: 'Hives',
        severity: 'moderate',
        criticality: 'unable_to_assess',
        status: 'active',
      }),
    );
    expect(a).toMatchObject({ criticality: 'unable-to-assess', reaction: [{ severity: 'moderate' }] });
    expectValid(a);
    const nka = entryToFhir(entry('allergy_assertion', { assertion: 'no_known_allergies' }));
    expect(nka).toMatchObject({ code: { coding: [{ code: '716186003' }] } });
    expectValid(nka);
    expect(
      entryToFhir(entry('note', { noteType: 'other', title: 't', text: 'x', status: 'draft' })),
    ).toBeUndefined();
  });

  it('DocumentReference points at its Binary', () => {
    const d = documentReferenceToFhir(document);
    expect(d.content[0]?.attachment.url).toBe(`Binary/${document.id}`);
    expect(d.type?.coding?.[0]?.code).toBe('11502-2');
    expectValid(d);
    const b = binaryToFhir(document, Buffer.from('%PDF'));
    expect(b.data).toBe('JVBERg==');
    expectValid(b);
  });
});

describe('administrative resources', () => {
  it('Coverage, Practitioner, Organization', () => {
    const c = coverageToFhir(patient.coverage[0]!, PATIENT_ID, patient.updatedAt);
    expect(c).toMatchObject({
      subscriberId: 'XEH123456',
      order: 1,
      payor: [{ display: 'Example Health Plan' }],
    });
    expect(c.class?.map((k) => k.value)).toEqual(['G-1', 'Gold PPO']);
    expectValid(c);
    const pr = practitionerToFhir({
      id: ENCOUNTER_ID,
      username: 'drsample',
      fullName: 'Ada Q Sample',
      credentials: 'MD',
      active: true,
    });
    expect(pr.name?.[0]).toMatchObject({ family: 'Sample', given: ['Ada', 'Q'] });
    expectValid(pr);
    expectValid(organizationToFhir({ id: ENCOUNTER_ID, code: 'MAIN', name: 'Sample General' }));
  });

  it('AuditEvent: action, outcome, agent and patient entity', () => {
    expect(auditAction('patient.read')).toBe('R');
    expect(auditAction('chart.entry.create')).toBe('C');
    expect(auditAction('patient.update')).toBe('U');
    expect(auditAction('auth.login')).toBe('E');
    const a = auditEventToFhir({
      seq: 1,
      id: '88888888-8888-4888-8888-888888888888',
      occurredAt: '2026-11-20T10:00:00.000Z',
      userId: ENCOUNTER_ID,
      username: 'clerk',
      roles: ['him_clerk'],
      action: 'patient.access_denied',
      outcome: 'denied',
      patientIds: [PATIENT_ID],
      resourceType: 'Patient',
      resourceId: PATIENT_ID,
      purposeOfUse: null,
      breakGlass: true,
      sourceIp: '127.0.0.1',
      channel: 'fhir',
    });
    expect(a).toMatchObject({
      outcome: '4',
      type: { code: 'rest' },
      entity: [{ what: { reference: `Patient/${PATIENT_ID}` } }, {}],
    });
    expect(a.purposeOfEvent?.[0]?.coding?.[0]?.code).toBe('ETREAT');
    expectValid(a);
  });

  it('Provenance targets the exact version', () => {
    const p = provenanceToFhir({
      targetType: 'Condition',
      targetId: PATIENT_ID,
      version: 2,
      changedAt: '2026-11-21T10:00:00.000Z',
      changedByUserId: ENCOUNTER_ID,
      changedByName: 'Dr Sample',
      reason: 'wrong code',
      changedFields: ['data'],
    });
    expect(p.target[0]?.reference).toBe(`Condition/${PATIENT_ID}/_history/2`);
    expect(p.activity?.coding?.[0]?.code).toBe('UPDATE');
    expect(p.id?.length).toBeLessThanOrEqual(64);
    expectValid(p);
  });
});
