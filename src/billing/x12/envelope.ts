import { DEFAULT_SEPARATORS, seg, type X12Segment, type X12Separators, x12Errors } from './segment.ts';

/** A transaction set body: the segments between ST and SE. */
export interface X12Transaction {
  /** ST01, e.g. 837, 835, 270. */
  id: string;
  /** ST02 (4–9 characters, unique within the group). */
  controlNumber: string;
  /** ST03 / GS08 implementation guide, e.g. 005010X222A1. */
  version: string;
  body: X12Segment[];
}

export interface X12Group {
  /** GS01 functional identifier (HC claims, HP remittance, HS eligibility inquiry, HB response). */
  functionalId: string;
  applicationSender: string;
  applicationReceiver: string;
  /** GS06 (1–9 digits). */
  controlNumber: number;
  version: string;
  transactions: X12Transaction[];
}

export interface X12InterchangeHeader {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISA13 (1–999999999), written zero-padded to 9 digits. */
  controlNumber: number;
  date: Date;
  usage: 'P' | 'T';
  ackRequested?: boolean;
}

const pad = (v: string, n: number, field: string) => {
  if (v.length > n)
    throw x12Errors.malformed(`${field} is longer than ${n} characters.`, { segment: 'ISA', field });
  return v.padEnd(n, ' ');
};
const ymd = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');
const hm = (d: Date) => d.toISOString().slice(11, 16).replace(':', '');

/** ST … SE around a transaction body: SE01 counts every segment from ST to SE inclusive, SE02 = ST02. */
export function transactionSegments(t: X12Transaction): X12Segment[] {
  if (!/^[A-Za-z0-9]{4,9}$/.test(t.controlNumber))
    throw x12Errors.malformed('ST02 must have 4–9 characters.', { segment: 'ST' });
  return [
    seg('ST', t.id, t.controlNumber, t.version),
    ...t.body,
    seg('SE', t.body.length + 2, t.controlNumber),
  ];
}

/**
 * One interchange: ISA (fixed widths, 106 characters with its terminator), its functional groups
 * (GS … GE, GE01 = transaction sets in the group, GE02 = GS06) and IEA (IEA01 = groups, IEA02 = ISA13).
 */
export function interchangeSegments(
  h: X12InterchangeHeader,
  groups: X12Group[],
  sep: X12Separators = DEFAULT_SEPARATORS,
): X12Segment[] {
  if (!Number.isInteger(h.controlNumber) || h.controlNumber < 1 || h.controlNumber > 999_999_999)
    throw x12Errors.malformed('ISA13 must be 1–999999999.', { segment: 'ISA' });
  const icn = String(h.controlNumber).padStart(9, '0');
  const isa = seg(
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    pad(h.senderQualifier, 2, 'ISA05'),
    pad(h.senderId, 15, 'ISA06'),
    pad(h.receiverQualifier, 2, 'ISA07'),
    pad(h.receiverId, 15, 'ISA08'),
    ymd(h.date).slice(2),
    hm(h.date),
    sep.repetition,
    '00501',
    icn,
    h.ackRequested ? '1' : '0',
    h.usage,
    sep.component,
  );
  const out: X12Segment[] = [isa];
  for (const g of groups) {
    if (!Number.isInteger(g.controlNumber) || g.controlNumber < 1 || g.controlNumber > 999_999_999)
      throw x12Errors.malformed('GS06 must be 1–999999999.', { segment: 'GS' });
    out.push(
      seg(
        'GS',
        g.functionalId,
        g.applicationSender,
        g.applicationReceiver,
        ymd(h.date),
        hm(h.date),
        g.controlNumber,
        'X',
        g.version,
      ),
    );
    // One push per segment: a batch of 10,000 claims has far more segments than a spread call takes.
    for (const t of g.transactions) for (const x of transactionSegments(t)) out.push(x);
    out.push(seg('GE', g.transactions.length, g.controlNumber));
  }
  out.push(seg('IEA', groups.length, icn));
  return out;
}

/** Envelope counts and control numbers of a parsed interchange, checked (for tests and for inbound files). */
export function checkEnvelope(segments: X12Segment[]): string[] {
  const problems: string[] = [];
  const v = (s: X12Segment | undefined, n: number) => {
    const e = s?.elements[n - 1];
    return typeof e === 'string' ? e.trim() : '';
  };
  let isa: X12Segment | undefined;
  let gs: X12Segment | undefined;
  let st: X12Segment | undefined;
  let stIndex = 0;
  let groups = 0;
  let sets = 0;
  segments.forEach((s, i) => {
    if (s.id === 'ISA') {
      // A file may hold several interchanges: each ISA … IEA counts its own groups.
      isa = s;
      groups = 0;
    } else if (s.id === 'GS') {
      gs = s;
      sets = 0;
      groups++;
    } else if (s.id === 'ST') {
      st = s;
      stIndex = i;
      sets++;
    } else if (s.id === 'SE') {
      if (Number(v(s, 1)) !== i - stIndex + 1)
        problems.push(`SE01 ${v(s, 1)} but the set has ${i - stIndex + 1} segments`);
      if (v(s, 2) !== v(st, 2)) problems.push(`SE02 ${v(s, 2)} does not match ST02 ${v(st, 2)}`);
    } else if (s.id === 'GE') {
      if (Number(v(s, 1)) !== sets) problems.push(`GE01 ${v(s, 1)} but the group has ${sets} sets`);
      if (v(s, 2) !== v(gs, 6)) problems.push(`GE02 ${v(s, 2)} does not match GS06 ${v(gs, 6)}`);
    } else if (s.id === 'IEA') {
      if (Number(v(s, 1)) !== groups)
        problems.push(`IEA01 ${v(s, 1)} but the interchange has ${groups} groups`);
      if (v(s, 2) !== v(isa, 13)) problems.push(`IEA02 ${v(s, 2)} does not match ISA13 ${v(isa, 13)}`);
    }
  });
  return problems;
}
