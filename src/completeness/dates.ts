const DAY = 86_400_000;

/** The calendar day (UTC) of an instant, as YYYY-MM-DD. Deadlines in this domain are whole days. */
export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  return dayOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY));
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}
