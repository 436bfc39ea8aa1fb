/**
 * Small-cell suppression (issue 15; survival.md §10): counts from 1 to threshold − 1 (default 16, the U.S.
 * Cancer Statistics rule: 1–15 suppressed, 0 shown) are hidden, and complementary suppression hides further
 * cells so that no hidden cell can be recovered from the published ones.
 */
export const DEFAULT_THRESHOLD = 16;

/**
 * Cells whose values add up to another published cell (`total`, or null when the sum is not published).
 * `min` is how many of the cells (members and total together) must be hidden once any is: 2 stops
 * subtraction; 3 also stops solving with a second published equation over the same cells (an age-adjusted
 * rate is one: Σ wᵢcᵢ/Pᵢ with known weights and populations).
 */
export interface AdditiveGroup {
  members: number[];
  total: number | null;
  min?: number;
}

/** True when a count must be hidden on its own (1 … threshold − 1). */
export const isSmall = (count: number, threshold = DEFAULT_THRESHOLD) => count >= 1 && count < threshold;

/**
 * Which cells to hide: the small cells, then, until nothing changes, in every group with some but fewer
 * than `min` hidden cells, the smallest visible cell (non-zero preferred, the total last).
 */
export function suppressCells(
  values: readonly number[],
  groups: readonly AdditiveGroup[],
  threshold = DEFAULT_THRESHOLD,
): boolean[] {
  const hidden = values.map((v) => isSmall(v, threshold));
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      const cells = g.total === null ? g.members : [...g.members, g.total];
      const min = Math.min(g.min ?? 2, cells.length);
      let count = cells.filter((c) => hidden[c]).length;
      while (count > 0 && count < min) {
        const visible = g.members.filter((c) => !hidden[c]);
        const nonZero = visible.filter((c) => (values[c] as number) > 0);
        const pool = nonZero.length > 0 ? nonZero : visible;
        const pick =
          pool.length > 0
            ? pool.reduce((a, b) => ((values[b] as number) < (values[a] as number) ? b : a))
            : g.total;
        if (pick === null || hidden[pick]) break;
        hidden[pick] = true;
        count++;
        changed = true;
      }
    }
  }
  return hidden;
}
