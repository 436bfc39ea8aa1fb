import { describe, expect, it } from 'vitest';
import { searchsetBundle } from './bundle.ts';
import { encounterCriteria, entryCriteria } from './clinical-search.ts';
import { patientCriteria } from './patient-search.ts';
import { parseDate, parsePaging, parseQuantity, parseTokens, referenceId } from './search-params.ts';

const P = '22222222-2222-4222-8222-222222222222';

describe('FHIR search parameters', () => {
  it('turns date prefixes and partial dates into half-open ranges', () => {
    expect(parseDate('date', '2024')).toEqual({
      from: '2024-01-01T00:00:00.000Z',
      to: '2025-01-01T00:00:00.000Z',
    });
    expect(parseDate('date', '2024-02')).toEqual({
      from: '2024-02-01T00:00:00.000Z',
      to: '2024-03-01T00:00:00.000Z',
    });
    expect(parseDate('date', 'ge2024-02-28')).toEqual({ from: '2024-02-28T00:00:00.000Z' });
    expect(parseDate('date', 'gt2024-02-28')).toEqual({ from: '2024-02-29T00:00:00.000Z' });
    expect(parseDate('date', 'lt2024')).toEqual({ to: '2024-01-01T00:00:00.000Z' });
    expect(parseDate('date', 'le2024-12-31')).toEqual({ to: '2025-01-01T00:00:00.000Z' });
    expect(() => parseDate('birthdate', 'yesterday')).toThrow(/birthdate/);
  });

  it('parses tokens, references and quantities', () => {
    expect(parseTokens('http://loinc.org|2345-7,|X,Y')).toEqual([
      { system: 'http://loinc.org', code: '2345-7' },
      { code: 'X' },
      { code: 'Y' },
    ]);
    expect(referenceId('patient', `https://ck.example/fhir/Patient/${P}`, 'Patient')).toBe(P);
    expect(referenceId('patient', P, 'Patient')).toBe(P);
    expect(() => referenceId('patient', 'Group/1/x', 'Patient')).toThrow();
    expect(parseQuantity('value-quantity', 'ge5.4|http://unitsofmeasure.org|mg')).toEqual({
      op: '>=',
      value: 5.4,
    });
    expect(() => parseQuantity('value-quantity', 'lots')).toThrow(/value-quantity/);
  });

  it('caps _count, checks _sort against the type’s dates and understands _summary=count', () => {
    expect(parsePaging({ _count: '500' }, []).count).toBe(100);
    expect(parsePaging({ _sort: '-birthdate' }, ['birthdate']).sort).toEqual({
      param: 'birthdate',
      desc: true,
    });
    expect(() => parsePaging({ _sort: 'name' }, ['birthdate'])).toThrow(/_sort/);
    expect(parsePaging({ _summary: 'count' }, []).summaryCount).toBe(true);
    expect(() => parsePaging({ _count: '-1' }, [])).toThrow(/_count/);
  });

  it('maps Patient parameters to criteria (MRN system, gender, phone digits)', () => {
    const c = patientCriteria({
      identifier: 'urn:chartkeeper:mrn|CK1',
      gender: 'female,unknown',
      phone: '(617) 555-0101',
    });
    expect(c.identifiers).toEqual([{ mrn: true, value: 'CK1' }]);
    expect(c.sex).toEqual(['F', 'U']);
    expect(c.phoneDigits).toEqual(['6175550101']);
    expect(() => patientCriteria({ gender: 'f' })).toThrow(/gender/);
  });

  it('maps chart parameters to entry and encounter criteria', () => {
    const cond = entryCriteria('Condition', {
      patient: `Patient/${P}`,
      'clinical-status': 'resolved',
      code: 'e11.9',
    }).criteria;
    expect(cond.kinds).toEqual(['problem']);
    expect(cond.equals?.[0]).toEqual({ keys: ['code', 'provisionalCode'], values: ['E11.9'] });
    const obs = entryCriteria('Observation', { patient: P, category: 'vital-signs' }).criteria;
    expect(obs.kinds).toEqual([]);
    const med = entryCriteria('MedicationStatement', { patient: P, status: 'entered-in-error' }).criteria;
    expect(med.enteredInError).toBe(true);
    expect(encounterCriteria({ patient: P, status: 'cancelled', class: 'IMP' })).toMatchObject({
      statuses: ['cancelled', 'no_show'],
      classes: ['inpatient'],
      enteredInError: false,
    });
  });

  it('builds searchset bundles with self, previous and next links', () => {
    const b = searchsetBundle({
      base: 'http://x/fhir',
      path: 'Patient',
      query: { family: 'smith' },
      matches: [],
      total: 45,
      count: 20,
      offset: 20,
    });
    const rel = Object.fromEntries((b.link ?? []).map((l) => [l.relation, l.url]));
    expect(rel.self).toBe('http://x/fhir/Patient?family=smith&_count=20&_offset=20');
    expect(rel.previous).toContain('_offset=0');
    expect(rel.next).toContain('_offset=40');
    expect(
      searchsetBundle({
        base: 'b',
        path: 'P',
        query: {},
        matches: [],
        total: 3,
        count: 20,
        offset: 0,
      }).link?.map((l) => l.relation),
    ).toEqual(['self', 'first']);
  });
});
