import { isNickname } from './nicknames.ts';
import { compareDates, digits, jaroWinkler, normalizeName, soundsAlike } from './similarity.ts';

/**
 * Probabilistic record linkage in the Fellegi–Sunter manner (Fellegi & Sunter 1969, "A theory for record
 * linkage"): each field comparison adds its agreement weight log2(m/u) or its disagreement weight
 * log2((1-m)/(1-u)); partial agreements (nicknames, typos, transposed dates) get intermediate weights.
 * The weights below are set from m/u estimates for a hospital index (m ≈ 0.95–0.99 for true pairs;
 * u from value frequencies: ~1/20 000 for a date of birth, ~1/1 000 for a surname), rounded.
 * Every score carries its explanation, so a clerk sees why two records were paired.
 */
export interface MatchRecord {
  family: string;
  given: string;
  middle?: string | null;
  /** Generational suffix as recorded (Jr, Sr, II, III…), when any. */
  suffix?: string | null;
  /** Other family names the person has been known by (maiden, previous). */
  otherFamilies?: readonly string[];
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  /** Keyed hashes, never the SSN itself: full number and last four digits. */
  ssnHash?: string | null;
  ssnLast4Hash?: string | null;
  /** Normalized current address line and postal code. */
  addressLine?: string | null;
  postalCode?: string | null;
  /** Digits of every phone number on file. */
  phones?: readonly string[];
  /** Insurance member ids on file (compared without case, spaces or dashes). */
  memberIds?: readonly string[];
}

export type Outcome = 'agree' | 'partial' | 'disagree' | 'missing';

export interface FieldComparison {
  field: 'family' | 'given' | 'middle' | 'birthDate' | 'sex' | 'ssn' | 'address' | 'phone' | 'memberId';
  outcome: Outcome;
  weight: number;
  /** Which rule decided, e.g. "nickname", "transposed digits", "last four". */
  reason: string;
}

export type Band = 'certain' | 'probable' | 'possible' | 'unlikely';

export interface MatchResult {
  score: number;
  band: Band;
  fields: FieldComparison[];
}

export interface Thresholds {
  certain: number;
  probable: number;
  possible: number;
}

/** Defaults; configurable through MATCH_CERTAIN / MATCH_PROBABLE / MATCH_POSSIBLE (kernel config). */
export const DEFAULT_THRESHOLDS: Thresholds = { certain: 15, probable: 12, possible: 8 };

const f = (field: FieldComparison['field'], outcome: Outcome, weight: number, reason: string) => ({
  field,
  outcome,
  weight,
  reason,
});

export function compareFamily(a: MatchRecord, b: MatchRecord): FieldComparison {
  const x = normalizeName(a.family);
  const y = normalizeName(b.family);
  if (!x || !y) return f('family', 'missing', 0, 'not recorded');
  if (x === y) return f('family', 'agree', 5, 'same');
  const jw = jaroWinkler(x, y);
  if (jw >= 0.94) return f('family', 'partial', 3.5, `spelling close (Jaro–Winkler ${jw.toFixed(2)})`);
  const others = [...(a.otherFamilies ?? []), ...(b.otherFamilies ?? [])].map(normalizeName);
  if (others.includes(x) || others.includes(y)) return f('family', 'partial', 3, 'a previous or maiden name');
  if (soundsAlike(x, y)) return f('family', 'partial', 2.5, 'sounds alike (Double Metaphone)');
  if (jw >= 0.88) return f('family', 'partial', 1.5, `spelling similar (Jaro–Winkler ${jw.toFixed(2)})`);
  return f('family', 'disagree', -3, 'different');
}

export function compareGiven(a: MatchRecord, b: MatchRecord): FieldComparison {
  const x = normalizeName(a.given);
  const y = normalizeName(b.given);
  if (!x || !y) return f('given', 'missing', 0, 'not recorded');
  if (x === y) return f('given', 'agree', 4, 'same');
  if (isNickname(x, y)) return f('given', 'partial', 3.5, 'nickname');
  const jw = jaroWinkler(x, y);
  if (jw >= 0.92) return f('given', 'partial', 3, `spelling close (Jaro–Winkler ${jw.toFixed(2)})`);
  if (soundsAlike(x, y)) return f('given', 'partial', 2.5, 'sounds alike (Double Metaphone)');
  if (normalizeName(a.middle) === y || normalizeName(b.middle) === x)
    return f('given', 'partial', 2, 'goes by the middle name');
  if (jw >= 0.85) return f('given', 'partial', 1, `spelling similar (Jaro–Winkler ${jw.toFixed(2)})`);
  return f('given', 'disagree', -5, 'different');
}

export function compareBirthDate(a: MatchRecord, b: MatchRecord): FieldComparison {
  const d = compareDates(a.birthDate, b.birthDate);
  switch (d) {
    case 'exact':
      return f('birthDate', 'agree', 7, 'same');
    case 'swapped':
      return f('birthDate', 'partial', 4, 'day and month swapped');
    case 'transposed':
      return f('birthDate', 'partial', 4, 'two digits transposed');
    case 'one-digit':
      return f('birthDate', 'partial', 3, 'one digit different');
    case 'year-only':
      return f('birthDate', 'disagree', -2, 'same year only');
    default:
      return f('birthDate', 'disagree', -6, 'different');
  }
}

