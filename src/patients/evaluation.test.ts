import { describe, expect, it } from 'vitest';
import { evaluate, generateEvaluationSet } from './evaluation.ts';
import { scorePair } from './matching.ts';

describe('matching evaluation set', () => {
  it('is seeded, labelled, and plants every look-alike kind with its own SSN', () => {
    const a = generateEvaluationSet(5, 400);
    expect(generateEvaluationSet(5, 400)).toEqual(a);
    const dups = a.pairs.filter((p) => p.duplicate);
    const looks = a.pairs.filter((p) => !p.duplicate);
    expect(dups).toHaveLength(400);
    expect(dups.every((p) => p.a.person === p.b.person && p.kind.length > 0)).toBe(true);
    expect(looks.every((p) => p.a.person !== p.b.person)).toBe(true);
    const kinds = new Set(looks.map((p) => p.kind));
    for (const k of ['twin', 'junior-senior', 'sibling', 'spouse', 'common-name'])
      expect(kinds.has(k)).toBe(true);
    // Two people never share an SSN.
    expect(looks.every((p) => !p.a.ssn || !p.b.ssn || p.a.ssn !== p.b.ssn)).toBe(true);
    const twins = looks.filter((p) => p.kind === 'twin');
    expect(twins.every((p) => p.a.birthDate === p.b.birthDate && p.a.family === p.b.family)).toBe(true);
    expect(twins.every((p) => p.a.given !== p.b.given)).toBe(true);
    const slips = new Set(dups.flatMap((p) => p.kind.split('+')));
    for (const s of [
      'nickname',
      'swapped-day-month',
      'year-digit-swap',
      'married-name',
      'no-ssn',
      'no-middle',
    ])
      expect(slips.has(s)).toBe(true);
  });
  it('reports recall per band, look-alike rates and a monotone curve', () => {
    const e = evaluate(generateEvaluationSet(9, 300), (a, b) => scorePair(a, b));
    expect(e.duplicates).toBe(300);
    expect(e.recallCertainOrProbable).toBeGreaterThanOrEqual(e.recallCertain);
    const recalls = e.curve.map((c) => c.recall);
    expect(recalls.every((r, i) => i === 0 || r <= recalls[i - 1]!)).toBe(true);
    const sum = Object.values(e.duplicateBands).reduce((s, n) => s + n, 0);
    expect(sum).toBe(300);
  });
});
