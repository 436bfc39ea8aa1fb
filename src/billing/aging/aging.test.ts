import { describe, expect, it } from 'vitest';
import { rollUpAging } from './aging.ts';

describe('aging roll-up', () => {
  it('sums buckets per payer and over payers, to the cent', () => {
    const r = rollUpAging([
      { payer_name: 'A', bucket: '0-30', n: '2', amount: '10.10' },
      { payer_name: 'A', bucket: '120+', n: '1', amount: '0.20' },
      { payer_name: 'B', bucket: '0-30', n: 1, amount: '0.10' },
    ]);
    expect(r.payers).toEqual([
      {
        payerName: 'A',
        count: 3,
        amount: 10.3,
        buckets: {
          '0-30': { count: 2, amount: 10.1 },
          '31-60': { count: 0, amount: 0 },
          '61-90': { count: 0, amount: 0 },
          '91-120': { count: 0, amount: 0 },
          '120+': { count: 1, amount: 0.2 },
        },
      },
      expect.objectContaining({ payerName: 'B', count: 1, amount: 0.1 }),
    ]);
    expect(r.totals['0-30']).toEqual({ count: 3, amount: 10.2 });
  });

  it('gives every bucket even with no rows', () => {
    expect(rollUpAging([])).toEqual({
      payers: [],
      totals: Object.fromEntries(
        ['0-30', '31-60', '61-90', '91-120', '120+'].map((b) => [b, { count: 0, amount: 0 }]),
      ),
    });
  });
});
