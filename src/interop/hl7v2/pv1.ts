import type { Hl7Message, Hl7Segment } from '@medplum/core';
import { dtmToIso, value } from './message.ts';

/** PV1 (HL7 2.5.1 §3.4.3) to the chart's encounter fields. */
const PATIENT_CLASS: Record<string, string> = {
  I: 'Inpatient',
  O: 'Outpatient',
  E: 'Emergency',
  P: 'Preadmit',
  R: 'Recurring patient',
  B: 'Obstetrics',
  U: 'Unknown',
  N: 'Not applicable',
};

export interface VisitData {
  /** PV1-19 visit number and its assigning authority (the sending facility when not given). */
  key: { authority: string; number: string } | undefined;
  class: 'inpatient' | 'appointment';
  type: string;
  location: string;
  reason: string;
  /** PV1-44 admit time, else EVN-6 event occurred, else the message time; ISO. */
  startsAt: string | undefined;
  /** PV1-45 discharge time, else the event time. */
  dischargedAt: string | undefined;
  dischargeDisposition: string | undefined;
}

/** Non-empty parts of PV1-3 (point of care, room, bed, facility). */
function locationOf(pv1: Hl7Segment | undefined): string {
  const parts = [1, 2, 3, 4].map((c) => value(pv1, 3, c)).filter(Boolean);
  return parts.length ? parts.join(' / ').slice(0, 120) : 'Not given by the sending system';
}

export function readVisit(msg: Hl7Message, defaultAuthority: string, event: string): VisitData {
  const pv1 = msg.getSegment('PV1');
  const pv2 = msg.getSegment('PV2');
  const evn = msg.getSegment('EVN');
  const number = value(pv1, 19, 1);
  const hd = pv1?.getField(19)?.getComponent(4) ?? '';
  const authority = hd.split('&')[0]?.trim() || defaultAuthority;
  const cls = value(pv1, 2, 1).toUpperCase();
  const eventTime = dtmToIso(value(evn, 6)) ?? dtmToIso(value(evn, 2)) ?? dtmToIso(value(msg.header, 7));
  return {
    key: number ? { authority: authority.slice(0, 120), number: number.slice(0, 60) } : undefined,
    class: cls === 'I' ? 'inpatient' : 'appointment',
    type: PATIENT_CLASS[cls] ?? 'Visit',
    location: locationOf(pv1),
    reason: (value(pv2, 3, 2) || value(pv2, 3, 1) || `Reported by the sending system (ADT^${event})`).slice(
      0,
      500,
    ),
    startsAt: dtmToIso(value(pv1, 44)) ?? eventTime,
    dischargedAt: dtmToIso(value(pv1, 45)) ?? eventTime,
    dischargeDisposition: (value(pv1, 36, 2) || value(pv1, 36, 1) || undefined)?.slice(0, 120),
  };
}
