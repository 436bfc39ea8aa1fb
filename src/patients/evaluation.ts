import type { Band, MatchRecord, MatchResult } from './matching.ts';
import {
  address,
  FEMALE,
  MALE,
  NICK,
  newPatient,
  phone,
  pick,
  type Rng,
  rng,
  SURNAMES,
  type SyntheticPatient,
  typo,
} from './synthetic.ts';

/**
 * The labelled evaluation set for patient matching (issue 17), generated from a seed so every figure can
 * be reproduced. Two kinds of labelled pair:
 *  - duplicates: one person registered twice, the second copy carrying one to three registration slips
 *    (typos, nicknames, transposed day/month, digit swaps in the year, moves, new phones, married names,
 *    missing SSN, missing middle name, one mistyped SSN digit);
 *  - look-alikes: two different people who share much of a record — twins, juniors/seniors, siblings,
 *    spouses sharing address and phone, and strangers with a common name. Every look-alike person has
 *    their own SSN when one is recorded.
 * All data is synthetic (9xx SSN areas, 555 phones).
 */
export type DuplicateSlip =
  | 'typo-family'
  | 'typo-given'
  | 'nickname'
  | 'swapped-day-month'
  | 'transposed-day'
  | 'year-digit-swap'
  | 'moved'
  | 'new-phone'
  | 'married-name'
  | 'no-ssn'
  | 'no-middle'
  | 'ssn-typo';

export type LookAlikeKind = 'twin' | 'junior-senior' | 'sibling' | 'spouse' | 'common-name';

export interface EvalPerson extends MatchRecord {
  /** The synthetic person this record belongs to (equal person ⇔ true duplicate). */
  person: number;
  /** Plain synthetic SSN (never a real one); the bench and tests hash nothing. */
  ssn: string | null;
}

export interface LabelledPair {
  a: EvalPerson;
  b: EvalPerson;
  duplicate: boolean;
  /** For duplicates the slips applied; for look-alikes the relationship. */
  kind: string;
}

export interface EvaluationSet {
  pairs: LabelledPair[];
  /** Every record once (originals, copies, relatives), for EM training and blocking. */
  records: EvalPerson[];
}

