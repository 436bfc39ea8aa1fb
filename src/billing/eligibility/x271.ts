import { AppError } from '../../kernel/errors.ts';
import { checkEnvelope } from '../x12/envelope.ts';
import {
  elementValue,
  isComposite,
  isRepetition,
  parseX12,
  type X12Element,
  type X12Segment,
} from '../x12/segment.ts';
import type { Benefit } from './eligibility.tables.ts';

/** A person answered for in a 271 (loop 2000C subscriber or 2000D dependent). */
export interface Person271 {
  level: 'subscriber' | 'dependent';
  /** TRN*2 TRN02 values: our 270 trace numbers echoed back (a dependent inherits its subscriber's). */
  traceNumbers: string[];
  memberId: string;
  /** AAA03 at this person's level (2100C/2100D): the payer could not answer for this person. */
  reject: { code: string; text: string } | null;
  benefits: Benefit[];
}

export interface Transaction271 {
  controlNumber: string;
  payerId: string;
  payerName: string;
  /** AAA at the information source or receiver level (2100A/2100B): nobody in the set was answered. */
  reject: { code: string; text: string } | null;
  people: Person271[];
}

/** AAA03 reject reason codes (X279A1) a biller meets, with what to do about them. */
const AAA_REASONS: Record<string, string> = {
  '04': 'authorized quantity exceeded',
  '15': 'required application data missing',
  '41': 'authorization/access restrictions: the payer does not let us ask',
  '42': 'the payer cannot answer now: send the inquiry again later',
  '43': 'invalid or missing provider identification: check the billing NPI',
  '50': 'provider ineligible for inquiries: ask the payer to enrol our NPI',
  '51': 'provider not on file with the payer',
  '56': 'inappropriate date: check the date of service',
  '57': 'invalid or missing date(s) of service',
  '58': 'invalid or missing date of birth',
  '62': 'date of service not within the allowable inquiry period',
  '63': 'date of service in the future',
  '71': 'date of birth does not match the payer: correct the demographics',
  '72': 'invalid or missing member id: check the insurance card',
  '73': 'invalid or missing subscriber name',
  '75': 'subscriber not found: check the member id and name',
  '76': 'duplicate subscriber id',
  '78': 'subscriber not in the group/plan identified',
};

export const eligibilityFileError = (message: string, details?: Record<string, unknown>) =>
  new AppError('ELIGIBILITY_FILE_INVALID', message, 422, details);

const reasonOf = (s: X12Segment) => {
  const code = elementValue(s, 3);
  return { code, text: AAA_REASONS[code] ?? `reject reason ${code || 'not given'}` };
};

function list(e: X12Element | undefined): string[] {
  if (e === undefined) return [];
  if (typeof e === 'string') return e === '' ? [] : [e];
  if (isComposite(e)) return e.components.filter(Boolean);
  if (isRepetition(e))
    return e.repeats.flatMap((r) => (typeof r === 'string' ? [r] : r.components)).filter(Boolean);
  return [];
}

const num = (v: string) => (v === '' || Number.isNaN(Number(v)) ? null : Number(v));

/** One EB segment (loop 2110C/2110D) as a benefit. */
export function benefitOf(s: X12Segment): Benefit {
  const v = (n: number) => elementValue(s, n) || null;
  const percent = num(elementValue(s, 8));
  return {
    code: elementValue(s, 1),
    level: v(2),
    serviceTypes: list(s.elements[2]),
    insuranceType: v(4),
    plan: v(5),
    period: v(6),
    amount: num(elementValue(s, 7)),
    // EB08 is a decimal fraction (0.2 = 20 %); stored as a percentage.
    percent: percent === null ? null : Math.round(percent * 10000) / 100,
    inNetwork: v(12),
  };
}

/**
 * Reads a 271 interchange (X279A1) into its transaction sets: the payer (2100A NM1*PR), rejections
 * (AAA) and, per subscriber/dependent HL, the trace numbers (TRN*2), member id and benefits (EB). The
 * benefit-related entity loop 2120 (LS … LE) is skipped: its NM1 names a provider, not the patient.
 * Throws ELIGIBILITY_FILE_INVALID naming the segment when the file is not a well-formed 271.
 */
