import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MatchRecord, scorePair } from './matching.ts';
import { isNickname } from './nicknames.ts';
import { compareDates, jaro, jaroWinkler, phoneticKey, soundsAlike } from './similarity.ts';

const base: MatchRecord = {
  family: 'Okafor',
  given: 'William',
  birthDate: '1961-04-12',
  sex: 'M',
  phones: ['(555) 201-3344'],
  addressLine: '12 Elm Street',
  postalCode: '02139',
};

describe('Jaro–Winkler', () => {
  it('gives the textbook values', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.944, 3);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
  });
  it('is symmetric, bounded and 1 on equal strings (property)', () => {
    const name = fc.stringMatching(/^[A-Z]{0,12}$/);
    fc.assert(
      fc.property(name, name, (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
        expect(Math.abs(s - jaroWinkler(b, a))).toBeLessThan(1e-12);
        expect(jaroWinkler(a, a)).toBe(1);
      }),
    );
  });
});

describe('phonetics, nicknames and dates', () => {
  it('codes sound-alike surnames alike', () => {
    expect(soundsAlike('Smith', 'Smyth')).toBe(true);
    expect(phoneticKey('Catherine')).toBe(phoneticKey('Kathryn'));
    expect(soundsAlike('Smith', 'Jones')).toBe(false);
  });
  it('knows common nicknames', () => {
    expect(isNickname('Bill', 'william')).toBe(true);
    expect(isNickname('Liz', 'Elizabeth')).toBe(true);
    expect(isNickname('Bob', 'Elizabeth')).toBe(false);
  });
  it('classifies date slips', () => {
    expect(compareDates('1961-04-12', '1961-04-12')).toBe('exact');
    expect(compareDates('1961-04-12', '1961-12-04')).toBe('swapped');
    expect(compareDates('1961-04-12', '1916-04-12')).toBe('transposed');
    expect(compareDates('1961-04-12', '1961-04-13')).toBe('one-digit');
    expect(compareDates('1961-04-12', '1975-09-30')).toBe('none');
  });
});

describe('scorePair', () => {
  it('rates an identical record certain and explains every field', () => {
    const r = scorePair(base, base);
    expect(r.band).toBe('certain');
    expect(r.fields.map((x) => x.field)).toEqual([
      'family',
      'given',
      'middle',
      'birthDate',
      'sex',
      'ssn',
      'address',
      'phone',
      'memberId',
    ]);
    expect(r.fields.find((x) => x.field === 'ssn')?.outcome).toBe('missing');
  });
  it('treats a nickname and a transposed date as partial agreement', () => {
    const r = scorePair(base, { ...base, given: 'Bill', birthDate: '1916-04-12' });
    expect(r.fields.find((x) => x.field === 'given')).toMatchObject({
      outcome: 'partial',
      reason: 'nickname',
    });
    expect(r.fields.find((x) => x.field === 'birthDate')?.reason).toBe('two digits transposed');
    expect(['certain', 'probable']).toContain(r.band);
  });
  it('keeps a different person with the same name but another birth date and SSN out', () => {
    const r = scorePair(
      { ...base, ssnHash: 'a', ssnLast4Hash: 'x' },
      { ...base, birthDate: '1984-11-02', ssnHash: 'b', ssnLast4Hash: 'y', phones: ['5559990000'] },
    );
    expect(r.band).toBe('unlikely');
  });
  it('weighs middle names and insurance member ids', () => {
    const a = { ...base, middle: 'Chidi', memberIds: ['M-0012 3456'] };
    const same = scorePair(a, { ...base, middle: 'C', memberIds: ['m00123456'], phones: [] });
    expect(same.fields.find((x) => x.field === 'middle')?.reason).toBe('same initial');
    expect(same.fields.find((x) => x.field === 'memberId')).toMatchObject({
      outcome: 'agree',
      level: 'same',
    });
    expect(same.fields.find((x) => x.field === 'memberId')!.weight).toBeGreaterThan(5);
    const other = scorePair(a, { ...base, middle: 'Emeka', memberIds: ['M99999999'] });
    expect(other.fields.find((x) => x.field === 'middle')?.outcome).toBe('disagree');
    expect(other.fields.find((x) => x.field === 'memberId')?.outcome).toBe('disagree');
    expect(other.score).toBeLessThan(same.score);
  });
  it('does not rate a namesake born the same day, living elsewhere, certain', () => {
    // The homonym problem: common name, same birth date, different phone, address and insurance.
    const r = scorePair(
      { ...base, family: 'Johnson', given: 'Karen', memberIds: ['M1'] },
      {
        ...base,
        family: 'Johnson',
        given: 'Karen',
        phones: ['5559990000'],
        addressLine: '9 Oak Road',
        postalCode: '01101',
        memberIds: ['M2'],
      },
    );
    expect(r.band).not.toBe('certain');
  });
  it('is symmetric (property)', () => {
    const rec = fc.record({
      family: fc.constantFrom('Okafor', 'Okafer', 'Smith', 'Smyth', 'Nguyen'),
      given: fc.constantFrom('William', 'Bill', 'Liz', 'Elizabeth', 'Ana'),
      birthDate: fc.constantFrom('1961-04-12', '1961-12-04', '1916-04-12', '2001-01-01'),
      sex: fc.constantFrom('F' as const, 'M' as const, 'U' as const),
      phones: fc.constantFrom(['5552013344'], [], ['5550000000']),
    });
    fc.assert(
      fc.property(rec, rec, (a, b) => {
        expect(scorePair(a, b).score).toBe(scorePair(b, a).score);
        expect(scorePair(a, a).score).toBeGreaterThanOrEqual(scorePair(a, b).score);
      }),
    );
  });
});
