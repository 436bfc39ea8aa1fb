import { isNickname } from './nicknames.ts';
import { compareDates, digits, jaroWinkler, normalizeName, soundsAlike } from './similarity.ts';

/**
 * Probabilistic record linkage in the Fellegi–Sunter manner (Fellegi & Sunter 1969): each field
 * comparison falls in one level (exact, nickname, typo, …, different, missing) and adds that level's
 * weight log2(m/u), where m is the share of true pairs and u the share of different people at that level.
 * The m and u probabilities are a `MatchModel`: estimated from the index itself by expectation–
 * maximisation (`em.ts`, `chartkeeper patients train-matcher`, nightly), falling back to `PRIOR_MODEL`
 * before the first training. Surname and given-name agreement is adjusted for value frequency (a match on
 * "Smith" is worth less than on "Przybylski"). Disagreements that mark a different person (another SSN,
 * a twin, a junior/senior, another sex) keep a pair out of "certain" whatever the sum says (`cautions`).
 * Every score carries the weight of every field: the waterfall shown to clerks and in `$match`.
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

export type MatchField =
  | 'family'
  | 'given'
  | 'middle'
  | 'birthDate'
  | 'sex'
  | 'ssn'
  | 'address'
  | 'phone'
  | 'memberId';

/** The comparison levels of every field, strongest agreement first; `missing` adds nothing. */
export const LEVELS = {
  family: ['exact', 'close', 'previous', 'phonetic', 'similar', 'different'],
  given: ['exact', 'nickname', 'close', 'phonetic', 'middle', 'similar', 'different'],
  middle: ['exact', 'initial', 'different'],
  birthDate: ['exact', 'swapped', 'transposed', 'one-digit', 'year-only', 'different'],
  sex: ['same', 'different'],
  ssn: ['same', 'last4', 'last4-only-differs', 'different'],
  address: ['same', 'close', 'postal', 'different'],
  phone: ['same', 'different'],
  memberId: ['same', 'different'],
} as const satisfies Record<MatchField, readonly string[]>;

export const MATCH_FIELDS = Object.keys(LEVELS) as MatchField[];

export interface FieldComparison {
  field: MatchField;
  /** The comparison level (a key of LEVELS[field]) or 'missing'. */
  level: string;
  outcome: Outcome;
  /** log2(m/u) of the level, plus the value-frequency adjustment for an exact name. */
  weight: number;
  /** Which rule decided, e.g. "nickname", "transposed digits", "last four". */
  reason: string;
}

export type Band = 'certain' | 'probable' | 'possible' | 'unlikely';

/** A disagreement that marks a different person: the pair is never graded certain. */
export interface Caution {
  code:
    | 'ssn-differs'
    | 'possible-twin'
    | 'given-differs'
    | 'generation'
    | 'birth-date-differs'
    | 'sex-differs'
    | 'uncorroborated';
  reason: string;
}

export interface MatchResult {
  score: number;
  band: Band;
  fields: FieldComparison[];
  cautions: Caution[];
}

export interface Thresholds {
  certain: number;
  probable: number;
  possible: number;
}

/** m and u probabilities per field level, with value frequencies of names (what EM estimates). */
export interface MatchModel {
  /** ISO timestamp of the estimation; null for the built-in prior. */
  trainedAt: string | null;
  /** Prior probability that a blocked pair is a true match. */
  lambda: number;
  m: Record<MatchField, Record<string, number>>;
  u: Record<MatchField, Record<string, number>>;
  /** Share of records carrying each (normalized) surname / given name, for the commonest values. */
  frequencies: { family: Record<string, number>; given: Record<string, number> };
  /** Frequency assumed for a name not in `frequencies` (rarer than any listed one). */
  rareFrequency: number;
  /** Pairs the estimate was made from; EM iterations; whether it converged. */
  pairs: number;
  iterations: number;
  converged: boolean;
}

/**
 * Defaults; configurable through MATCH_CERTAIN / MATCH_PROBABLE / MATCH_POSSIBLE (kernel config). Chosen
 * from the precision/recall curve of `npm run bench patients-matching` (docs/patients.md).
 */
