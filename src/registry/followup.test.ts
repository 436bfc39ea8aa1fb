import { describe, expect, it } from 'vitest';
import { dueItem, type FollowupPatient, followupRate, naaccrDate, notFollowedReason } from './followup.ts';

const analytic = {
  classOfCase: '10',
  primarySite: 'C504',
  histologicTypeIcdO3: '8500',
  behaviorCodeIcdO3: '3',
};
const patient = (items: Record<string, string>, tumours: Record<string, string>[]): FollowupPatient => ({
  registryPatientId: 'rp1',
  patientId: null,
  patientIdNumber: '00000001',
  items: { dateOfBirth: '19600101', vitalStatus: '1', ...items },
  tumours: tumours.map((t, i) => ({ id: `t${i}`, items: { ...analytic, ...t } })),
});
const asOf = new Date('2026-03-02T00:00:00Z');

describe('NAACCR dates', () => {
  it('reads full and partial dates at their first day, and refuses other text', () => {
    expect(naaccrDate('20240115')?.toISOString().slice(0, 10)).toBe('2024-01-15');
    expect(naaccrDate('202401')?.toISOString().slice(0, 10)).toBe('2024-01-01');
    expect(naaccrDate('2024')?.toISOString().slice(0, 10)).toBe('2024-01-01');
    expect(naaccrDate('99999999')).toBeNull();
    expect(naaccrDate('')).toBeNull();
  });
});

describe('who is followed (CoC population)', () => {
  it('follows analytic reportable cases and names why others are left out', () => {
    expect(notFollowedReason({ ...analytic, dateOfDiagnosis: '20240115' })).toBeNull();
    expect(notFollowedReason({ ...analytic, classOfCase: '32', dateOfDiagnosis: '20240115' })).toMatch(
      /analytic/,
    );
    expect(notFollowedReason({ ...analytic, behaviorCodeIcdO3: '1', dateOfDiagnosis: '20240115' })).toMatch(
      /benign/,
    );
    expect(
      notFollowedReason({
        ...analytic,
        primarySite: 'C539',
        behaviorCodeIcdO3: '2',
        dateOfDiagnosis: '20240115',
      }),
    ).toMatch(/cervix/);
    expect(
      notFollowedReason({
        ...analytic,
        primarySite: 'C443',
        histologicTypeIcdO3: '8090',
        dateOfDiagnosis: '20240115',
      }),
    ).toMatch(/skin/);
    expect(notFollowedReason({ ...analytic, nextFollowUpSource: '8', dateOfDiagnosis: '20240115' })).toMatch(
      /foreign/,
    );
  });
});

describe('the due list', () => {
  it('is due on the first diagnosis anniversary after the last contact', () => {
    const d = dueItem(patient({ dateOfLastContact: '20250210' }, [{ dateOfDiagnosis: '20240115' }]), asOf);
    expect(d).toMatchObject({
      dueDate: '2026-01-15',
      state: 'due',
      daysOverdue: 46,
      dateOfLastContact: '2025-02-10',
    });
  });

  it('is not due before the anniversary unless within the look-ahead', () => {
    const p = patient({ dateOfLastContact: '20250501' }, [{ dateOfDiagnosis: '20240401' }]);
    expect(dueItem(p, asOf)).toBeNull();
    expect(dueItem(p, asOf, 30)).toMatchObject({
      dueDate: '2026-04-01',
      state: 'upcoming',
      daysOverdue: -30,
    });
  });

  it('marks lost after 15 months with no contact, counting from diagnosis when never contacted', () => {
    expect(dueItem(patient({}, [{ dateOfDiagnosis: '20240115' }]), asOf)).toMatchObject({
      dueDate: '2025-01-15',
      state: 'lost',
      dateOfLastContact: null,
      monthsSinceContact: 25,
    });
  });

  it('leaves out the dead, patients aged 100 or more, and patients with no followed tumour', () => {
    expect(dueItem(patient({ vitalStatus: '0' }, [{ dateOfDiagnosis: '20240115' }]), asOf)).toBeNull();
    expect(dueItem(patient({ dateOfBirth: '19250101' }, [{ dateOfDiagnosis: '20240115' }]), asOf)).toBeNull();
    expect(dueItem(patient({}, [{ dateOfDiagnosis: '20240115', classOfCase: '34' }]), asOf)).toBeNull();
  });

  it('takes the earliest followed diagnosis and keeps 29 February anniversaries in February', () => {
    const d = dueItem(
      patient({ dateOfLastContact: '20250301' }, [
        { dateOfDiagnosis: '20250101' },
        { dateOfDiagnosis: '20240229' },
      ]),
      asOf,
    );
    expect(d?.dueDate).toBe('2026-02-28');
    expect(d?.tumours.map((t) => t.tumourId)).toEqual(['t1', 't0']);
  });
});

describe('CoC follow-up rate', () => {
  it('is (dead + current) / eligible, listing the lost cases, and narrows to the last five years', () => {
    const patients = [
      {
        ...patient({ dateOfLastContact: '20260101' }, [{ dateOfDiagnosis: '20200115' }]),
        patientIdNumber: 'A',
      },
      {
        ...patient({ vitalStatus: '0', dateOfLastContact: '20230101' }, [{ dateOfDiagnosis: '20150115' }]),
        patientIdNumber: 'B',
      },
      {
        ...patient({ dateOfLastContact: '20240101' }, [{ dateOfDiagnosis: '20230115' }]),
        patientIdNumber: 'C',
      },
      { ...patient({}, [{ dateOfDiagnosis: '20230115', classOfCase: '30' }]), patientIdNumber: 'D' },
    ];
    const all = followupRate(patients, asOf);
    expect(all).toMatchObject({ eligible: 3, deadOrAged: 1, current: 1, lost: 1 });
    expect(all.rate).toBeCloseTo(2 / 3);
    expect(all.lostCases).toEqual([
      { tumourId: 't0', patientIdNumber: 'C', dateOfLastContact: '2024-01-01' },
    ]);
    const recent = followupRate(patients, asOf, 2022);
    expect(recent).toMatchObject({ eligible: 1, lost: 1, rate: 0 });
  });
});
