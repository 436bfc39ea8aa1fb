import { interchangeSegments } from '../x12/envelope.ts';
import {
  comp,
  elementValue,
  isComposite,
  parseX12,
  seg,
  serialize,
  type X12Element,
  type X12Segment,
} from '../x12/segment.ts';

/**
 * A simulated payer for demos and tests: reads an 837 we wrote (or any 837P/837I) and answers it with an
 * 835 (005010X221A1) as a payer would. Each line is paid `paidShare` of its charge, the patient owes
 * `coinsuranceShare` (PR-2 coinsurance) and the rest is a contractual write-off (CO-45); a denied claim
 * is paid nothing and adjusted CO-50 with RARC N115 on each line. The 835 balances by construction
 * (SVC02 − Σ CAS = SVC03, CLP03 − Σ CAS = CLP04, CLP05 = Σ PR, BPR02 = Σ CLP04). Never real money.
 */
export interface PayerAnswer {
  /** Claims (CLM01) the payer denies. */
  deny?: (patientControlNumber: string) => boolean;
  /** Claims (CLM01) the payer does not answer in this 835 (still pending). */
  skip?: (patientControlNumber: string) => boolean;
  paidShare?: number;
  coinsuranceShare?: number;
  /** TRN02 check or EFT trace number. */
  trace: string;
  date: Date;
  /** ISA13 of the 835. */
  controlNumber: number;
}

interface SentLine {
  code: string;
  modifiers: string[];
  charge: number;
  units: string;
  date: string | null;
  control: string | null;
  /** COB (2430): what the patient still owed after the earlier payer, when the claim carries it. */
  priorPatientShare: number | null;
}
interface SentClaim {
  pcn: string;
  charge: number;
  filing: string;
  lines: SentLine[];
}
interface SentBatch {
  payerName: string;
  payerId: string;
  payeeName: string;
  payeeNpi: string;
  claims: SentClaim[];
}

const cents = (n: number) => Math.round(n * 100);
const amt = (c: number) => (c / 100).toFixed(2);
const parts = (e: X12Element | undefined): string[] =>
  e === undefined ? [] : isComposite(e) ? e.components : typeof e === 'string' ? [e] : [];

/** The claims of an 837 as a payer reads them: CLM, SV1 or SV2, DTP*472, REF*6R, the payer and payee. */
export function read837(text: string): SentBatch {
  const { segments } = parseX12(text);
  const out: SentBatch = { payerName: '', payerId: '', payeeName: '', payeeNpi: '', claims: [] };
  let claim: SentClaim | null = null;
  let line: SentLine | null = null;
  let filing = 'CI';
  let inSvd = false;
  for (const s of segments) {
    const v = (n: number) => elementValue(s, n);
    if (s.id === 'HL') claim = null;
    // 2000B SBR and 2010BB NM1*PR come before the claim; the 2320 SBR and 2330B NM1*PR after CLM
    // describe the earlier payer and are not ours.
    if (s.id === 'SBR' && !claim) filing = v(9) || 'CI';
    else if (s.id === 'NM1' && v(1) === 'PR' && !claim && !out.payerId) {
      out.payerName = v(3);
      out.payerId = v(9);
    } else if (s.id === 'NM1' && v(1) === '85') {
      out.payeeName = v(3);
      out.payeeNpi = v(9);
    } else if (s.id === 'CLM') {
      claim = { pcn: v(1), charge: cents(Number(v(2))), filing, lines: [] };
      out.claims.push(claim);
      line = null;
    } else if ((s.id === 'SV1' || s.id === 'SV2') && claim) {
      // SV1-01 / SV2-02: HC:code:modifiers; SV1-02 / SV2-03 charge; SV1-04 / SV2-05 units.
      const proc = parts(s.elements[s.id === 'SV1' ? 0 : 1]);
      line = {
        code: proc[1] ?? '',
        modifiers: proc.slice(2).filter(Boolean),
        charge: cents(Number(v(s.id === 'SV1' ? 2 : 3))),
        units: v(s.id === 'SV1' ? 4 : 5) || '1',
        date: null,
        control: null,
        priorPatientShare: null,
      };
      claim.lines.push(line);
      inSvd = false;
    } else if (s.id === 'SVD' && line) {
      inSvd = true;
      line.priorPatientShare = 0;
    } else if (s.id === 'CAS' && inSvd && line && v(1) === 'PR')
      for (let i = 3; i <= 18; i += 3)
        line.priorPatientShare = (line.priorPatientShare ?? 0) + cents(Number(v(i) || 0));
    else if (s.id === 'DTP' && v(1) === '472' && line) line.date = v(3).slice(0, 8);
    else if (s.id === 'REF' && v(1) === '6R' && line) line.control = v(2);
  }
  return out;
}

