import { describe, expect, it } from 'vitest';
import { scorePair } from './matching.ts';
import { generatePatients } from './synthetic.ts';
import { isCalendarDate } from './validation.ts';

describe('synthetic patients', () => {
  it('is deterministic for a seed and plants duplicates with their truth', () => {
    const a = [...generatePatients(7, 500, 0.1)];
    const b = [...generatePatients(7, 500, 0.1)];
    expect(a).toEqual(b);
    const dups = a.filter((p) => p.duplicateOf !== null);
    expect(dups.length).toBeGreaterThan(20);
    expect(dups.every((d) => d.slips.length > 0)).toBe(true);
    expect(a.every((p) => isCalendarDate(p.birthDate))).toBe(true);
    // Synthetic SSNs use the never-issued 9xx area.
    expect(a.every((p) => p.ssn === null || p.ssn.startsWith('9'))).toBe(true);
  });
  it('plants duplicates that matching mostly recognises', () => {
    const all = [...generatePatients(3, 2000, 0.1)];
    const byKey = new Map(all.map((p) => [p.key, p]));
    const rec = (p: (typeof all)[number]) => ({
      family: p.family,
      given: p.given,
      birthDate: p.birthDate,
      sex: p.sex,
      ssnHash: p.ssn,
      ssnLast4Hash: p.ssn?.slice(-4) ?? null,
      phones: p.phone ? [p.phone] : [],
      addressLine: p.address?.line1 ?? null,
      postalCode: p.address?.postalCode ?? null,
    });
    const dups = all.filter((p) => p.duplicateOf !== null);
    const found = dups.filter((d) => scorePair(rec(d), rec(byKey.get(d.duplicateOf!)!)).band !== 'unlikely');
    expect(found.length / dups.length).toBeGreaterThan(0.9);
  });
});
