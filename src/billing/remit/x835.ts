import { createHash } from 'node:crypto';
import {
  cents,
  el,
  parts,
  readSegments,
  type Segment,
  type Separators,
  x12Date,
  x12Error,
} from './x12-read.ts';

/**
 * The 835 Health Care Claim Payment/Advice (005010X221A1) as a typed model: header (BPR, TRN, payer and
 * payee), claims (Loop 2100 CLP), service lines (Loop 2110 SVC) and provider adjustments (PLB).
 * Amounts are integer cents so balancing is exact.
 */
export interface Adjustment {
  /** CAS01 claim adjustment group: CO, PR, OA, PI, OI (CR in older files). */
  group: string;
  /** CARC — claim adjustment reason code. */
  reason: string;
  amount: number;
  quantity: number | null;
}

export interface ProcedureId {
  qualifier: string;
  code: string;
  modifiers: string[];
}

export interface RemitLine {
  /** SVC01: the procedure as adjudicated. */
  paidAs: ProcedureId;
  /** SVC06 when present (the procedure as billed, when the payer changed it), else SVC01. */
  billed: ProcedureId;
  charge: number;
  paid: number;
  revenueCode: string | null;
  unitsPaid: number | null;
  unitsBilled: number | null;
  serviceDate: string | null;
  /** REF*6R — the line item control number echoed from the 837. */
  lineControl: string | null;
  allowed: number | null;
  adjustments: Adjustment[];
  /** LQ*HE — remittance advice remark codes (RARC). */
  remarks: string[];
  at: number;
}

export interface RemitClaim {
  /** CLP01 — our CLM01 patient control number echoed back. */
  patientControlNumber: string;
  /** CLP02 claim status: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19–21 forwarded, 22 reversal. */
  status: string;
  charge: number;
  paid: number;
  patientResponsibility: number;
  filingIndicator: string;
  payerClaimNumber: string;
  statementFrom: string | null;
  statementTo: string | null;
  /** Claim-level CAS (Loop 2100). */
  adjustments: Adjustment[];
  /** MIA/MOA remark codes. */
  remarks: string[];
  lines: RemitLine[];
  at: number;
}

export interface ProviderAdjustment {
  providerId: string;
  fiscalPeriod: string | null;
  /** PLB03-1 reason (WO overpayment recovery, L6 interest, FB forwarding balance, …). */
  reason: string;
  reference: string;
  /** Positive reduces the payment, negative increases it. */
  amount: number;
}

export interface Remit835 {
  controlNumber: string;
  /** sha256 of the transaction set's segments (ST..SE): a re-sent file in a new envelope has the same one. */
  hash: string;
  handling: string;
  payment: number;
  creditDebit: string;
  method: string;
  paymentDate: string | null;
  traceNumber: string;
  payerTraceId: string;
  payerName: string;
  payerId: string;
  payeeName: string;
  payeeId: string;
  claims: RemitClaim[];
  providerAdjustments: ProviderAdjustment[];
  /** Position of the BPR segment in the file (for balancing errors). */
  bprAt: number;
}

const procedure = (s: Segment, n: number, sep: Separators): ProcedureId | null => {
  const p = parts(s, n, sep);
  if (p.length === 0) return null;
  return { qualifier: p[0] ?? '', code: p[1] ?? '', modifiers: p.slice(2, 6).filter((m) => m !== '') };
};

function adjustments(s: Segment): Adjustment[] {
  const out: Adjustment[] = [];
  for (let i = 2; i <= 17; i += 3) {
    if (el(s, i) === '') continue;
    const q = el(s, i + 2);
    out.push({ group: el(s, 1), reason: el(s, i), amount: cents(s, i + 1), quantity: q ? Number(q) : null });
  }
  return out;
}

const num = (v: string): number | null => (v === '' || Number.isNaN(Number(v)) ? null : Number(v));

function claimOf(s: Segment): RemitClaim {
  return {
    patientControlNumber: el(s, 1),
    status: el(s, 2),
    charge: cents(s, 3),
    paid: cents(s, 4),
    patientResponsibility: cents(s, 5),
    filingIndicator: el(s, 6),
    payerClaimNumber: el(s, 7),
    statementFrom: null,
    statementTo: null,
    adjustments: [],
    remarks: [],
    lines: [],
    at: s.at,
  };
}