export const DEFAULT_THRESHOLDS: Thresholds = { certain: 15, probable: 12, possible: 8 };

/**
 * The starting point of EM and the model used before the first training: m/u set from published
 * hospital-index figures (m ≈ 0.95–0.99; u from value frequencies), as the hand-set weights were.
 */
export const PRIOR_MODEL: MatchModel = {
  trainedAt: null,
  lambda: 0.05,
  m: {
    family: { exact: 0.88, close: 0.04, previous: 0.03, phonetic: 0.01, similar: 0.01, different: 0.03 },
    given: {
      exact: 0.86,
      nickname: 0.05,
      close: 0.04,
      phonetic: 0.01,
      middle: 0.01,
      similar: 0.01,
      different: 0.02,
    },
    middle: { exact: 0.9, initial: 0.06, different: 0.04 },
    birthDate: {
      exact: 0.9,
      swapped: 0.02,
      transposed: 0.03,
      'one-digit': 0.03,
      'year-only': 0.01,
      different: 0.01,
    },
    sex: { same: 0.99, different: 0.01 },
    ssn: { same: 0.96, last4: 0.02, 'last4-only-differs': 0.005, different: 0.015 },
    address: { same: 0.7, close: 0.05, postal: 0.05, different: 0.2 },
    phone: { same: 0.7, different: 0.3 },
    memberId: { same: 0.7, different: 0.3 },
  },
  u: {
    family: { exact: 0.02, close: 0.002, previous: 0.001, phonetic: 0.005, similar: 0.01, different: 0.962 },
    given: {
      exact: 0.03,
      nickname: 0.003,
      close: 0.003,
      phonetic: 0.005,
      middle: 0.003,
      similar: 0.02,
      different: 0.936,
    },
    middle: { exact: 0.03, initial: 0.03, different: 0.94 },
    birthDate: {
      exact: 0.003,
      swapped: 0.0003,
      transposed: 0.0005,
      'one-digit': 0.002,
      'year-only': 0.02,
      different: 0.9742,
    },
    sex: { same: 0.5, different: 0.5 },
    ssn: { same: 0.0001, last4: 0.0001, 'last4-only-differs': 0.01, different: 0.9898 },
    address: { same: 0.002, close: 0.001, postal: 0.05, different: 0.947 },
    phone: { same: 0.002, different: 0.998 },
    memberId: { same: 0.0001, different: 0.9999 },
  },
  frequencies: { family: {}, given: {} },
  rareFrequency: 0.0001,
  pairs: 0,
  iterations: 0,
  converged: false,
};

interface Level {
  field: MatchField;
  level: string;
  outcome: Outcome;
  reason: string;
}

const lv = (field: MatchField, level: string, outcome: Outcome, reason: string): Level => ({
  field,
  level,
  outcome,
  reason,
});

function levelFamily(a: MatchRecord, b: MatchRecord): Level {
  const x = normalizeName(a.family);
  const y = normalizeName(b.family);
  if (!x || !y) return lv('family', 'missing', 'missing', 'not recorded');
  if (x === y) return lv('family', 'exact', 'agree', 'same');
  const jw = jaroWinkler(x, y);
  if (jw >= 0.94) return lv('family', 'close', 'partial', `spelling close (Jaro–Winkler ${jw.toFixed(2)})`);
  const others = [...(a.otherFamilies ?? []), ...(b.otherFamilies ?? [])].map(normalizeName);
  if (others.includes(x) || others.includes(y))
    return lv('family', 'previous', 'partial', 'a previous or maiden name');
  if (soundsAlike(x, y)) return lv('family', 'phonetic', 'partial', 'sounds alike (Double Metaphone)');
  if (jw >= 0.88)
    return lv('family', 'similar', 'partial', `spelling similar (Jaro–Winkler ${jw.toFixed(2)})`);
  return lv('family', 'different', 'disagree', 'different');
}

