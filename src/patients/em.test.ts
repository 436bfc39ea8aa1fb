import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockedPairs, trainModel } from './em.ts';
import { evaluate, generateEvaluationSet } from './evaluation.ts';
import { frequencyAdjustment, levelWeight, type MatchRecord, PRIOR_MODEL, scorePair } from './matching.ts';

const set = generateEvaluationSet(11, 1500);
const model = trainModel(set.records, { now: new Date('2026-12-07T00:00:00Z'), randomPairs: 50_000 });

describe('EM estimation of m/u', () => {
  it('is deterministic, dated, converges, and learns agreement up and disagreement down', {
    timeout: 60_000,
  }, () => {
    expect(model.trainedAt).toBe('2026-12-07T00:00:00.000Z');
    expect(model.converged).toBe(true);
    expect(model.pairs).toBeGreaterThan(1000);
    expect(trainModel(set.records, { now: new Date('2026-12-07T00:00:00Z'), randomPairs: 50_000 })).toEqual(
      model,
    );
    for (const f of ['family', 'given', 'birthDate', 'ssn', 'phone'] as const) {
      const agree = f === 'family' || f === 'given' || f === 'birthDate' ? 'exact' : 'same';
      expect(levelWeight(model, f, agree)).toBeGreaterThan(3);
      expect(levelWeight(model, f, 'different')).toBeLessThan(0);
    }
    expect(levelWeight(model, 'ssn', 'missing')).toBe(0);
  });
  it('weighs a common surname less than a rare one (value frequency)', () => {
    expect(frequencyAdjustment(model, 'family', 'SMITH')).toBeLessThan(0);
    expect(frequencyAdjustment(model, 'family', 'PRZYBYLSKI')).toBeGreaterThan(0);
    // The prior knows no frequencies and adjusts nothing.
    expect(frequencyAdjustment(PRIOR_MODEL, 'family', 'SMITH')).toBe(0);
  });
  it('OR-blocks: a swapped birth date still meets its original under the surname', () => {
    const a: MatchRecord = { family: 'Okafor', given: 'Ada', birthDate: '1961-04-12', sex: 'F' };
    const b: MatchRecord = { family: 'Okafor', given: 'Zed', birthDate: '1961-12-04', sex: 'F' };
    expect(blockedPairs([a, b])).toEqual([[0, 1]]);
  });
  it('meets the aims on a generated set: recall ≥ 0.97, look-alikes certain ≤ 0.5 %, no wrong-person certain', () => {
    const e = evaluate(set, (a, b) => scorePair(a, b, undefined, model));
    expect(e.recallCertainOrProbable).toBeGreaterThanOrEqual(0.97);
    expect(e.lookAlikeCertainRate).toBeLessThanOrEqual(0.005);
    expect(e.wrongPersonCertain).toBe(0);
  });
});

const base: MatchRecord = {
  family: 'Okafor',
  given: 'William',
  middle: 'Chidi',
  birthDate: '1961-04-12',
  sex: 'M',
  ssnHash: 'h-1',
  ssnLast4Hash: 'l-1',
  phones: ['5552013344'],
  addressLine: '12 Elm Street',
  postalCode: '02139',
  memberIds: ['M1'],
};

describe('disagreement that counts', () => {
  it('never grades a pair whose SSNs differ certain, whatever the other fields say (property)', () => {
    const field = fc.record({
      family: fc.constantFrom('Okafor', 'Okafer', 'Smith'),
      given: fc.constantFrom('William', 'Bill', 'Ann'),
      birthDate: fc.constantFrom('1961-04-12', '1961-12-04', '1916-04-12'),
      phones: fc.constantFrom(['5552013344'], []),
      memberIds: fc.constantFrom(['M1'], []),
      ssnHash: fc.constantFrom('h-2', 'h-3'),
      ssnLast4Hash: fc.constantFrom('l-1', 'l-2'),
    });
    fc.assert(
      fc.property(field, fc.boolean(), (over, trained) => {
        const r = scorePair(base, { ...base, ...over }, undefined, trained ? model : PRIOR_MODEL);
        expect(r.band).not.toBe('certain');
        expect(r.cautions.map((c) => c.code)).toContain('ssn-differs');
      }),
    );
    // The same record with the same SSN is certain.
    expect(scorePair(base, base, undefined, model).band).toBe('certain');
  });
  it('sends twins, juniors/seniors and a differing sex to review with the reason', () => {
    const noSsn = { ...base, ssnHash: null, ssnLast4Hash: null };
    const twin = scorePair(noSsn, { ...noSsn, given: 'Thomas', middle: null }, undefined, model);
    expect(twin.band).not.toBe('certain');
    expect(twin.cautions.map((c) => c.code)).toContain('possible-twin');
    const junior = scorePair(noSsn, { ...noSsn, birthDate: '1989-07-30' }, undefined, model);
    expect(junior.band).not.toBe('certain');
    expect(junior.cautions.map((c) => c.code)).toContain('generation');
    const suffixed = scorePair({ ...noSsn, suffix: 'Sr' }, { ...noSsn, suffix: 'Jr.' }, undefined, model);
    expect(suffixed.band).not.toBe('certain');
    expect(suffixed.cautions[0]?.reason).toMatch(/JR/);
    const sex = scorePair(noSsn, { ...noSsn, sex: 'F' }, undefined, model);
    expect(sex.band).not.toBe('certain');
    expect(sex.cautions.map((c) => c.code)).toContain('sex-differs');
  });
});
