import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type InboundWrite, mapResource } from './index.ts';

/** The shared samples sit beside the repository (CI) or at /work/shared (developers' machines). */
const SAMPLES = existsSync('../shared/data/fhir-r4') ? '../shared/data/fhir-r4' : '/work/shared/data/fhir-r4';
const opts = { today: '2026-03-02' };
const example = (name: string) => JSON.parse(readFileSync(`${SAMPLES}/hl7-r4-examples/${name}.json`, 'utf8'));
const synthea = JSON.parse(
  readFileSync(`${SAMPLES}/synthea-bundles/Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json`, 'utf8'),
) as { entry: { resource: Record<string, unknown> }[] };

function write(resource: unknown): InboundWrite {
  const out = mapResource(resource, opts);
  if (out.ok !== true) throw new Error(`expected a write, got ${JSON.stringify(out)}`);
  return out.write;
}
function issues(resource: unknown) {
  const out = mapResource(resource, opts);
  if (out.ok !== false) throw new Error(`expected issues, got ${JSON.stringify(out)}`);
  return out.issues;
}

describe('inbound FHIR mappers', () => {
  it('maps a Synthea patient with US Core race, ethnicity and birth sex, dropping the 999- SSN', () => {
    const patient = synthea.entry[0]!.resource;
    const out = mapResource(patient, opts);
    expect(out.ok).toBe(true);
    if (out.ok !== true || out.write.target !== 'patient') return;
    expect(out.write.input).toMatchObject({
      family: 'Wiegand',
      given: 'Luigi',
      birthDate: '2020-10-20',
      sexAtBirth: 'M',
      race: ['white'],
      ethnicity: 'not_hispanic_or_latino',
      maritalStatus: 'single',
      ssn: null,
      address: { line1: '409 Pagac Alley', city: 'Quincy', postalCode: '02169' },
    });
    expect(out.write.input.identifiers).toContainEqual({
      kind: 'other_mrn',
      system: 'http://hospital.smarthealthit.org',
      value: 'e27d88b0-c5e5-4042-ad49-184f6a900ee3',
    });
    expect(out.warnings.map((w) => w.expression)).toContain('Patient.identifier');
  });

  it('maps every clinical resource of a Synthea bundle, keeping the references to resolve later', () => {
    const kinds = new Map<string, number>();
    for (const { resource } of synthea.entry) {
      const out = mapResource(resource, opts);
      expect(out.ok, JSON.stringify(out)).not.toBe(false);
      if (out.ok === true && out.write.target === 'entry') {
        expect(out.write.patientRef).toMatch(/^urn:uuid:/);
        kinds.set(out.write.kind, (kinds.get(out.write.kind) ?? 0) + 1);
      }
    }
    expect([...kinds.keys()].sort()).toEqual(
      ['immunization', 'problem', 'procedure', 'result'].filter((k) => kinds.has(k)),
    );
    expect(kinds.get('result')).toBeGreaterThan(0);
  });

  it('keeps an encounter as a completed ambulatory visit', () => {
    const enc = synthea.entry.find((e) => e.resource.resourceType === 'Encounter')!.resource;
    expect(write(enc)).toMatchObject({
      target: 'encounter',
      input: { class: 'appointment', status: 'completed', type: 'Encounter for check up (procedure)' },
    });
  });

  it('maps official examples: blood pressure components as text, allergy severity, coverage', () => {
    const bp = write(example('Observation-blood-pressure'));
    expect(bp).toMatchObject({ target: 'entry', kind: 'result', data: { code: '85354-9', status: 'final' } });
    expect((bp as unknown as { data: { valueText: string } }).data.valueText).toMatch(
      /Systolic blood pressure: 107 mmHg/,
    );
    expect(write(example('AllergyIntolerance-example'))).toMatchObject({
      kind: 'allergy',
      data: { substance: 'Cashew nuts', severity: 'severe', criticality: 'high', status: 'active' },
    });
    expect(write(example('AllergyIntolerance-nka'))).toMatchObject({ kind: 'allergy_assertion' });
    expect(write(example('Coverage-9876B1'))).toMatchObject({
      target: 'coverage',
      input: { priority: 'primary' },
    });
  });

  it('names every element at fault with its FHIRPath', () => {
    expect(issues({ resourceType: 'Patient', gender: 'robot' }).map((i) => i.expression)).toEqual([
      'Patient.name.family',
      'Patient.name.given',
      'Patient.birthDate',
      'Patient.gender',
    ]);
    expect(issues({ resourceType: 'Observation', status: 'bogus', code: { text: 'x' } })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ expression: 'Observation.status', code: 'code-invalid' }),
        expect.objectContaining({ expression: 'Observation.subject.reference', code: 'required' }),
      ]),
    );
  });

  it('refuses unknown resource types and other FHIR versions, and skips types the record does not keep', () => {
    expect(issues({ resourceType: 'Spaceship' })[0]).toMatchObject({ code: 'not-supported' });
    expect(issues({ noResourceType: true })[0]).toMatchObject({ code: 'required' });
    expect(
      issues({ resourceType: 'Condition', clinicalStatus: 'active', subject: { reference: 'Patient/1' } })[0],
    ).toMatchObject({ expression: 'Condition.clinicalStatus', message: expect.stringMatching(/STU3/) });
    expect(issues({ resourceType: 'Encounter', class: [{}], status: 'finished' })[0]?.message).toMatch(/R5/);
    expect(mapResource({ resourceType: 'Organization', id: 'o1' }, opts)).toEqual({
      ok: 'skipped',
      resourceType: 'Organization',
    });
  });

  it('decodes a DocumentReference text attachment into a note', () => {
    const note = write({
      resourceType: 'DocumentReference',
      status: 'current',
      type: {
        coding: [{ system: 'http://loinc.org', code: '34117-2', display: 'History and physical note' }],
      },
      subject: { reference: 'Patient/p1' },
      content: [
        {
          attachment: { contentType: 'text/plain', data: Buffer.from('Synthetic note.').toString('base64') },
        },
      ],
    });
    expect(note).toMatchObject({
      kind: 'note',
      data: { noteType: 'history_and_physical', text: 'Synthetic note.', status: 'final' },
    });
  });
});