function lineOf(s: Segment, sep: Separators): RemitLine {
  const paidAs = procedure(s, 1, sep);
  if (!paidAs?.code)
    throw x12Error(
      s.at,
      'SVC',
      `SVC01 "${el(s, 1)}" is not a qualifier${sep.component}code composite (ISA16 is "${sep.component}")`,
    );
  return {
    paidAs,
    billed: procedure(s, 6, sep) ?? paidAs,
    charge: cents(s, 2),
    paid: cents(s, 3),
    revenueCode: el(s, 4) || null,
    unitsPaid: num(el(s, 5)),
    unitsBilled: num(el(s, 7)) ?? num(el(s, 5)),
    serviceDate: null,
    lineControl: null,
    allowed: null,
    adjustments: [],
    remarks: [],
    at: s.at,
  };
}

/** Parses every 835 transaction set of an interchange (throws REMIT_FILE_INVALID naming the segment). */
export function parse835(text: string): Remit835[] {
  const { separators: sep, segments } = readSegments(text);
  const out: Remit835[] = [];
  let cur: Remit835 | null = null;
  let stAt = 0;
  let claim: RemitClaim | null = null;
  let line: RemitLine | null = null;
  let n1 = '';
  let body: string[] = [];
  for (const s of segments) {
    const id = s.e[0] ?? '';
    if (cur) body.push(s.e.join(sep.element));
    switch (id) {
      case 'ST':
        if (el(s, 1) !== '835') throw x12Error(s.at, 'ST', `transaction set ${el(s, 1)} is not an 835`);
        cur = emptyRemit(el(s, 2));
        body = [s.e.join(sep.element)];
        stAt = s.at;
        claim = null;
        line = null;
        break;
      case 'SE': {
        if (!cur) throw x12Error(s.at, 'SE', 'SE without ST');
        const count = s.at - stAt + 1;
        if (Number(el(s, 1)) !== count)
          throw x12Error(s.at, 'SE', `SE01 says ${el(s, 1)} segments; the transaction set has ${count}`);
        cur.hash = createHash('sha256').update(body.join('\n')).digest('hex');
        out.push(cur);
        cur = null;
        break;
      }
      default:
        if (!cur) break;
        ({ claim, line, n1 } = segment(cur, s, sep, { claim, line, n1 }));
    }
  }
  if (cur) throw x12Error(null, 'SE', `transaction set ${cur.controlNumber} has no SE trailer`);
  if (out.length === 0) throw x12Error(null, 'ST', 'the interchange holds no 835 transaction set');
  return out;
}

function emptyRemit(controlNumber: string): Remit835 {
  return {
    controlNumber,
    hash: '',
    handling: '',
    payment: 0,
    creditDebit: 'C',
    method: '',
    paymentDate: null,
    traceNumber: '',
    payerTraceId: '',
    payerName: '',
    payerId: '',
    payeeName: '',
    payeeId: '',
    claims: [],
    providerAdjustments: [],
    bprAt: 0,
  };
}

interface Cursor {
  claim: RemitClaim | null;
  line: RemitLine | null;
  n1: string;
}

