import { isMissing, parseCsv } from './csv.ts';
import { AnalyticsError, analyticsError } from './errors.ts';

/** Survival records of one or more groups, ready for `analyseSurvival`. */
export interface SurvivalInput {
  labels: string[];
  time: Float64Array;
  event: Uint8Array;
  /** Index into `labels` per record. */
  group: Uint32Array;
}

export interface CsvColumns {
  time: string;
  status: string;
  group?: string;
  /** Further columns to read (rows missing one are left out too), returned as strings per kept row. */
  extra?: string[];
}

const LOGICAL: Record<string, number> = { TRUE: 1, T: 1, FALSE: 0, F: 0 };

/**
 * Reads status codes as R's `Surv()` does: logical (TRUE/FALSE) as 1/0; numbers 0/1, or 1/2 when the
 * largest is 2 (then 1 = censored, 2 = event). Any other code is an error naming its row.
 */
export function readStatus(values: string[], rowOf: (i: number) => number, column: string): Uint8Array {
  const out = new Uint8Array(values.length);
  const logical = values.every((v) => v.trim().toUpperCase() in LOGICAL);
  if (logical) {
    values.forEach((v, i) => {
      out[i] = LOGICAL[v.trim().toUpperCase()] as number;
    });
    return out;
  }
  const nums = values.map(Number);
  const shift = nums.reduce((m, x) => Math.max(x, m), Number.NEGATIVE_INFINITY) === 2 ? 1 : 0;
  nums.forEach((x, i) => {
    const s = x - shift;
    if (s !== 0 && s !== 1)
      throw analyticsError(
        AnalyticsError.BAD_STATUS,
        `Row ${rowOf(i)}: status "${values[i]}" in column "${column}" is not a survival status (use 0/1, 1/2 or TRUE/FALSE).`,
        { row: rowOf(i), column, value: values[i] },
      );
    out[i] = s;
  });
  return out;
}

/** Orders group labels as R's `factor()` levels: numerically when every label is a number. */
export function orderLabels(labels: string[]): string[] {
  const numeric = labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return [...labels].sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Reads time, status and an optional group column from CSV text. Rows with a missing value in a used column
 * are left out, as R's `survfit` does (na.action = na.omit); a missing column, a negative or non-numeric
 * time, or an unknown status is an error naming the row (1-based data row, header excluded, plus one).
 */
export function survivalInputFromCsv(
  text: string,
  cols: CsvColumns,
): SurvivalInput & { omitted: number; extra: Record<string, string[]> } {
  const { header, rows } = parseCsv(text);
  const indexOf = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0)
      throw analyticsError(AnalyticsError.MISSING_COLUMN, `The CSV has no column "${name}".`, {
        column: name,
        header,
      });
    return i;
  };
  const ti = indexOf(cols.time);
  const si = indexOf(cols.status);
  const gi = cols.group === undefined ? -1 : indexOf(cols.group);
  const xi = (cols.extra ?? []).map(indexOf);
  const kept: number[] = [];
  rows.forEach((r, i) => {
    if (isMissing(r[ti]) || isMissing(r[si]) || (gi >= 0 && isMissing(r[gi]))) return;
    if (xi.some((x) => isMissing(r[x]))) return;
    kept.push(i);
  });
  const rowOf = (k: number) => (kept[k] as number) + 2;
  const time = new Float64Array(kept.length);
  kept.forEach((r, k) => {
    const raw = (rows[r] as string[])[ti] as string;
    const t = Number(raw);
    if (!Number.isFinite(t) || t < 0)
      throw analyticsError(
        AnalyticsError.BAD_TIME,
        `Row ${rowOf(k)}: time "${raw}" in column "${cols.time}" is not a non-negative number.`,
        { row: rowOf(k), column: cols.time, value: raw },
      );
    time[k] = t;
  });
  const event = readStatus(
    kept.map((r) => ((rows[r] as string[])[si] as string).trim()),
    rowOf,
    cols.status,
  );
  const rawGroups = kept.map((r) => (gi >= 0 ? ((rows[r] as string[])[gi] as string).trim() : 'all'));
  const labels = orderLabels([...new Set(rawGroups)]);
  const pos = new Map(labels.map((l, i) => [l, i]));
  const group = Uint32Array.from(rawGroups, (g) => pos.get(g) as number);
  if (kept.length === 0)
    throw analyticsError(AnalyticsError.EMPTY_COHORT, 'No rows with a time and a status to analyse.');
  const extra = Object.fromEntries(
    (cols.extra ?? []).map((name, c) => [
      name,
      kept.map((r) => ((rows[r] as string[])[xi[c] as number] as string).trim()),
    ]),
  );
  return { labels, time, event, group, omitted: rows.length - kept.length, extra };
}
