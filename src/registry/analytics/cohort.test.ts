import { describe, expect, it } from 'vitest';
import type { TumourForAnalysis } from '../index.ts';
import { inCohort, survivalCohort } from './cohort.ts';

const tumour = (id: string, over: Partial<TumourForAnalysis>): TumourForAnalysis => ({
  tumourId: id,
  patientId: null,
  registryPatientId: `rp-${id}`,
  dateOfDiagnosis: '20200115',
  dateOfBirth: '19500101',
  dateOfLastContact: '20210115',
  vitalStatus: '0',
  causeOfDeath: null,
  sex: '2',
  ageAtDiagnosis: 70,
  primarySite: 'C509',
  histology: '8500',
  behavior: '3',
  grade: null,
  laterality: null,
  summaryStage2018: '1',
  classOfCase: '00',
  sequenceNumber: '00',
  status: 'complete',
  ...over,
});

describe('survivalCohort', () => {
  it('times valid cases in days and months and lists every other case with its reason', () => {
    const list = [
      tumour('a', {}),
      tumour('leap', { dateOfDiagnosis: '20240229', dateOfLastContact: '20240301', vitalStatus: '1' }),
      tumour('feb30', { dateOfDiagnosis: '20230230' }),
      tumour('month13', { dateOfLastContact: '20211301' }),
      tumour('partial', { dateOfDiagnosis: '2020' }),
      tumour('blank', { dateOfLastContact: null }),
      tumour('before', { dateOfLastContact: '20191231' }),
      tumour('vital', { vitalStatus: '9' }),
      tumour('dco', { classOfCase: '49' }),
      tumour('zero', { dateOfLastContact: '20200115', vitalStatus: '1' }),
    ];
    const days = survivalCohort(list, {}, undefined, 'days');
    expect(Array.from(days.input.time)).toEqual([366, 1]);
    expect(Array.from(days.input.event)).toEqual([1, 0]);
    expect(days.year).toEqual([2020, 2024]);
    expect(days.excluded).toEqual([
      { tumourId: 'feb30', reason: 'date of diagnosis is not a calendar date (20230230)' },
      { tumourId: 'month13', reason: 'date of last contact is not a calendar date (20211301)' },
      { tumourId: 'partial', reason: 'date of diagnosis incomplete (2020)' },
      { tumourId: 'blank', reason: 'no date of last contact' },
      { tumourId: 'before', reason: 'date of last contact before the date of diagnosis' },
      { tumourId: 'vital', reason: 'vital status unknown (9)' },
      { tumourId: 'dco', reason: 'death certificate only (class of case 49)' },
      { tumourId: 'zero', reason: 'alive with zero survival time' },
    ]);
    const months = survivalCohort(list, {}, undefined, 'months');
    expect(months.input.time[0]).toBe(366 / 30.4375);
  });

  it('filters by histology, site group, stage, sex, years and age', () => {
    const t = tumour('a', {});
    expect(inCohort(t, { histologies: ['8500'] })).toBe(true);
    expect(inCohort(t, { histologies: ['8140'] })).toBe(false);
    expect(inCohort(t, { siteGroups: ['Breast'], stages: ['1'], sex: ['2'] })).toBe(true);
    expect(inCohort(t, { diagnosisYears: { from: 2021 } })).toBe(false);
    expect(inCohort(t, { ageRange: { min: 60, max: 70 } })).toBe(true);
    expect(inCohort(tumour('b', { ageAtDiagnosis: null }), { ageRange: { min: 60 } })).toBe(false);
  });
});