const SLIPS: DuplicateSlip[] = [
  'typo-family',
  'typo-given',
  'nickname',
  'swapped-day-month',
  'transposed-day',
  'year-digit-swap',
  'moved',
  'new-phone',
  'married-name',
  'no-ssn',
  'no-middle',
  'ssn-typo',
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const ssnOf = (r: Rng) =>
  `9${pad(Math.floor(r() * 100), 2)}${pad(1 + Math.floor(r() * 99), 2)}${pad(1 + Math.floor(r() * 9999), 4)}`;

function toRecord(p: SyntheticPatient, person: number, extra: Partial<EvalPerson> = {}): EvalPerson {
  return {
    person,
    family: p.family,
    given: p.given,
    middle: p.middle,
    otherFamilies: [],
    birthDate: p.birthDate,
    sex: p.sex,
    ssn: p.ssn,
    ssnHash: p.ssn,
    ssnLast4Hash: p.ssn?.slice(-4) ?? null,
    addressLine: p.address?.line1 ?? null,
    postalCode: p.address?.postalCode ?? null,
    phones: p.phone ? [p.phone] : [],
    memberIds: p.coverage ? [p.coverage.memberId] : [],
    ...extra,
  };
}

/** Re-derives the hashed stand-ins after a record's plain SSN changed. */
function withSsn(r: EvalPerson, ssn: string | null): EvalPerson {
  return { ...r, ssn, ssnHash: ssn, ssnLast4Hash: ssn?.slice(-4) ?? null };
}

function isDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function applySlip(r: Rng, d: EvalPerson, s: DuplicateSlip): EvalPerson | null {
  const [y, m, day] = d.birthDate.split('-') as [string, string, string];
  switch (s) {
    case 'typo-family':
      return { ...d, family: typo(r, d.family) };
    case 'typo-given':
      return { ...d, given: typo(r, d.given) };
    case 'nickname':
      return NICK[d.given] ? { ...d, given: NICK[d.given]! } : null;
    case 'swapped-day-month': {
      const v = `${y}-${day}-${m}`;
      return v !== d.birthDate && isDate(v) ? { ...d, birthDate: v } : null;
    }
    case 'transposed-day': {
      const v = `${y}-${m}-${day[1]}${day[0]}`;
      return v !== d.birthDate && isDate(v) ? { ...d, birthDate: v } : null;
    }
    case 'year-digit-swap': {
      const v = `${y.slice(0, 2)}${y[3]}${y[2]}-${m}-${day}`;
      return v !== d.birthDate && isDate(v) ? { ...d, birthDate: v } : null;
    }
    case 'moved': {
      const a = address(r);
      return { ...d, addressLine: a?.line1 ?? null, postalCode: a?.postalCode ?? null };
    }
    case 'new-phone':
      return d.phones?.length ? { ...d, phones: [phone(r)] } : null;
    case 'married-name': {
      if (d.sex !== 'F') return null;
      const fam = pick(r, SURNAMES);
      if (fam === d.family) return null;
      // Half the time the clerk also records the maiden name as a previous name.
      return { ...d, family: fam, otherFamilies: r() < 0.5 ? [d.family] : [] };
    }
    case 'no-ssn':
      return d.ssn ? withSsn(d, null) : null;
    case 'no-middle':
      return d.middle ? { ...d, middle: null } : null;
    case 'ssn-typo': {
      if (!d.ssn) return null;
      const i = 3 + Math.floor(r() * 6);
      const digit = String((Number(d.ssn[i]) + 1 + Math.floor(r() * 9)) % 10);
      return withSsn(d, d.ssn.slice(0, i) + digit + d.ssn.slice(i + 1));
    }
  }
}

function duplicate(r: Rng, p: EvalPerson): { copy: EvalPerson; slips: DuplicateSlip[] } {
  let copy = { ...p };
  const slips: DuplicateSlip[] = [];
  const n = 1 + Math.floor(r() * 3);
  for (let tries = 0; slips.length < n && tries < 30; tries++) {
    const s = pick(r, SLIPS);
    if (slips.includes(s)) continue;
    const next = applySlip(r, copy, s);
    if (!next) continue;
    copy = next;
    slips.push(s);
  }
  return { copy, slips };
}

function shiftYears(date: string, years: number, r: Rng): string {
  const [y] = date.split('-');
  for (;;) {
    const v = `${Number(y) + years}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)}`;
    if (isDate(v)) return v;
  }
}

function lookAlike(r: Rng, p: EvalPerson, kind: LookAlikeKind, person: number): EvalPerson {
  const sex: 'F' | 'M' = r() < 0.5 ? 'F' : 'M';
  const otherGiven = (s: 'F' | 'M', not: string) => {
    for (;;) {
      const g = pick(r, s === 'F' ? FEMALE : MALE);
      if (g !== not && NICK[g] !== not && NICK[not] !== g) return g;
    }
  };
  const base: EvalPerson = {
    ...p,
    person,
    otherFamilies: [],
    memberIds: r() < 0.5 ? [...(p.memberIds ?? [])] : [],
    middle: r() < 0.4 ? pick(r, sex === 'F' ? FEMALE : MALE) : null,
  };
  // Every distinct person has their own SSN when one is on file (70 % of records, as in the index).
  const own = r() < 0.7 ? ssnOf(r) : null;
  switch (kind) {
    case 'twin':
      // Same surname, birth date, address and phone; another first name.
      return withSsn({ ...base, sex, given: otherGiven(sex, p.given) }, own);
    case 'junior-senior': {
      // Same names, address and phone; born 18–45 years apart; sometimes a suffix recorded.
      const gap = (18 + Math.floor(r() * 28)) * (r() < 0.5 ? 1 : -1);
      const young = gap > 0;
      const suffix = r() < 0.4 ? (young ? 'Jr' : 'Sr') : null;
      return withSsn(
        {
          ...base,
          sex: p.sex,
          given: p.given,
          middle: p.middle,
          birthDate: shiftYears(p.birthDate, gap, r),
          suffix,
        },
        own,
      );
    }
    case 'sibling': {
      const gap = (1 + Math.floor(r() * 8)) * (r() < 0.5 ? 1 : -1);
      return withSsn(
        { ...base, sex, given: otherGiven(sex, p.given), birthDate: shiftYears(p.birthDate, gap, r) },
        own,
      );
    }
    case 'spouse': {
      const s: 'F' | 'M' = p.sex === 'F' ? 'M' : 'F';
      const gap = Math.floor(r() * 7) - 3;
      return withSsn(
        { ...base, sex: s, given: otherGiven(s, p.given), birthDate: shiftYears(p.birthDate, gap, r) },
        own,
      );
    }
    case 'common-name': {
      // A stranger with the same (common) given name and surname, born the same year, living elsewhere.
      const a = address(r);
      return withSsn(
        {
          ...base,
          sex: p.sex,
          given: p.given,
          birthDate: shiftYears(p.birthDate, 0, r),
          addressLine: a?.line1 ?? null,
          postalCode: a?.postalCode ?? null,
          phones: r() < 0.9 ? [phone(r)] : [],
          memberIds: [],
        },
        own,
      );
    }
  }
}

const KINDS: LookAlikeKind[] = ['twin', 'junior-senior', 'sibling', 'spouse', 'common-name'];

/**
 * Generates `people` originals; each gets a registration-slip duplicate, and one look-alike relative
 * of every kind is planted for a share of them (`lookAlikeRate`, default a half).
 * @example const set = generateEvaluationSet(17, 10_000)
 */
export function generateEvaluationSet(seed: number, people: number, lookAlikeRate = 0.5): EvaluationSet {
  const r = rng(seed);
  const pairs: LabelledPair[] = [];
  const records: EvalPerson[] = [];
  let nextPerson = people;
  for (let i = 0; i < people; i++) {
    const sp = newPatient(r, i);
    const p = toRecord(
      // Common-name strangers need a common name: bias a tenth of people to the most frequent ones.
      r() < 0.1 ? { ...sp, family: 'Smith', given: sp.sex === 'F' ? 'Mary' : 'John' } : sp,
      i,
      { suffix: null },
    );
    records.push(p);
    const { copy, slips } = duplicate(r, p);
    records.push(copy);
    pairs.push({ a: copy, b: p, duplicate: true, kind: slips.join('+') });
    if (r() < lookAlikeRate) {
      const kind = pick(r, KINDS);
      const other = lookAlike(r, p, kind, nextPerson++);
      records.push(other);
      pairs.push({ a: other, b: p, duplicate: false, kind });
      // The look-alike also meets the corrupted copy (the wrong-person case at registration).
      pairs.push({ a: copy, b: other, duplicate: false, kind: `${kind}-of-copy` });
    }
  }
  return { pairs, records };
}

export interface BandCounts {
  certain: number;
  probable: number;
  possible: number;
  unlikely: number;
}

export interface Evaluation {
  duplicates: number;
  lookAlikes: number;
  recallCertain: number;
  recallCertainOrProbable: number;
  lookAlikeCertainRate: number;
  lookAlikeCertainOrProbableRate: number;
  /** Duplicate probes for which a different person scored certain (the wrong-patient merge). */
  wrongPersonCertain: number;
  duplicateBands: BandCounts;
  lookAlikeBands: BandCounts;
  byKind: Record<string, BandCounts>;
  /** Score threshold → recall among duplicates and the share of look-alikes at or above it. */
  curve: { threshold: number; recall: number; lookAlikeRate: number; precision: number }[];
}

const emptyBands = (): BandCounts => ({ certain: 0, probable: 0, possible: 0, unlikely: 0 });

/**
 * Scores every labelled pair with `score` and reports recall per band, the look-alike rates and the
 * precision/recall curve over score thresholds.
 */
export function evaluate(
  set: EvaluationSet,
  score: (a: MatchRecord, b: MatchRecord) => MatchResult,
  curveFrom = -10,
  curveTo = 60,
): Evaluation {
  const dup = emptyBands();
  const look = emptyBands();
  const byKind: Record<string, BandCounts> = {};
  const dupScores: number[] = [];
  const lookScores: number[] = [];
  let wrong = 0;
  for (const p of set.pairs) {
    const res = score(p.a, p.b);
    const band: Band = res.band;
    (p.duplicate ? dup : look)[band]++;
    (p.duplicate ? dupScores : lookScores).push(res.score);
    const kinds = p.duplicate ? p.kind.split('+') : [p.kind];
    for (const k of kinds) {
      byKind[k] ??= emptyBands();
      byKind[k][band]++;
    }
    if (!p.duplicate && p.kind.endsWith('-of-copy') && band === 'certain') wrong++;
  }
  const nd = dupScores.length;
  const nl = lookScores.length;
  const curve = [];
  for (let t = curveFrom; t <= curveTo; t++) {
    const tp = dupScores.filter((s) => s >= t).length;
    const fp = lookScores.filter((s) => s >= t).length;
    curve.push({
      threshold: t,
      recall: tp / nd,
      lookAlikeRate: fp / nl,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    });
  }
  return {
    duplicates: nd,
    lookAlikes: nl,
    recallCertain: dup.certain / nd,
    recallCertainOrProbable: (dup.certain + dup.probable) / nd,
    lookAlikeCertainRate: look.certain / nl,
    lookAlikeCertainOrProbableRate: (look.certain + look.probable) / nl,
    wrongPersonCertain: wrong,
    duplicateBands: dup,
    lookAlikeBands: look,
    byKind,
    curve,
  };
}