/** One segment inside ST..SE, by loop: header, 1000A/B, 2100 claim, 2110 line, PLB summary. */
function segment(r: Remit835, s: Segment, sep: Separators, c: Cursor): Cursor {
  const id = s.e[0];
  if (id === 'BPR') {
    r.handling = el(s, 1);
    r.payment = cents(s, 2);
    r.creditDebit = el(s, 3) || 'C';
    r.method = el(s, 4);
    r.paymentDate = x12Date(el(s, 16));
    r.bprAt = s.at;
  } else if (id === 'TRN') {
    r.traceNumber = el(s, 2);
    r.payerTraceId = el(s, 3);
  } else if (id === 'N1') {
    c.n1 = el(s, 1);
    if (c.n1 === 'PR') [r.payerName, r.payerId] = [el(s, 2), el(s, 4)];
    if (c.n1 === 'PE') [r.payeeName, r.payeeId] = [el(s, 2), el(s, 4)];
  } else if (id === 'REF' && !c.claim && c.n1 === 'PR' && el(s, 1) === '2U') {
    r.payerId = el(s, 2);
  } else if (id === 'CLP') {
    c.claim = claimOf(s);
    c.line = null;
    r.claims.push(c.claim);
  } else if (id === 'SVC') {
    if (!c.claim) throw x12Error(s.at, 'SVC', 'service line outside a claim (CLP)');
    c.line = lineOf(s, sep);
    c.claim.lines.push(c.line);
  } else if (id === 'CAS') {
    if (!c.claim) throw x12Error(s.at, 'CAS', 'adjustment outside a claim (CLP)');
    (c.line ?? c.claim).adjustments.push(...adjustments(s));
  } else if (id === 'DTM' && c.claim) {
    const d = x12Date(el(s, 2));
    if (c.line && (el(s, 1) === '472' || el(s, 1) === '150')) c.line.serviceDate = d;
    else if (!c.line && el(s, 1) === '232') c.claim.statementFrom = d;
    else if (!c.line && el(s, 1) === '233') c.claim.statementTo = d;
  } else if (id === 'REF' && c.line && el(s, 1) === '6R') {
    c.line.lineControl = el(s, 2);
  } else if (id === 'AMT' && c.line && el(s, 1) === 'B6') {
    c.line.allowed = cents(s, 2);
  } else if (id === 'LQ' && c.line && el(s, 1) === 'HE') {
    c.line.remarks.push(el(s, 2));
  } else if ((id === 'MOA' || id === 'MIA') && c.claim) {
    c.claim.remarks.push(...s.e.slice(1).filter((v) => /^[A-Z]{1,2}\d+$/.test(v.trim())));
  } else if (id === 'PLB') {
    c.claim = null;
    c.line = null;
    r.providerAdjustments.push(...plb(s, sep));
  } else if (id === 'LX') {
    c.claim = null;
    c.line = null;
  }
  return c;
}

function plb(s: Segment, sep: Separators): ProviderAdjustment[] {
  const out: ProviderAdjustment[] = [];
  for (let i = 3; i <= 13; i += 2) {
    if (el(s, i) === '') continue;
    const [reason = '', reference = ''] = parts(s, i, sep);
    out.push({
      providerId: el(s, 1),
      fiscalPeriod: x12Date(el(s, 2)),
      reason,
      reference,
      amount: cents(s, i + 1),
    });
  }
  return out;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const $ = (c: number) => (c / 100).toFixed(2);

/**
 * The 835 balancing rules (X12 005010X221A1 §1.10.2, summarized in shared/reference/x12.md §4.6): every
 * line SVC02 − Σ CAS = SVC03; every claim CLP03 − Σ claim and line CAS = CLP04; the transaction
 * BPR02 = Σ CLP04 − Σ PLB (a debit BPR03 = D is a negative payment). Throws naming the first segment off.
 */
export function checkBalance(r: Remit835): void {
  for (const c of r.claims) {
    for (const l of c.lines) {
      const adj = sum(l.adjustments.map((a) => a.amount));
      if (l.charge - adj !== l.paid)
        throw x12Error(
          l.at,
          'SVC',
          `line does not balance: SVC02 ${$(l.charge)} − adjustments ${$(adj)} ≠ SVC03 ${$(l.paid)}`,
        );
    }
    const adj = sum([...c.adjustments, ...c.lines.flatMap((l) => l.adjustments)].map((a) => a.amount));
    if (c.charge - adj !== c.paid)
      throw x12Error(
        c.at,
        'CLP',
        `claim ${c.patientControlNumber} does not balance: CLP03 ${$(c.charge)} − adjustments ${$(adj)} ≠ CLP04 ${$(c.paid)}`,
      );
    const pr = sum(
      [...c.adjustments, ...c.lines.flatMap((l) => l.adjustments)]
        .filter((a) => a.group === 'PR')
        .map((a) => a.amount),
    );
    if (pr !== c.patientResponsibility)
      throw x12Error(
        c.at,
        'CLP',
        `claim ${c.patientControlNumber}: CLP05 ${$(c.patientResponsibility)} ≠ Σ PR adjustments ${$(pr)}`,
      );
  }
  const paid = sum(r.claims.map((c) => c.paid));
  const plbTotal = sum(r.providerAdjustments.map((p) => p.amount));
  const payment = r.creditDebit === 'D' ? -r.payment : r.payment;
  if (paid - plbTotal !== payment)
    throw x12Error(
      r.bprAt || null,
      'BPR',
      `transaction ${r.controlNumber} does not balance: BPR02 ${$(payment)} ≠ Σ CLP04 ${$(paid)} − Σ PLB ${$(plbTotal)}`,
    );
}
