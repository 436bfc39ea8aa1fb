import { delinquencyRate } from './aging.ts';

const DAY = 86_400_000;

export interface OpenItem {
  encounterId: string;
  key: string;
  dueAt: Date;
  openedAt: Date;
}

export interface DelinquencyLine {
  key: string;
  label: string;
  openDeficiencies: number;
  delinquentDeficiencies: number;
  averageDaysOpen: number;
  delinquentCharts: number;
  discharges: number;
  delinquencyRate: number;
}

/**
 * One report line per clinician or service: open and past-due deficiency counts, their average days
 * open, delinquent charts (a chart with any past-due deficiency) over discharges in the period.
 */
export function delinquencyLines(
  items: OpenItem[],
  discharges: Map<string, number>,
  labels: Map<string, string>,
  now: Date,
): DelinquencyLine[] {
  const keys = new Set([...items.map((i) => i.key), ...discharges.keys()]);
  const lines: DelinquencyLine[] = [];
  for (const key of keys) {
    const mine = items.filter((i) => i.key === key);
    const late = mine.filter((i) => i.dueAt.getTime() < now.getTime());
    const charts = new Set(late.map((i) => i.encounterId)).size;
    const days = mine.reduce((s, i) => s + (now.getTime() - i.openedAt.getTime()) / DAY, 0);
    const n = discharges.get(key) ?? 0;
    lines.push({
      key,
      label: labels.get(key) ?? key,
      openDeficiencies: mine.length,
      delinquentDeficiencies: late.length,
      averageDaysOpen: mine.length === 0 ? 0 : Math.round((days / mine.length) * 10) / 10,
      delinquentCharts: charts,
      discharges: n,
      delinquencyRate: Math.round(delinquencyRate(charts, n) * 1000) / 1000,
    });
  }
  return lines.sort((a, b) => b.delinquentCharts - a.delinquentCharts || a.label.localeCompare(b.label));
}

const cell = (v: string | number) => {
  const s = String(v);
  // Spreadsheet formula injection (OWASP CSV injection): a leading = + - @ is neutralised.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The report as CSV (RFC 4180), one section per grouping. */
export function delinquencyCsv(report: {
  byClinician: DelinquencyLine[];
  byService: DelinquencyLine[];
}): string {
  const head =
    'group,name,open deficiencies,delinquent deficiencies,average days open,delinquent charts,discharges,delinquency rate';
  const rows = (group: string, lines: DelinquencyLine[]) =>
    lines.map((l) =>
      [
        group,
        l.label,
        l.openDeficiencies,
        l.delinquentDeficiencies,
        l.averageDaysOpen,
        l.delinquentCharts,
        l.discharges,
        l.delinquencyRate,
      ]
        .map(cell)
        .join(','),
    );
  return (
    [head, ...rows('clinician', report.byClinician), ...rows('service', report.byService)].join('\r\n') +
    '\r\n'
  );
}
