import type { ChartEntry, Encounter } from '../chart/index.ts';

/** Amendments and statements of disagreement linked to entries (they travel with them, 164.526(f)). */
export interface TravellingAmendment {
  entryId: string;
  kind: string;
  text: string;
  date: string;
}

const label = (k: string) =>
  k
    .replace(/([A-Z])/g, ' $1')
    .replace(/_/g, ' ')
    .toLowerCase();

function fieldLines(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && typeof v !== 'object')
    .map(([k, v]) => `${label(k)}: ${String(v)}`)
    .join('\n');
}

/** An entry's content as the packet prints it: a note's text, otherwise its fields one per line. */
export function entryBody(e: ChartEntry): string {
  const d = e.data;
  if (e.kind === 'note') {
    const { text, title: _t, ...rest } = d;
    return `${fieldLines(rest)}\n\n${typeof text === 'string' ? text : ''}`;
  }
  return fieldLines(d);
}

export function encounterBody(e: Encounter): string {
  return fieldLines({
    class: e.class,
    status: e.status,
    type: e.type,
    startsAt: e.startsAt,
    location: e.location,
    reason: e.reason,
    dischargedAt: e.dischargedAt,
    dischargeDisposition: e.dischargeDisposition,
    disposition: e.disposition,
    followUp: e.followUp,
  });
}

export const amendmentText = (a: TravellingAmendment) =>
  `${a.kind === 'amendment' ? 'Amendment' : a.kind.replace(/[-_]/g, ' ')} (${a.date}): ${a.text}`;
