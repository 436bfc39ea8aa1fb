import { describe, expect, it } from 'vitest';
import { chartStatusOf } from './chart-status.service.ts';
import { delinquencyCsv, delinquencyLines } from './delinquency.ts';

const now = new Date('2026-03-10T00:00:00Z');
const d = (iso: string) => new Date(iso);

describe('delinquency report lines', () => {
  it('counts past-due deficiencies, delinquent charts, average days open and the rate per key', () => {
    const lines = delinquencyLines(
      [
        {
          encounterId: 'e1',
          key: 'dr-a',
          dueAt: d('2026-03-01T00:00:00Z'),
          openedAt: d('2026-03-01T00:00:00Z'),
        },
        {
          encounterId: 'e1',
          key: 'dr-a',
          dueAt: d('2026-03-02T00:00:00Z'),
          openedAt: d('2026-03-05T00:00:00Z'),
        },
        {
          encounterId: 'e2',
          key: 'dr-a',
          dueAt: d('2026-04-01T00:00:00Z'),
          openedAt: d('2026-03-09T00:00:00Z'),
        },
      ],
      new Map([
        ['dr-a', 4],
        ['dr-b', 2],
      ]),
      new Map([['dr-a', 'Synthetic, Alex']]),
      now,
    );
    expect(lines[0]).toEqual({
      key: 'dr-a',
      label: 'Synthetic, Alex',
      openDeficiencies: 3,
      delinquentDeficiencies: 2,
      averageDaysOpen: 5,
      delinquentCharts: 1,
      discharges: 4,
      delinquencyRate: 0.25,
    });
    expect(lines[1]).toMatchObject({ key: 'dr-b', delinquentCharts: 0, delinquencyRate: 0 });
  });

  it('writes CSV with quoting and neutralises spreadsheet formulas', () => {
    const line = {
      key: 'x',
      label: '=HYPERLINK("x")',
      openDeficiencies: 1,
      delinquentDeficiencies: 1,
      averageDaysOpen: 2.5,
      delinquentCharts: 1,
      discharges: 2,
      delinquencyRate: 0.5,
    };
    const csv = delinquencyCsv({ byClinician: [line], byService: [{ ...line, label: 'Medicine, general' }] });
    const rows = csv.trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toBe(`clinician,"'=HYPERLINK(""x"")",1,1,2.5,1,2,0.5`);
    expect(rows[2]).toBe('service,"Medicine, general",1,1,2.5,1,2,0.5');
  });
});

describe('chart status', () => {
  it('is incomplete → complete → coded → final, and open queries hold it from final', () => {
    expect(chartStatusOf(1, 0, true)).toBe('incomplete');
    expect(chartStatusOf(0, 1, false)).toBe('complete');
    expect(chartStatusOf(0, 1, true)).toBe('coded');
    expect(chartStatusOf(0, 0, true)).toBe('final');
  });
});