function claimSegments(
  c: SentClaim,
  denied: boolean,
  paidShare: number,
  coShare: number,
): {
  segs: X12Segment[];
  paid: number;
} {
  const segs: X12Segment[] = [];
  const lines = c.lines.map((l) => {
    // A secondary payer (2430 present) pays what the patient still owed after the earlier payer and
    // adjusts the rest as OA-23 (impact of prior payer adjudication).
    if (l.priorPatientShare !== null && !denied)
      return { ...l, paid: l.priorPatientShare, pr: 0, co: 0, oa: l.charge - l.priorPatientShare };
    const paid = denied ? 0 : Math.round(l.charge * paidShare);
    const pr = denied ? 0 : Math.round(l.charge * coShare);
    return { ...l, paid, pr, co: l.charge - paid - pr, oa: 0 };
  });
  const secondary = c.lines.some((l) => l.priorPatientShare !== null);
  const paid = lines.reduce((a, l) => a + l.paid, 0);
  const pr = lines.reduce((a, l) => a + l.pr, 0);
  const charge = lines.reduce((a, l) => a + l.charge, 0);
  segs.push(
    seg(
      'CLP',
      c.pcn,
      denied ? '4' : secondary ? '2' : '1',
      amt(charge),
      amt(paid),
      pr ? amt(pr) : '',
      c.filing,
      `SIM${c.pcn}`,
    ),
  );
  for (const l of lines) {
    segs.push(seg('SVC', comp('HC', l.code, ...l.modifiers), amt(l.charge), amt(l.paid), '', l.units));
    if (l.date) segs.push(seg('DTM', '472', l.date));
    if (denied) segs.push(seg('CAS', 'CO', '50', amt(l.charge)));
    else {
      if (l.co) segs.push(seg('CAS', 'CO', '45', amt(l.co)));
      if (l.oa) segs.push(seg('CAS', 'OA', '23', amt(l.oa)));
      if (l.pr) segs.push(seg('CAS', 'PR', '2', amt(l.pr)));
    }
    if (l.control) segs.push(seg('REF', '6R', l.control));
    if (denied) segs.push(seg('LQ', 'HE', 'N115'));
  }
  return { segs, paid };
}

/**
 * Answers an 837 with an 835 (see PayerAnswer). Returns null when no claim is answered.
 * @example answer837(batch.content, { trace: 'EFT0001', date: new Date(), controlNumber: 1, deny: (p) => p.endsWith('7') })
 */
export function answer837(text837: string, o: PayerAnswer): string | null {
  const sent = read837(text837);
  const claims = sent.claims.filter((c) => !o.skip?.(c.pcn));
  if (claims.length === 0) return null;
  const body: X12Segment[] = [];
  let total = 0;
  for (const c of claims) {
    const r = claimSegments(c, o.deny?.(c.pcn) ?? false, o.paidShare ?? 0.7, o.coinsuranceShare ?? 0.1);
    total += r.paid;
    for (const s of r.segs) body.push(s);
  }
  const ymd = o.date.toISOString().slice(0, 10).replace(/-/g, '');
  const payerId = sent.payerId || 'PAYER';
  const head = [
    total > 0
      ? seg(
          'BPR',
          'I',
          amt(total),
          'C',
          'ACH',
          'CCP',
          '01',
          '999999999',
          'DA',
          '123456',
          '1999999999',
          '',
          '01',
          '888888888',
          'DA',
          '654321',
          ymd,
        )
      : seg('BPR', 'H', '0.00', 'C', 'NON', '', '', '', '', '', '', '', '', '', '', '', ymd),
    seg('TRN', '1', o.trace, '1999999999'),
    seg('DTM', '405', ymd),
    seg('N1', 'PR', sent.payerName || 'SIMULATED PAYER'),
    seg('REF', '2U', payerId),
    seg('N1', 'PE', sent.payeeName || 'PAYEE', 'XX', sent.payeeNpi || '1234567893'),
    seg('LX', '1'),
  ];
  const segments = interchangeSegments(
    {
      senderQualifier: 'ZZ',
      senderId: payerId.slice(0, 15),
      receiverQualifier: 'ZZ',
      receiverId: (sent.payeeNpi || 'CHARTKEEPER').slice(0, 15),
      controlNumber: o.controlNumber,
      date: o.date,
      usage: 'T',
    },
    [
      {
        functionalId: 'HP',
        applicationSender: payerId,
        applicationReceiver: sent.payeeNpi || 'CHARTKEEPER',
        controlNumber: o.controlNumber,
        version: '005010X221A1',
        transactions: [
          { id: '835', controlNumber: '0001', version: '005010X221A1', body: [...head, ...body] },
        ],
      },
    ],
  );
  return serialize(segments);
}
