import { describe, expect, it } from 'vitest';
import { type EditFacts, type EncounterDraft, runAllEdits } from './index.ts';
import { placeholderCandidate } from './validity.ts';

const fact = (billable: boolean, description = 'x', billableChildren: string[] = []) => ({
  billable,
  description,
  billableChildren,
});
const facts = (over: Partial<EditFacts> = {}): EditFacts => ({
  inForce: {
    icd10cm: new Map([
      ['E119', fact(true)],
      ['E109', fact(true)],
      ['E11', fact(false, 'Type 2 diabetes mellitus', ['E1100', 'E1101'])],
      ['S022', fact(false, 'Fracture of nasal bones', ['S022XXA', 'S022XXB'])],
      ['S022XXA', fact(true)],
      ['G63', fact(true, 'Polyneuropathy in diseases classified elsewhere')],
      ['W19XXXA', fact(true)],
      ['O24410', fact(true)],
      ['P0700', fact(true)],
      ['N400', fact(true)],
      ['Z00121', fact(true)],
    ]),
    hcpcs: new Map([['J1100', fact(true)]]),
  },
  otherVersions: { icd10cm: new Set(['B880']) },
  systemsNotLoaded: new Set(),
  poaExempt: new Set(['Z00121']),
  ptp: [],
  mue: [],
  ...over,
});
const enc = (over: Partial<EncounterDraft> = {}): EncounterDraft => ({
  dateOfService: '2026-03-01',
  patient: { ageYears: 40, sex: 'female' },
  inpatient: false,
  diagnoses: [],
  procedures: [],
  ...over,
});
const dx = (...codes: string[]) => codes.map((code, i) => ({ code, sequence: i + 1, poa: 'Y' as const }));
const editsOf = (e: EncounterDraft, f = facts()) => runAllEdits(e, f).map((x) => x.edit);

describe('coding edits', () => {
  it('passes a clean encounter', () => {
    expect(runAllEdits(enc({ diagnoses: dx('E11.9') }), facts())).toEqual([]);
  });
  it('flags unknown codes and codes from another year', () => {
    expect(editsOf(enc({ diagnoses: dx('E11.99999', 'B88.0') }))).toEqual([
      'CODE_UNKNOWN',
      'CODE_NOT_VALID_ON_DATE',
    ]);
  });
  it('suggests billable children for a header and asks for the 7th character', () => {
    const [h] = runAllEdits(enc({ diagnoses: dx('E11') }), facts());
    expect(h).toMatchObject({ edit: 'HEADER_CODE', severity: 'error', suggestions: ['E11.00', 'E11.01'] });
    const [s] = runAllEdits(enc({ diagnoses: dx('S02.2') }), facts());
    expect(s).toMatchObject({ edit: 'SEVENTH_CHARACTER_REQUIRED', suggestions: ['S02.2XXA', 'S02.2XXB'] });
  });
  it('recognises a missing placeholder X', () => {
    expect(placeholderCandidate('S022A')).toBe('S022XXA');
    const [f] = runAllEdits(enc({ diagnoses: dx('S02.2A') }), facts());
    expect(f).toMatchObject({ edit: 'PLACEHOLDER_X_MISSING', suggestions: ['S02.2XXA'] });
  });
  it('rejects manifestation and external-cause codes as principal, and duplicates', () => {
    expect(editsOf(enc({ diagnoses: dx('G63', 'E11.9') }))).toEqual(['MANIFESTATION_AS_PRINCIPAL']);
    expect(editsOf(enc({ diagnoses: dx('W19.XXXA', 'S02.2XXA') }))).toEqual(['EXTERNAL_CAUSE_AS_PRINCIPAL']);
    expect(editsOf(enc({ diagnoses: dx('E11.9', 'E11.9') }))).toEqual(['DUPLICATE_DIAGNOSIS']);
  });
  it('flags age conflicts (newborn, maternity, pediatric) and sex conflicts', () => {
    expect(editsOf(enc({ diagnoses: dx('P07.00') }))).toEqual(['AGE_CONFLICT']);
    expect(editsOf(enc({ patient: { ageYears: 60, sex: 'female' }, diagnoses: dx('O24.410') }))).toEqual([
      'AGE_CONFLICT',
    ]);
    expect(editsOf(enc({ diagnoses: dx('Z00.121') }))).toEqual(['AGE_CONFLICT']);
    expect(editsOf(enc({ diagnoses: dx('N40.0') }))).toEqual(['SEX_CONFLICT']);
    expect(editsOf(enc({ patient: { ageYears: 30, sex: 'male' }, diagnoses: dx('O24.410') }))).toEqual([
      'SEX_CONFLICT',
    ]);
  });
  it('reports an Excludes1 pair once', () => {
    const f = runAllEdits(enc({ diagnoses: dx('E11.9', 'E10.9') }), facts());
    expect(f.map((x) => x.edit)).toEqual(['EXCLUDES1']);
    expect(f[0]!.message).toMatch(/cannot be coded together/);
  });
  it('requires POA on inpatient diagnoses unless exempt', () => {
    const e = enc({
      inpatient: true,
      patient: { ageYears: 5, sex: 'female' },
      diagnoses: [
        { code: 'E11.9', sequence: 1 },
        { code: 'Z00.121', sequence: 2, poa: 'Y' },
      ],
    });
    expect(editsOf(e)).toEqual(['POA_MISSING', 'POA_NOT_APPLICABLE']);
    expect(editsOf(e, facts({ poaExempt: null }))).toEqual(['POA_LIST_NOT_LOADED']);
  });
  it('applies NCCI PTP by modifier indicator and bypass modifiers', () => {
    const px = (mods: string[]) => [
      { system: 'cpt' as const, code: '29880', modifiers: [], units: 1 },
      { system: 'cpt' as const, code: '29870', modifiers: mods, units: 1 },
    ];
    const ptp = (mi: '0' | '1' | '9') =>
      facts({
        systemsNotLoaded: new Set(['cpt']),
        ptp: [
          {
            column1: '29880',
            column2: '29870',
            effectiveDate: '1996-01-01',
            deletionDate: null,
            modifierIndicator: mi,
            rationale: '',
          },
        ],
      });
    const only = (f: EditFacts, mods: string[]) =>
      runAllEdits(enc({ procedures: px(mods) }), f).filter((x) => x.edit === 'NCCI_PTP');
    expect(only(ptp('1'), [])).toHaveLength(1);
    expect(only(ptp('1'), ['XS'])).toHaveLength(0);
    expect(only(ptp('0'), ['59'])[0]!.message).toMatch(/no modifier can bypass/);
    expect(only(ptp('9'), [])).toHaveLength(0);
  });
  it('flags units above the MUE', () => {
    const f = facts({ mue: [{ code: 'J1100', maxUnits: 3, adjudicationIndicator: '3', rationale: '' }] });
    const e = enc({
      procedures: [
        { system: 'hcpcs', code: 'J1100', modifiers: [], units: 2 },
        { system: 'hcpcs', code: 'J1100', modifiers: [], units: 2 },
      ],
    });
    expect(editsOf(e, f)).toEqual(['MUE_EXCEEDED']);
  });
});
