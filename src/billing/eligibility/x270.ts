import { x12Text } from '../x12/claim837.ts';
import { interchangeSegments, type X12Group, type X12InterchangeHeader } from '../x12/envelope.ts';
import { seg, serialize, type X12Segment } from '../x12/segment.ts';

/** 005010X279A1: the implementation guide of the 270 inquiry and the 271 response. */
export const ELIGIBILITY_IMPLEMENTATION = '005010X279A1';

/** One person whose coverage we ask about: a subscriber, or a dependent under the subscriber. */
export interface Inquiry270 {
  /** TRN02: our trace number, echoed by the payer as TRN*2 in the 271 (how the answer is matched). */
  traceNumber: string;
  memberId: string;
  /** X12 DTP*291 plan date: the date of service asked about (YYYY-MM-DD). */
  serviceDate: string;
  patient: { familyName: string; givenName: string; birthDate: string; sex: 'F' | 'M' | 'U' };
  /** The subscriber when the patient is not the subscriber (loop 2100D then carries the patient). */
  subscriber: { name: string } | null;
}

export interface Payer270 {
  payerId: string;
  name: string;
  inquiries: Inquiry270[];
}

export interface Receiver270 {
  name: string;
  npi: string;
  /** TRN03 originating company: "1" + the receiver's EIN (10 characters). */
  originatorId: string;
}

const ymd = (d: string) => d.replace(/-/g, '');
const hhmm = (d: Date) => d.toISOString().slice(11, 16).replace(':', '');

/** Splits "LAST, FIRST" or "First Last" into family and given names for NM103/NM104. */
export function splitName(name: string): { family: string; given: string } {
  const t = name.trim();
  if (t.includes(',')) {
    const [f = '', g = ''] = t.split(',');
    return { family: f.trim(), given: g.trim() };
  }
  const words = t.split(/\s+/);
  return { family: words.at(-1) ?? '', given: words.slice(0, -1).join(' ') };
}

/**
 * The body of one 270 transaction set for one payer (X279A1): BHT*0022*13 (request), HL 2000A the
 * information source (the payer, NM1*PR), HL 2000B the information receiver (our billing provider,
 * NM1*1P with its NPI), then per inquiry HL 2000C the subscriber (TRN*1 trace, NM1*IL with member id,
 * DMG, DTP*291, EQ*30 "health benefit plan coverage") and, when the patient is a dependent, HL 2000D
 * (NM1*03) carrying the trace, demographics, date and EQ instead.
 */
export function transaction270Body(
  payer: Payer270,
  receiver: Receiver270,
  reference: string,
  now: Date,
): X12Segment[] {
  const body: X12Segment[] = [
    seg('BHT', '0022', '13', reference, ymd(now.toISOString().slice(0, 10)), hhmm(now)),
    seg('HL', 1, '', 20, 1),
    seg('NM1', 'PR', 2, x12Text(payer.name), '', '', '', '', 'PI', payer.payerId),
    seg('HL', 2, 1, 21, 1),
    seg('NM1', '1P', 2, x12Text(receiver.name), '', '', '', '', 'XX', receiver.npi),
  ];
  let hl = 2;
  for (const q of payer.inquiries) {
    const subscriberHl = ++hl;
    const dependent = q.subscriber !== null;
    body.push(seg('HL', subscriberHl, 2, 22, dependent ? 1 : 0));
    // TRN*1 sits in the loop of the person asked about (2000C, or 2000D for a dependent).
    const trn = seg('TRN', 1, q.traceNumber, receiver.originatorId);
    const person = [
      seg('DMG', 'D8', ymd(q.patient.birthDate), q.patient.sex),
      seg('DTP', 291, 'D8', ymd(q.serviceDate)),
      seg('EQ', 30),
    ];
    if (!dependent) {
      body.push(
        trn,
        seg(
          'NM1',
          'IL',
          1,
          x12Text(q.patient.familyName),
          x12Text(q.patient.givenName),
          '',
          '',
          '',
          'MI',
          q.memberId,
        ),
        ...person,
      );
      continue;
    }
    const s = splitName(q.subscriber?.name ?? '');
    body.push(
      seg('NM1', 'IL', 1, x12Text(s.family), x12Text(s.given), '', '', '', 'MI', q.memberId),
      seg('HL', ++hl, subscriberHl, 23, 0),
      trn,
      seg('NM1', '03', 1, x12Text(q.patient.familyName), x12Text(q.patient.givenName)),
      ...person,
    );
  }
  return body;
}

/** A whole 270 interchange: one GS (HS) and one ST per payer. Control numbers come from the caller. */
export function write270(
  header: X12InterchangeHeader,
  receiver: Receiver270,
  payers: Payer270[],
  reference: string,
): string {
  const group: X12Group = {
    functionalId: 'HS',
    applicationSender: header.senderId,
    applicationReceiver: header.receiverId,
    controlNumber: header.controlNumber,
    version: ELIGIBILITY_IMPLEMENTATION,
    transactions: payers.map((p, i) => ({
      id: '270',
      controlNumber: String(i + 1).padStart(4, '0'),
      version: ELIGIBILITY_IMPLEMENTATION,
      body: transaction270Body(p, receiver, reference, header.date),
    })),
  };
  return serialize(interchangeSegments(header, [group]));
}
