import type { LifeTable, LifeTableRow, YearSurvival } from './lifetable.ts';
import { type AdditiveGroup, DEFAULT_THRESHOLD, suppressCells } from './suppression.ts';

/** A life-table row as it leaves the registry: counts and what is built on them may be hidden (null). */
export type SuppressedLifeRow = {
  [K in keyof LifeTableRow]: K extends 'interval' | 'start' | 'end'
    ? LifeTableRow[K]
    : LifeTableRow[K] | null;
} & { suppressed: boolean };

const STATISTICS = [
  'effective',
  'survival',
  'survivalStdErr',
  'expected',
  'relative',
] as const satisfies readonly (keyof LifeTableRow)[];
const CUMULATIVE = [
  'cumulative',
  'cumulativeStdErr',
  'expectedCumulative',
  'relativeCumulative',
  'relativeCumulativeStdErr',
] as const satisfies readonly (keyof LifeTableRow)[];

/**
 * Small-cell suppression of one group's life table (issue 15: counts 1–15 and the rates built on them are
 * suppressed, with complementary suppression; survival.md §10).
 *
 * - Cells are each interval's alive (L), died (D) and withdrawn (W). They add up: L_k = D_k + W_k + L_k+1
 *   (the last row's survivors are not published, so its group has no third member), so one hidden count in a
 *   row hides a second one (the smallest) and it cannot be found by subtraction.
 * - A row with a hidden count hides its interval statistics: L' = L − W/2 would give W back, and
 *   P = 1 − D/L' would give D.
 * - Cumulative survival CP_k = CP_k−1 · P_k: from the first row whose P is hidden on, the cumulative values
 *   (and the 1-, 3-, 5-, 10-year figures read from them) are hidden too, or two neighbours would give P back.
 * @param threshold - counts 1 … threshold − 1 are small (default 16)
 */
export function suppressLifeTable(
  t: LifeTable,
  threshold = DEFAULT_THRESHOLD,
): { rows: SuppressedLifeRow[]; years: YearSurvival[] } {
  const rows = t.rows;
  const values = rows.flatMap((r) => [r.alive, r.died, r.withdrawn]);
  const groups: AdditiveGroup[] = rows.map((_r, k) => ({
    members: k + 1 < rows.length ? [3 * k + 1, 3 * k + 2, 3 * (k + 1)] : [3 * k + 1, 3 * k + 2],
    total: 3 * k,
  }));
  const hidden = suppressCells(values, groups, threshold);
  let cumulativeHidden = false;
  const out = rows.map((r, k): SuppressedLifeRow => {
    const [hAlive, hDied, hWithdrawn] = [hidden[3 * k], hidden[3 * k + 1], hidden[3 * k + 2]];
    const rowHidden = Boolean(hAlive || hDied || hWithdrawn);
    cumulativeHidden ||= rowHidden;
    const s: SuppressedLifeRow = {
      ...r,
      alive: hAlive ? null : r.alive,
      died: hDied ? null : r.died,
      withdrawn: hWithdrawn ? null : r.withdrawn,
      suppressed: rowHidden,
    };
    for (const key of rowHidden ? STATISTICS : []) if (key in r) s[key] = null;
    for (const key of cumulativeHidden ? CUMULATIVE : []) if (key in r) s[key] = null;
    return s;
  });
  const width = rows[0] ? rows[0].end - rows[0].start : 12;
  const years = t.years.map((y): YearSurvival => {
    // `lifeTable` reads year y from the row ending at 12·y months, or past the table from the last row.
    const k = Math.min((12 * y.years) / width, rows.length) - 1;
    const gone = y.cumulative !== null && out[k]?.cumulative == null;
    return gone ? { ...y, cumulative: null, cumulativeStdErr: null, relativeCumulative: null } : y;
  });
  return { rows: out, years };
}

/** The rows as a registrar who asked for small cells sees them (nothing hidden). */
export const unsuppressedRows = (t: LifeTable): { rows: SuppressedLifeRow[]; years: YearSurvival[] } => ({
  rows: t.rows.map((r) => ({ ...r, suppressed: false })),
  years: t.years,
});
