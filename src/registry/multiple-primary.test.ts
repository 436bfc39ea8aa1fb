import { describe, expect, it } from 'vitest';
import { dateRange, decidePrimary, type MpTumour } from './multiple-primary.ts';

const breast = (id: string, over: Partial<MpTumour> = {}): MpTumour => ({
  id,
  primarySite: 'C504',
  histologicTypeIcdO3: '8500',
  behaviorCodeIcdO3: '3',
  laterality: '2',
  dateOfDiagnosis: '20240115',
  ...over,
});

describe('multiple-primary rules MP00–MP09', () => {
  it('MP00: a tumour without site, histology, behaviour or date is undetermined, naming what is missing', () => {
    const d = decidePrimary({ id: 'a', primarySite: 'C504' }, [breast('b')]);
    expect(d.rule).toBe('MP00');
    expect(d.decision).toBe('undetermined');
    expect(d.reason).toContain('histology (#522)');
    expect(d.reason).toContain('date of diagnosis (#390)');
  });

  it('MP00: another tumour without the items makes that comparison undetermined', () => {
    const d = decidePrimary(breast('a'), [{ id: 'b', primarySite: 'C504' }]);
    expect(d).toMatchObject({ rule: 'MP00', decision: 'undetermined', sameAs: null });
    expect(d.comparisons[0]?.tumourId).toBe('b');
  });

  it('MP01: the only tumour of a patient is a first primary (itself in the list is ignored)', () => {
    const d = decidePrimary(breast('a'), [breast('a')]);
    expect(d).toMatchObject({ rule: 'MP01', decision: 'new_primary', sameAs: null, comparisons: [] });
  });

  it('MP02: a solid tumour and a lymphoma are separate primaries', () => {
    const d = decidePrimary(breast('a'), [breast('b', { histologicTypeIcdO3: '9680', primarySite: 'C779' })]);
    expect(d).toMatchObject({ rule: 'MP02', decision: 'new_primary' });
  });

  it('MP03: two haematopoietic neoplasms go to the registrar (Heme DB), not the solid tumour rules', () => {
    const heme = { primarySite: 'C421', histologicTypeIcdO3: '9863', laterality: '0' };
    const d = decidePrimary(breast('a', heme), [breast('b', { ...heme, histologicTypeIcdO3: '9875' })]);
    expect(d).toMatchObject({ rule: 'MP03', decision: 'review', sameAs: null });
  });

  it('MP04: sites differing in the first three characters (colon C18 and rectum C20) are separate', () => {
    const colon = { histologicTypeIcdO3: '8140', laterality: '0' };
    const d = decidePrimary(breast('a', { ...colon, primarySite: 'C187' }), [
      breast('b', { ...colon, primarySite: 'C209' }),
    ]);
    expect(d.rule).toBe('MP04');
    expect(d.decision).toBe('new_primary');
    expect(d.reason).toContain('C18 and C20');
  });

  it('MP05: left and right breast are separate primaries; an unknown side is not', () => {
    expect(decidePrimary(breast('a', { laterality: '1' }), [breast('b')]).rule).toBe('MP05');
    expect(decidePrimary(breast('a', { laterality: '9' }), [breast('b')]).rule).toBe('MP09');
  });

  it('MP06: invasive more than 60 days after in situ of the same site is a subsequent primary', () => {
    const insitu = breast('b', { behaviorCodeIcdO3: '2', histologicTypeIcdO3: '8500' });
    const later = decidePrimary(breast('a', { dateOfDiagnosis: '20240501' }), [insitu]);
    expect(later).toMatchObject({ rule: 'MP06', decision: 'new_primary' });
    // Within 60 days it is the same tumour (the in situ component of one primary).
    const soon = decidePrimary(breast('a', { dateOfDiagnosis: '20240220' }), [insitu]);
    expect(soon).toMatchObject({ rule: 'MP09', decision: 'same_primary', sameAs: 'b' });
    // In situ after invasive is not a new primary by MP06.
    const reverse = decidePrimary(breast('a', { behaviorCodeIcdO3: '2', dateOfDiagnosis: '20240501' }), [
      breast('b'),
    ]);
    expect(reverse.rule).toBe('MP09');
  });

  it('MP07: same site and histology beyond the site timing window (breast 5 years) is a new primary', () => {
    const d = decidePrimary(breast('a', { dateOfDiagnosis: '20300201' }), [breast('b')]);
    expect(d).toMatchObject({ rule: 'MP07', decision: 'new_primary' });
    expect(d.reason).toContain('5 year(s)');
    // Colon uses a one-year window.
    const colon = { primarySite: 'C182', histologicTypeIcdO3: '8140', laterality: '0' };
    expect(
      decidePrimary(breast('a', { ...colon, dateOfDiagnosis: '20250601' }), [breast('b', colon)]).rule,
    ).toBe('MP07');
  });

  it('MP07: partial dates only give a new primary when even the smallest possible gap exceeds the window', () => {
    const colon = { primarySite: 'C182', histologicTypeIcdO3: '8140', laterality: '0' };
    // 2024 (any day) and 2025 (any day) may be a day apart: not certain, so the same primary.
    const d = decidePrimary(breast('a', { ...colon, dateOfDiagnosis: '2025' }), [
      breast('b', { ...colon, dateOfDiagnosis: '2024' }),
    ]);
    expect(d.rule).toBe('MP09');
  });

  it('MP08: histologies differing in the first three digits are separate primaries', () => {
    const d = decidePrimary(breast('a', { histologicTypeIcdO3: '8520' }), [breast('b')]);
    expect(d).toMatchObject({ rule: 'MP08', decision: 'new_primary' });
    expect(d.reason).toContain('8520 and 8500');
  });

  it('MP09: same site, histology and side within the window is one primary, naming the earliest match', () => {
    const d = decidePrimary(breast('a', { dateOfDiagnosis: '20240610', histologicTypeIcdO3: '8501' }), [
      breast('c', {
        primarySite: 'C187',
        histologicTypeIcdO3: '8140',
        laterality: '0',
        dateOfDiagnosis: '20240301',
      }),
      breast('b', { dateOfDiagnosis: '20240115' }),
    ]);
    expect(d).toMatchObject({ rule: 'MP09', decision: 'same_primary', sameAs: 'b' });
    expect(d.comparisons.map((c) => `${c.tumourId}:${c.rule}`)).toEqual(['b:MP09', 'c:MP04']);
  });

  it('reads NAACCR partial dates as ranges', () => {
    expect(dateRange('2024')).toEqual({ from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 11, 31) });
    expect(dateRange('202402')).toEqual({ from: Date.UTC(2024, 1, 1), to: Date.UTC(2024, 1, 29) });
    expect(dateRange('24')).toBeNull();
  });
});
