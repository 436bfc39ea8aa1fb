import { describe, expect, it } from 'vitest';
import {
  ageOn,
  CODING_ACTIONS,
  canDo,
  checkCoding,
  draftFor,
  normalised,
  statusAfterSave,
} from './workbench-rules.ts';

const enc = { inpatient: false, from: '2026-02-10', to: '2026-02-10' };

describe('coding status rules', () => {
  it('lets a final encounter only be reopened, and an on-hold one not be finalized', () => {
    expect(CODING_ACTIONS.final).toEqual(['reopen']);
    expect(canDo('on_hold', 'finalize')).toBe(false);
    expect(canDo('coded', 'finalize')).toBe(true);
    expect(canDo('uncoded', 'finalize')).toBe(false);
  });
  it('makes an encounter coded once it has a diagnosis, and keeps a hold', () => {
    const input = { diagnoses: [{ code: 'I10', sequence: 1 }], procedures: [], drugs: [] };
    expect(statusAfterSave('uncoded', input)).toBe('coded');
    expect(statusAfterSave('coded', { ...input, diagnoses: [] })).toBe('uncoded');
    expect(statusAfterSave('on_hold', input)).toBe('on_hold');
  });
});

describe('checkCoding', () => {
  it('accepts a well-formed outpatient encounter', () => {
    const issues = checkCoding(
      {
        diagnoses: [
          { code: 'E11.9', sequence: 2 },
          { code: 'I10', sequence: 1 },
        ],
        procedures: [{ system: 'cpt', code: '99213', modifiers: ['25'], units: 1, date: '2026-02-10' }],
        drugs: [{ code: 'j1100', units: 4 }],
      },
      enc,
    );
    expect(issues).toEqual([]);
  });
  it('lists every fault: sequence gaps, PCS on an outpatient visit, dates outside the stay, non-J drugs', () => {
    const issues = checkCoding(
      {
        diagnoses: [
          { code: 'I10', sequence: 1 },
          { code: 'E119', sequence: 1 },
        ],
        procedures: [{ system: 'icd10pcs', code: '0DTJ4ZZ', modifiers: [], units: 1, date: '2026-02-11' }],
        drugs: [{ code: 'Q4081', units: 1, date: '2026-02-01' }],
      },
      enc,
    );
    expect(issues.map((i) => i.field)).toEqual([
      'diagnoses',
      'procedures.0.system',
      'procedures.0.date',
      'drugs.0.code',
      'drugs.0.date',
    ]);
  });
});

describe('draftFor and normalised', () => {
  it('sends drugs to the edits as HCPCS lines and normalises codes', () => {
    const input = normalised({
      diagnoses: [
        { code: 'i10', sequence: 2 },
        { code: 'e11.9', sequence: 1, poa: 'Y' },
      ],
      procedures: [{ system: 'cpt', code: '99213', modifiers: ['xs'], units: 1 }],
      drugs: [{ code: 'J1100', units: 4 }],
    });
    expect(input.diagnoses.map((d) => d.code)).toEqual(['E119', 'I10']);
    expect(input.procedures[0]?.modifiers).toEqual(['XS']);
    const draft = draftFor(input, { inpatient: false, dateOfService: '2026-02-10', ageYears: 40, sex: 'F' });
    expect(draft.patient).toEqual({ ageYears: 40, sex: 'female' });
    expect(draft.procedures.at(-1)).toMatchObject({ system: 'hcpcs', code: 'J1100', units: 4 });
  });
  it('computes age in whole years on the date of service', () => {
    expect(ageOn('1960-05-01', '2026-04-30')).toBe(65);
    expect(ageOn('1960-05-01', '2026-05-01')).toBe(66);
    expect(ageOn('2026-01-01', '2026-02-10')).toBe(0);
  });
});
