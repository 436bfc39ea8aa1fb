import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../test/shared-data.ts';
import { parseDictionary } from './dictionary.ts';
import { hasErrors, runAbstractEdits } from './edits.ts';

const dict = parseDictionary(
  readFileSync(sharedData('naaccr', 'dictionaries', 'naaccr-dictionary-260.xml'), 'utf8'),
);
const icdo3 = { loaded: true, sites: new Set(['C504', 'C619']), morphologies: new Set(['85003', '81403']) };
const patientItems = {
  dateOfBirth: '19610412',
  sexAssignedAtBirth: '2',
  vitalStatus: '1',
  dateOfLastContact: '20260301',
};
const complete = {
  classOfCase: '14',
  dateOfDiagnosis: '20260118',
  dateOf1stContact: '20260120',
  primarySite: 'C504',
  laterality: '2',
  histologicTypeIcdO3: '8500',
  behaviorCodeIcdO3: '3',
  diagnosticConfirmation: '1',
  sequenceNumberHospital: '00',
  summaryStage2018: '1',
  gradeClinical: '2',
  ageAtDiagnosis: '064',
  rxSummSurgPrimSite2023: 'B200',
  rxDateSurgery: '20260210',
  rxSummRadiation: '0',
  rxSummChemo: '00',
  rxSummHormone: '01',
  rxSummBrm: '00',
};
const run = (items: Record<string, string>, p: Record<string, string> = patientItems) =>
  runAbstractEdits({ dict, items, patientItems: p, icdo3, today: '20260302' });
const ids = (items: Record<string, string>, p?: Record<string, string>) =>
  run(items, p).map((f) => `${f.id}:${f.items.map((i) => i.naaccrNum).join(',')}`);

describe('abstract edits', () => {
  it('pass a complete, consistent analytic abstract', () => {
    expect(run(complete)).toEqual([]);
  });

  it('name each failure by edit id and item numbers', () => {
    expect(ids({ ...complete, primarySite: 'C999', histologicTypeIcdO3: '7000' })).toEqual([
      'REG010:400',
      'REG011:522',
    ]);
    expect(ids({ ...complete, primarySite: 'C619', laterality: '0' })).toEqual(['REG060:400,225']);
    expect(ids({ ...complete, laterality: '0' })).toEqual(['REG070:400,410']);
    expect(ids({ ...complete, behaviorCodeIcdO3: '2' })).toEqual(['REG012:522,523', 'REG080:523,764']);
    expect(ids({ ...complete, ageAtDiagnosis: '070' })).toEqual(['REG050:230,240,390']);
    expect(ids({ ...complete, rxDateSurgery: '20251201' })).toEqual(['REG040:390,1200']);
    expect(ids({ ...complete, rxDateSurgery: '20260401' })).toEqual(['REG040:1200,1750', 'REG041:1200']);
    expect(ids({ ...complete, histologicTypeIcdO3: '9510' })).toContain('REG032:400,522');
    expect(ids(complete, { ...patientItems, vitalStatus: '0' })).toEqual(['REG090:1760,1910']);
  });

  it('require the items of the class of case (analytic more than non-analytic)', () => {
    const { rxSummChemo: _c, summaryStage2018: _s, ...missing } = complete;
    expect(ids(missing)).toEqual(['REG100:1390', 'REG100:764']);
    expect(ids({ ...missing, classOfCase: '32' })).toEqual([]);
    const { classOfCase: _k, ...noClass } = complete;
    expect(ids(noClass)).toEqual(['REG100:610']);
    expect(hasErrors(run(noClass))).toBe(true);
  });

  it('check only the format of ICD-O-3 codes when ICD-O-3 is not loaded', () => {
    const r = runAbstractEdits({
      dict,
      items: { ...complete, primarySite: 'C509' },
      patientItems,
      icdo3: { loaded: false, sites: new Set(), morphologies: new Set() },
      today: '20260302',
    });
    expect(r).toEqual([]);
  });
});
