import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data.ts';
import { checkBalance, parse835 } from '../remit/x835.ts';
import { answer837, read837 } from './payer-835.ts';

const sample = (...p: string[]) => readFileSync(sharedData('x12', ...p), 'utf8');
const p837 = sample('linuxforhealth-x12', '837_005010X222A2', 'demo.example8.837');
const i837 = sample('linuxforhealth-x12', '837_005010X223A3', 'two-claims-single-provider.837i');
const at = { trace: 'EFT000123', date: new Date('2026-03-01T12:00:00Z'), controlNumber: 42 };

describe('simulated payer 835', () => {
  it('reads the claims and lines of a professional and an institutional 837', () => {
    const p = read837(p837);
    expect(p.claims.length).toBeGreaterThan(0);
    expect(p.claims.every((c) => c.lines.length > 0)).toBe(true);
    const i = read837(i837);
    expect(i.claims).toHaveLength(2);
    for (const c of [...p.claims, ...i.claims])
      expect(c.lines.reduce((a, l) => a + l.charge, 0)).toBe(c.charge);
  });

  it('answers an 837 with an 835 that our reader parses and that balances, denials included', () => {
    const sent = read837(i837);
    const denied = sent.claims[0]?.pcn ?? '';
    const text = answer837(i837, { ...at, deny: (pcn) => pcn === denied }) ?? '';
    const [r, more] = parse835(text);
    expect(more).toBeUndefined();
    if (!r) throw new Error('no 835 transaction');
    expect(() => checkBalance(r)).not.toThrow();
    expect(r.claims.map((c) => c.patientControlNumber)).toEqual(sent.claims.map((c) => c.pcn));
    const d = r.claims.find((c) => c.patientControlNumber === denied);
    expect(d).toMatchObject({ status: '4', paid: 0 });
    const paid = r.claims.find((c) => c.patientControlNumber !== denied);
    expect(paid?.paid).toBe(sent.claims[1]?.lines.reduce((a, l) => a + Math.round(l.charge * 0.7), 0));
    expect(paid?.paid).toBeGreaterThan(0);
  });

  it('leaves out the claims it skips, and answers nothing when it skips them all', () => {
    const sent = read837(p837);
    const first = sent.claims[0]?.pcn;
    const text = answer837(p837, { ...at, skip: (pcn) => pcn !== first });
    expect(parse835(text ?? '')[0]?.claims.map((c) => c.patientControlNumber)).toEqual([first]);
    expect(answer837(p837, { ...at, skip: () => true })).toBeNull();
  });
});
