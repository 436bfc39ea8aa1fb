import { describe, expect, it } from 'vitest';
import { analyseSurvival } from './analysis.ts';
import { survivalInputFromCsv } from './survival-input.ts';

const A = [
  [3, 1],
  [5, 1],
  [5, 0],
  [8, 1],
  [12, 1],
  [12, 1],
  [15, 0],
  [20, 1],
  [24, 0],
  [30, 1],
];
const B = [
  [4, 1],
  [9, 0],
  [11, 1],
  [14, 1],
  [18, 0],
  [22, 1],
  [26, 1],
  [33, 0],
  [40, 1],
  [45, 0],
];
const csv = [
  'months,status,arm',
  ...A.map(([t, s]) => `${t},${s},A`),
  ...B.map(([t, s]) => `${t},${s},B`),
].join('\n');

describe('survival from CSV (reference vectors, survival.md §7)', () => {
  it('gives R’s curve, median and log-rank for the worked example', () => {
    const r = analyseSurvival(survivalInputFromCsv(csv, { time: 'months', status: 'status', group: 'arm' }));
    const a = r.groups[0];
    expect(a?.points.filter((p) => p.events > 0).map((p) => Number(p.survival.toFixed(6)))).toEqual([
      0.9, 0.8, 0.685714, 0.457143, 0.304762, 0,
    ]);
    expect(a?.points.find((p) => p.time === 12)?.lower).toBeCloseTo(0.224196, 6);
    expect(a?.points.find((p) => p.time === 30)).toMatchObject({
      survival: 0,
      stdErr: null,
      lower: null,
      upper: null,
    });
    expect([a?.median, a?.medianLower, a?.medianUpper]).toEqual([12, 8, null]);
    expect(r.groups[1]?.median).toBe(26);
    expect(r.logRank?.chiSquare).toBeCloseTo(1.887139, 6);
    expect(r.logRank?.df).toBe(1);
  });

  it('reads the log-log limits and median CI of the worked example', () => {
    const r = analyseSurvival(survivalInputFromCsv(csv, { time: 'months', status: 'status', group: 'arm' }), {
      confType: 'log-log',
    });
    expect(r.groups[0]?.points.find((p) => p.time === 3)?.lower).toBeCloseTo(0.473009, 6);
    expect([r.groups[0]?.medianLower, r.groups[0]?.medianUpper]).toEqual([3, null]);
  });

  it('reads status as Surv() does: 1/2 and TRUE/FALSE', () => {
    const twelve = analyseSurvival(survivalInputFromCsv('t,s\n1,2\n2,1\n3,2', { time: 't', status: 's' }));
    const logical = analyseSurvival(
      survivalInputFromCsv('t,s\n1,TRUE\n2,FALSE\n3,T', { time: 't', status: 's' }),
    );
    expect(twelve.groups[0]?.events).toBe(2);
    expect(logical.groups[0]?.points).toEqual(twelve.groups[0]?.points);
    expect(twelve.logRank).toBeNull();
  });

  it('names the column, row or problem of bad input', () => {
    expect(() => survivalInputFromCsv('t,s\n1,1', { time: 'time', status: 's' })).toThrow(/no column "time"/);
    expect(() => survivalInputFromCsv('t,s\n1,1\n-2,0', { time: 't', status: 's' })).toThrow(
      /Row 3: time "-2"/,
    );
    expect(() => survivalInputFromCsv('t,s\n1,1\nabc,0', { time: 't', status: 's' })).toThrow(
      /Row 3: time "abc"/,
    );
    expect(() => survivalInputFromCsv('t,s\n1,1\n2,7', { time: 't', status: 's' })).toThrow(
      /Row 3: status "7"/,
    );
    expect(() => survivalInputFromCsv('t,s\n1,0\n2,1\n3,2', { time: 't', status: 's' })).toThrow(
      /Row 2: status "0"/,
    );
    expect(() => survivalInputFromCsv('t,s\n,1', { time: 't', status: 's' })).toThrow(/No rows/);
  });

  it('leaves out rows with a missing value, as survfit’s na.omit does', () => {
    const input = survivalInputFromCsv('t,s,g\n1,1,a\n2,1,NA\n3,0,b\n,1,a', {
      time: 't',
      status: 's',
      group: 'g',
    });
    expect(input.omitted).toBe(2);
    expect(input.labels).toEqual(['a', 'b']);
  });
});
