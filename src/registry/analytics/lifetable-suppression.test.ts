import { describe, expect, it } from 'vitest';
import { lifeTable } from './lifetable.ts';
import { suppressLifeTable, unsuppressedRows } from './lifetable-suppression.ts';

/** n cases: `deaths[k]` die and `lost[k]` are withdrawn in year k (months 12k + 6). */
function cohort(deaths: number[], lost: number[]) {
  const months: number[] = [];
  const event: number[] = [];
  deaths.forEach((d, k) => {
    for (let i = 0; i < d; i++) months.push(12 * k + 6), event.push(1);
    for (let i = 0; i < (lost[k] ?? 0); i++) months.push(12 * k + 6), event.push(0);
  });
  return lifeTable(months, event, { intervalMonths: 12 });
}

describe('life-table small-cell suppression', () => {
  it('shows every interval whose counts are 0 or at least 16', () => {
    const t = cohort([40, 30, 20], [20, 0, 16]);
    const s = suppressLifeTable(t);
    expect(s.rows.every((r) => !r.suppressed)).toBe(true);
    expect(s.rows.map((r) => r.died)).toEqual([40, 30, 20]);
    expect(s.rows[1]?.withdrawn).toBe(0);
    expect(s.years[0]?.cumulative).toBe(t.years[0]?.cumulative);
  });

  it('hides a small count, a complementary count, the row statistics and the cumulative curve after it', () => {
    const t = cohort([40, 5, 30, 20], [20, 30, 20, 16]);
    const s = suppressLifeTable(t);
    const [r1, r2, r3] = s.rows;
    expect(r1).toMatchObject({ suppressed: false, died: 40, withdrawn: 20 });
    // Year 2: 5 deaths are small; L2 = D2 + W2 + L3 with L2 published, so a second cell goes too.
    expect(r2).toMatchObject({ suppressed: true, died: null, alive: 121 });
    expect([r2?.withdrawn, s.rows[2]?.alive].filter((v) => v === null)).toHaveLength(1);
    expect([r2?.effective, r2?.survival, r2?.survivalStdErr, r2?.cumulative]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    // CP3 / CP1 would give P2 back: the cumulative values stay hidden from year 2 on.
    expect(r3?.cumulative).toBeNull();
    expect(s.years.map((y) => y.cumulative)).toEqual([t.years[0]?.cumulative, null, null, null]);
  });

  it('hides the tail where fewer than 16 are alive', () => {
    const t = cohort([30, 10], [0, 2]);
    const s = suppressLifeTable(t);
    expect(s.rows[1]).toMatchObject({ alive: null, died: null, withdrawn: null, suppressed: true });
  });

  it('leaves everything for a registrar who asked for small cells', () => {
    const t = cohort([40, 5], [20, 30]);
    expect(unsuppressedRows(t).rows.map((r) => r.died)).toEqual([40, 5]);
  });
});