function levelGiven(a: MatchRecord, b: MatchRecord): Level {
  const x = normalizeName(a.given);
  const y = normalizeName(b.given);
  if (!x || !y) return lv('given', 'missing', 'missing', 'not recorded');
  if (x === y) return lv('given', 'exact', 'agree', 'same');
  if (isNickname(x, y)) return lv('given', 'nickname', 'partial', 'nickname');
  const jw = jaroWinkler(x, y);
  if (jw >= 0.92) return lv('given', 'close', 'partial', `spelling close (Jaro–Winkler ${jw.toFixed(2)})`);
  if (soundsAlike(x, y)) return lv('given', 'phonetic', 'partial', 'sounds alike (Double Metaphone)');
  if (normalizeName(a.middle) === y || normalizeName(b.middle) === x)
    return lv('given', 'middle', 'partial', 'goes by the middle name');
  if (jw >= 0.85)
    return lv('given', 'similar', 'partial', `spelling similar (Jaro–Winkler ${jw.toFixed(2)})`);
  return lv('given', 'different', 'disagree', 'different');
}

function levelMiddle(a: MatchRecord, b: MatchRecord): Level {
  const x = normalizeName(a.middle);
  const y = normalizeName(b.middle);
  if (!x || !y) return lv('middle', 'missing', 'missing', 'not recorded on both');
  if (x === y) return lv('middle', 'exact', 'agree', 'same');
  if (x[0] === y[0] && (x.length === 1 || y.length === 1))
    return lv('middle', 'initial', 'partial', 'same initial');
  return lv('middle', 'different', 'disagree', 'different');
}

function levelBirthDate(a: MatchRecord, b: MatchRecord): Level {
  if (!a.birthDate || !b.birthDate) return lv('birthDate', 'missing', 'missing', 'not recorded');
  switch (compareDates(a.birthDate, b.birthDate)) {
    case 'exact':
      return lv('birthDate', 'exact', 'agree', 'same');
    case 'swapped':
      return lv('birthDate', 'swapped', 'partial', 'day and month swapped');
    case 'transposed':
      return lv('birthDate', 'transposed', 'partial', 'two digits transposed');
    case 'one-digit':
      return lv('birthDate', 'one-digit', 'partial', 'one digit different');
    case 'year-only':
      return lv('birthDate', 'year-only', 'disagree', 'same year only');
    default:
      return lv('birthDate', 'different', 'disagree', 'different');
  }
}

function levelSex(a: MatchRecord, b: MatchRecord): Level {
  if (a.sex === 'U' || b.sex === 'U') return lv('sex', 'missing', 'missing', 'unknown');
  return a.sex === b.sex
    ? lv('sex', 'same', 'agree', 'same')
    : lv('sex', 'different', 'disagree', 'different');
}

function levelSsn(a: MatchRecord, b: MatchRecord): Level {
  if (a.ssnHash && b.ssnHash) {
    if (a.ssnHash === b.ssnHash) return lv('ssn', 'same', 'agree', 'same number');
    return lv('ssn', 'different', 'disagree', 'different number');
  }
  if (a.ssnLast4Hash && b.ssnLast4Hash) {
    return a.ssnLast4Hash === b.ssnLast4Hash
      ? lv('ssn', 'last4', 'partial', 'last four agree')
      : lv('ssn', 'last4-only-differs', 'disagree', 'last four differ');
  }
  return lv('ssn', 'missing', 'missing', 'not recorded on both');
}

function levelAddress(a: MatchRecord, b: MatchRecord): Level {
  const x = normalizeName(a.addressLine);
  const y = normalizeName(b.addressLine);
  const px = digits(a.postalCode).slice(0, 5);
  const py = digits(b.postalCode).slice(0, 5);
  if ((!x || !y) && (!px || !py)) return lv('address', 'missing', 'missing', 'not recorded on both');
  if (x && x === y && px === py) return lv('address', 'same', 'agree', 'same address');
  if (x && y && jaroWinkler(x, y) >= 0.93)
    return lv('address', 'close', 'partial', 'address spelled slightly differently');
  if (px && px === py) return lv('address', 'postal', 'partial', 'same postal code');
  return lv('address', 'different', 'disagree', 'different address');
}