export function read271(text: string): Transaction271[] {
  const { segments } = parseX12(text);
  const problems = checkEnvelope(segments);
  if (problems.length > 0) throw eligibilityFileError(`The 271 envelope is wrong: ${problems.join('; ')}.`);
  const out: Transaction271[] = [];
  let t: Transaction271 | null = null;
  let level = '';
  let person: Person271 | null = null;
  const byHl = new Map<string, Person271>();
  let inLs = false;
  segments.forEach((s, i) => {
    const at = { segment: s.id, position: i + 1 };
    if (s.id === 'ST') {
      if (elementValue(s, 1) !== '271')
        throw eligibilityFileError(
          `Segment ${i + 1} (ST) opens a ${elementValue(s, 1)} transaction; an eligibility response is a 271.`,
          at,
        );
      t = { controlNumber: elementValue(s, 2), payerId: '', payerName: '', reject: null, people: [] };
      out.push(t);
      level = '';
      person = null;
      byHl.clear();
      return;
    }
    if (!t) return;
    const tx: Transaction271 = t;
    if (s.id === 'SE') {
      t = null;
      return;
    }
    if (s.id === 'LS') inLs = true;
    if (s.id === 'LE') inLs = false;
    if (inLs || s.id === 'LE') return;
    if (s.id === 'HL') {
      level = elementValue(s, 3);
      const parent = byHl.get(elementValue(s, 2));
      if (level === '22' || level === '23') {
        person = {
          level: level === '22' ? 'subscriber' : 'dependent',
          traceNumbers: level === '23' && parent ? [...parent.traceNumbers] : [],
          memberId: level === '23' && parent ? parent.memberId : '',
          reject: null,
          benefits: [],
        };
        byHl.set(elementValue(s, 1), person);
        tx.people.push(person);
      } else if (level !== '20' && level !== '21')
        throw eligibilityFileError(
          `Segment ${i + 1} (HL) has level ${level}; a 271 uses 20, 21, 22, 23.`,
          at,
        );
      return;
    }
    const p = person as Person271 | null;
    if (s.id === 'NM1' && elementValue(s, 1) === 'PR' && level === '20') {
      tx.payerName = elementValue(s, 3);
      tx.payerId = elementValue(s, 9);
    } else if (s.id === 'NM1' && p && elementValue(s, 8) === 'MI') p.memberId = elementValue(s, 9);
    else if (s.id === 'TRN' && p && elementValue(s, 1) === '2') {
      const trace = elementValue(s, 2);
      // A dependent's own TRN replaces the one it inherited from its subscriber.
      if (p.level === 'dependent' && !p.traceNumbers.includes(trace)) p.traceNumbers = [trace];
      else if (!p.traceNumbers.includes(trace)) p.traceNumbers.push(trace);
    } else if (s.id === 'AAA') {
      if (p) p.reject = reasonOf(s);
      else tx.reject = reasonOf(s);
    } else if (s.id === 'EB') {
      if (!p) throw eligibilityFileError(`Segment ${i + 1} (EB) comes before any subscriber (HL*22).`, at);
      p.benefits.push(benefitOf(s));
    }
  });
  if (out.length === 0) throw eligibilityFileError('The file holds no 271 transaction set (ST*271).');
  return out;
}

export interface EligibilitySummary {
  status: 'active' | 'inactive' | 'rejected';
  planName: string | null;
  copay: number | null;
  coinsurancePercent: number | null;
  deductibleRemaining: number | null;
  rejectReason: string | null;
}

/**
 * What the biller needs from a person's benefits: coverage active (EB01 1–5) or inactive (6–8), the
 * plan (EB05), the in-network co-pay (EB01 B), coinsurance (A) and the deductible still to meet
 * (EB01 C with EB06 29 "remaining"; the individual level first).
 */
export function summarize(p: Pick<Person271, 'benefits' | 'reject'>): EligibilitySummary {
  if (p.reject)
    return {
      status: 'rejected',
      planName: null,
      copay: null,
      coinsurancePercent: null,
      deductibleRemaining: null,
      rejectReason: `${p.reject.code}: ${p.reject.text}`,
    };
  const b = p.benefits;
  const active = b.some((x) => ['1', '2', '3', '4', '5'].includes(x.code));
  const inNet = (x: Benefit) => x.inNetwork !== 'N';
  const individualFirst = (xs: Benefit[]) =>
    [...xs].sort((x, y) => Number(y.level === 'IND') - Number(x.level === 'IND'));
  const copay = b.find((x) => x.code === 'B' && inNet(x) && x.amount !== null);
  const coins = b.find((x) => x.code === 'A' && inNet(x) && x.percent !== null);
  const deductible = individualFirst(
    b.filter((x) => x.code === 'C' && x.period === '29' && inNet(x) && x.amount !== null),
  )[0];
  return {
    status: active ? 'active' : 'inactive',
    planName: b.find((x) => x.plan)?.plan ?? null,
    copay: copay?.amount ?? null,
    coinsurancePercent: coins?.percent ?? null,
    deductibleRemaining: deductible?.amount ?? null,
    rejectReason: null,
  };
}
