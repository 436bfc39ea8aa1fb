import type { Hl7Message, Hl7Segment } from '@medplum/core';
import { dtmToIso, type Hl7Issue, value } from './message.ts';

/** OBX (HL7 2.5.1 §7.4.2) to the chart's result entries. */
const FLAG: Record<string, string> = {
  L: 'low',
  H: 'high',
  LL: 'critical_low',
  HH: 'critical_high',
  A: 'abnormal',
  AA: 'abnormal',
  N: 'normal',
};
/** OBX-11 result status (table 0085): F final, C corrected; everything else is not final yet. */
const STATUS: Record<string, string> = { F: 'final', C: 'corrected' };

function rangeOf(text: string) {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (m) return { referenceLow: Number(m[1]), referenceHigh: Number(m[2]) };
  return text ? { referenceText: text.slice(0, 200) } : {};
}

function observedValue(obx: Hl7Segment, type: string) {
  if (type === 'NM' || type === 'SN') {
    const n = Number(value(obx, 5, type === 'SN' ? 2 : 1));
    return Number.isFinite(n) && value(obx, 5) !== ''
      ? { value: n }
      : { valueText: value(obx, 5) || undefined };
  }
  // Coded values show their text (CWE-2) or code; pointers and documents say what they point to.
  if (type === 'CWE' || type === 'CE' || type === 'CNE')
    return { valueText: value(obx, 5, 2) || value(obx, 5, 1) };
  if (type === 'RP') return { valueText: `Reference: ${value(obx, 5, 1)}`.slice(0, 1000) };
  if (type === 'ED') return { valueText: 'Encapsulated data (kept in the raw message)' };
  return { valueText: value(obx, 5).slice(0, 1000) || undefined };
}

export interface ResultData {
  obxIndex: number;
  data: Record<string, unknown>;
}

/**
 * Every OBX of an ORU^R01 as result data. An OBX without an observation identifier (OBX-3) cannot be a
 * result: it is skipped with a warning naming the segment, the rest are stored.
 */
export function readResults(
  msg: Hl7Message,
  messageTime: string,
): { results: ResultData[]; issues: Hl7Issue[] } {
  const results: ResultData[] = [];
  const issues: Hl7Issue[] = [];
  let obr: Hl7Segment | undefined;
  let n = 0;
  for (const seg of msg.segments) {
    if (seg.name === 'OBR') obr = seg;
    if (seg.name !== 'OBX') continue;
    n++;
    const code = value(seg, 3, 1);
    if (!code) {
      issues.push({
        location: `OBX-3`,
        message: `observation ${n} has no identifier and was not stored`,
        severity: 'W',
        code: '101',
      });
      continue;
    }
    const type = value(seg, 2).toUpperCase();
    const performedAt = dtmToIso(value(seg, 14)) ?? dtmToIso(value(obr, 7)) ?? messageTime;
    const data: Record<string, unknown> = {
      code: code.slice(0, 40),
      name: (value(seg, 3, 2) || code).slice(0, 200),
      ...observedValue(seg, type),
      units: value(seg, 6, 1).slice(0, 40) || undefined,
      ...rangeOf(value(seg, 7)),
      abnormalFlag: FLAG[value(seg, 8).toUpperCase()],
      status: STATUS[value(seg, 11).toUpperCase()] ?? 'preliminary',
      performedAt,
      reportedAt: dtmToIso(value(seg, 19)) ?? dtmToIso(value(obr, 22)),
    };
    for (const k of Object.keys(data)) if (data[k] === undefined || data[k] === '') delete data[k];
    results.push({ obxIndex: n, data });
  }
  return { results, issues };
}