function levelPhone(a: MatchRecord, b: MatchRecord): Level {
  const x = (a.phones ?? []).map((p) => digits(p).slice(-10)).filter((p) => p.length >= 7);
  const y = new Set((b.phones ?? []).map((p) => digits(p).slice(-10)).filter((p) => p.length >= 7));
  if (x.length === 0 || y.size === 0) return lv('phone', 'missing', 'missing', 'not recorded on both');
  return x.some((p) => y.has(p))
    ? lv('phone', 'same', 'agree', 'a phone number agrees')
    : lv('phone', 'different', 'disagree', 'different numbers');
}

function levelMemberId(a: MatchRecord, b: MatchRecord): Level {
  const norm = (m: string) => m.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const x = (a.memberIds ?? []).map(norm).filter(Boolean);
  const y = new Set((b.memberIds ?? []).map(norm).filter(Boolean));
  if (x.length === 0 || y.size === 0) return lv('memberId', 'missing', 'missing', 'not recorded on both');
  return x.some((m) => y.has(m))
    ? lv('memberId', 'same', 'agree', 'same insurance member id')
    : lv('memberId', 'different', 'disagree', 'different insurance member ids');
}

const CLASSIFIERS = [
  levelFamily,
  levelGiven,
  levelMiddle,
  levelBirthDate,
  levelSex,
  levelSsn,
  levelAddress,
  levelPhone,
  levelMemberId,
];

/** The comparison vector of a pair: one level per field (what EM learns from). */
export function compareLevels(a: MatchRecord, b: MatchRecord): Level[] {
  return CLASSIFIERS.map((c) => c(a, b));
}

const FLOOR = 1e-6;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** log2(m/u) of a level; 0 for a missing field. */
export function levelWeight(model: MatchModel, field: MatchField, level: string): number {
  if (level === 'missing') return 0;
  const m = Math.max(FLOOR, model.m[field]?.[level] ?? FLOOR);
  const u = Math.max(FLOOR, model.u[field]?.[level] ?? FLOOR);
  return Math.log2(m / u);
}

/**
 * Value-frequency adjustment of an exact name agreement (Splink's term-frequency adjustment): the u of
 * "agree on this very value" is the value's share of the index, not the field's average, so the weight
 * moves by log2(u_exact / frequency), bounded to ±6 bits.
 */
export function frequencyAdjustment(model: MatchModel, field: 'family' | 'given', value: string): number {
  // Untrained (the prior): no frequencies known, so no adjustment.
  if (Object.keys(model.frequencies[field]).length === 0) return 0;
  const freq = model.frequencies[field][value] ?? model.rareFrequency;
  const uExact = model.u[field].exact ?? FLOOR;
  if (!freq || !uExact) return 0;
  return Math.max(-6, Math.min(6, Math.log2(uExact / freq)));
}

const GENERATION = /^(JR|SR|II|III|IV|V|2ND|3RD|4TH)$/;

function suffixOf(r: MatchRecord): string | null {
  const s = normalizeName(r.suffix)
    .replace(/^JUNIOR$/, 'JR')
    .replace(/^SENIOR$/, 'SR');
  return s && GENERATION.test(s) ? s : null;
}