export function compareMiddle(a: MatchRecord, b: MatchRecord): FieldComparison {
  const x = normalizeName(a.middle);
  const y = normalizeName(b.middle);
  if (!x || !y) return f('middle', 'missing', 0, 'not recorded on both');
  if (x === y) return f('middle', 'agree', 3, 'same');
  if (x[0] === y[0] && (x.length === 1 || y.length === 1)) return f('middle', 'partial', 1.5, 'same initial');
  return f('middle', 'disagree', -2, 'different');
}

export function compareSex(a: MatchRecord, b: MatchRecord): FieldComparison {
  if (a.sex === 'U' || b.sex === 'U') return f('sex', 'missing', 0, 'unknown');
  return a.sex === b.sex ? f('sex', 'agree', 0.5, 'same') : f('sex', 'disagree', -3, 'different');
}

export function compareSsn(a: MatchRecord, b: MatchRecord): FieldComparison {
  if (a.ssnHash && b.ssnHash) {
    if (a.ssnHash === b.ssnHash) return f('ssn', 'agree', 9, 'same number');
    if (a.ssnLast4Hash && a.ssnLast4Hash === b.ssnLast4Hash)
      return f('ssn', 'partial', 2, 'last four agree, number differs');
    return f('ssn', 'disagree', -8, 'different number');
  }
  if (a.ssnLast4Hash && b.ssnLast4Hash) {
    return a.ssnLast4Hash === b.ssnLast4Hash
      ? f('ssn', 'partial', 4, 'last four agree')
      : f('ssn', 'disagree', -5, 'last four differ');
  }
  return f('ssn', 'missing', 0, 'not recorded on both');
}

export function compareAddress(a: MatchRecord, b: MatchRecord): FieldComparison {
  const x = normalizeName(a.addressLine);
  const y = normalizeName(b.addressLine);
  const px = digits(a.postalCode).slice(0, 5);
  const py = digits(b.postalCode).slice(0, 5);
  if ((!x || !y) && (!px || !py)) return f('address', 'missing', 0, 'not recorded on both');
  if (x && x === y && px === py) return f('address', 'agree', 4, 'same address');
  if (x && y && jaroWinkler(x, y) >= 0.93)
    return f('address', 'partial', 2.5, 'address spelled slightly differently');
  if (px && px === py) return f('address', 'partial', 0.5, 'same postal code');
  // People move: a different address is weak evidence against a match.
  return f('address', 'disagree', -0.5, 'different address');
}

export function comparePhone(a: MatchRecord, b: MatchRecord): FieldComparison {
  const x = (a.phones ?? []).map((p) => digits(p).slice(-10)).filter((p) => p.length >= 7);
  const y = new Set((b.phones ?? []).map((p) => digits(p).slice(-10)).filter((p) => p.length >= 7));
  if (x.length === 0 || y.size === 0) return f('phone', 'missing', 0, 'not recorded on both');
  return x.some((p) => y.has(p))
    ? f('phone', 'agree', 5, 'a phone number agrees')
    : f('phone', 'disagree', -0.5, 'different numbers');
}

export function compareMemberId(a: MatchRecord, b: MatchRecord): FieldComparison {
  const norm = (m: string) => m.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const x = (a.memberIds ?? []).map(norm).filter(Boolean);
  const y = new Set((b.memberIds ?? []).map(norm).filter(Boolean));
  if (x.length === 0 || y.size === 0) return f('memberId', 'missing', 0, 'not recorded on both');
  // People change insurers, so a different member id is only weak evidence against a match
  // (m ≈ 0.3 of true pairs on file with different ids, u ≈ 1: log2(0.3) ≈ −1.5).
  return x.some((m) => y.has(m))
    ? f('memberId', 'agree', 7, 'same insurance member id')
    : f('memberId', 'disagree', -1.5, 'different insurance member ids');
}

const COMPARATORS = [
  compareFamily,
  compareGiven,
  compareMiddle,
  compareBirthDate,
  compareSex,
  compareSsn,
  compareAddress,
  comparePhone,
  compareMemberId,
];

/** The band a score falls in. */
export function bandOf(score: number, t: Thresholds = DEFAULT_THRESHOLDS): Band {
  if (score >= t.certain) return 'certain';
  if (score >= t.probable) return 'probable';
  if (score >= t.possible) return 'possible';
  return 'unlikely';
}

/**
 * Scores a pair of records: the sum of every field's weight, the band, and every field's reason.
 * @example scorePair(a, b).band === 'certain'
 */
export function scorePair(a: MatchRecord, b: MatchRecord, t: Thresholds = DEFAULT_THRESHOLDS): MatchResult {
  const fields = COMPARATORS.map((c) => c(a, b));
  const score = Math.round(fields.reduce((s, x) => s + x.weight, 0) * 10) / 10;
  return { score, band: bandOf(score, t), fields };
}