/** The disagreements that mark a different person, whatever the other fields say (issue 17). */
export function cautionsOf(a: MatchRecord, b: MatchRecord, levels: Level[]): Caution[] {
  const at = (f: MatchField) => levels.find((l) => l.field === f)!.level;
  const out: Caution[] = [];
  const ssn = at('ssn');
  if (ssn === 'different' || ssn === 'last4-only-differs')
    out.push({ code: 'ssn-differs', reason: 'The SSNs on file differ: two people, or a mistyped number.' });
  const familyAgrees = ['exact', 'close', 'previous'].includes(at('family'));
  const givenAgrees = ['exact', 'nickname', 'close'].includes(at('given'));
  const dobAgrees = at('birthDate') !== 'different' && at('birthDate') !== 'missing';
  const givenWeak = ['different', 'similar', 'phonetic', 'middle'].includes(at('given'));
  if (givenWeak && dobAgrees && at('family') !== 'missing')
    out.push({
      code: 'possible-twin',
      reason: 'Another first name with the same or a near birth date: possibly twins or a multiple birth.',
    });
  else if (at('given') === 'different')
    out.push({ code: 'given-differs', reason: 'The first names differ.' });
  const sa = suffixOf(a);
  const sb = suffixOf(b);
  const yearGap = Math.abs(Number(a.birthDate.slice(0, 4)) - Number(b.birthDate.slice(0, 4)));
  if (familyAgrees && givenAgrees && sa && sb && sa !== sb)
    out.push({
      code: 'generation',
      reason: `Generational suffixes differ (${sa} / ${sb}): parent and child.`,
    });
  else if (familyAgrees && givenAgrees && at('birthDate') === 'different' && yearGap >= 12)
    out.push({
      code: 'generation',
      reason: `Same names born ${yearGap} years apart: possibly a parent and child (Jr/Sr).`,
    });
  const dob = at('birthDate');
  if ((dob === 'different' || dob === 'year-only') && !out.some((c) => c.code === 'generation'))
    out.push({ code: 'birth-date-differs', reason: 'The birth dates differ by more than a typing slip.' });
  if (!['ssn', 'address', 'phone', 'memberId'].some((f) => ['same', 'close'].includes(at(f as MatchField))))
    out.push({
      code: 'uncorroborated',
      reason: 'Only names and birth date agree: no SSN, address, phone or insurance id confirms it.',
    });
  if (at('sex') === 'different')
    out.push({ code: 'sex-differs', reason: 'Sex differs: another person unless a registration error.' });
  return out;
}

/** The sum of every field's strongest agreement weight under `model` (names without frequency adjustment). */
export function maxWeight(model: MatchModel): number {
  return MATCH_FIELDS.reduce((s, f) => s + Math.max(...LEVELS[f].map((l) => levelWeight(model, f, l))), 0);
}

/** The band a score falls in. */
export function bandOf(score: number, t: Thresholds = DEFAULT_THRESHOLDS): Band {
  if (score >= t.certain) return 'certain';
  if (score >= t.probable) return 'probable';
  if (score >= t.possible) return 'possible';
  return 'unlikely';
}

/**
 * Scores a pair of records: the sum of every field's weight, the band, every field's weight and reason
 * (the waterfall), and the cautions that keep it out of "certain".
 * @example scorePair(a, b).band === 'certain'
 */
export function scorePair(
  a: MatchRecord,
  b: MatchRecord,
  t: Thresholds = DEFAULT_THRESHOLDS,
  model: MatchModel = PRIOR_MODEL,
): MatchResult {
  const levels = compareLevels(a, b);
  const fields: FieldComparison[] = levels.map((l) => {
    let weight = levelWeight(model, l.field, l.level);
    let reason = l.reason;
    if (l.level === 'exact' && (l.field === 'family' || l.field === 'given')) {
      const adj = frequencyAdjustment(
        model,
        l.field,
        normalizeName(l.field === 'family' ? a.family : a.given),
      );
      if (Math.abs(adj) >= 0.05) {
        weight += adj;
        reason = `${reason} (${adj < 0 ? 'a common' : 'an uncommon'} name: ${adj > 0 ? '+' : ''}${adj.toFixed(1)})`;
      }
    }
    return { field: l.field, level: l.level, outcome: l.outcome, weight: round2(weight), reason };
  });
  const score = Math.round(fields.reduce((s, x) => s + x.weight, 0) * 10) / 10;
  const cautions = cautionsOf(a, b, levels);
  let band = bandOf(score, t);
  if (band === 'certain' && cautions.length > 0) band = 'probable';
  return { score, band, fields, cautions };
}
