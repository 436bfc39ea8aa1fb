import { sha256Hex } from '../kernel/crypto.ts';
import {
  dateVariants,
  type MatchRecord,
  type MatchResult,
  PRIOR_MODEL,
  phoneticKey,
  scorePair,
  type Thresholds,
} from '../patients/index.ts';

/**
 * Person linkage of the central registry (issue 16 "Linkage"): a source's Patient record becomes the
 * MPI matcher's `MatchRecord` (Fellegi–Sunter weights, src/patients/matching.ts), is blocked on a few keys
 * and scored against the records already linked to each candidate person. Pure: no database.
 */

type Items = Record<string, string>;

/** NAACCR "unknown" SSN values (#2320: 999999999 unknown; all zeros / all same digit are not numbers). */
const BAD_SSN = /^(\d)\1{8}$|^000|^666|^9/;

/** YYYYMMDD (NAACCR date, #240 Date of Birth) as YYYY-MM-DD, or '' when not a full date. */
export function isoDate(naaccr: string | undefined): string {
  const d = (naaccr ?? '').trim();
  return /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : '';
}

/** Sex (#220): 1 male, 2 female; anything else (3 other, 4 transsexual, 9 unknown…) is not compared. */
const sexOf = (code: string | undefined): MatchRecord['sex'] =>
  code === '1' ? 'M' : code === '2' ? 'F' : 'U';

/**
 * The matcher's view of a NAACCR Patient record. The SSN (#2320) is hashed here as the MPI does: the
 * comparison needs equality only, and the key table (`central_block`) must not hold the number.
 */
export function matchRecordOf(items: Items): MatchRecord {
  const ssn = (items.socialSecurityNumber ?? '').replace(/\D/g, '');
  const goodSsn = ssn.length === 9 && !BAD_SSN.test(ssn);
  return {
    family: items.nameLast ?? '',
    given: items.nameFirst ?? '',
    middle: items.nameMiddle ?? null,
    suffix: items.nameSuffix ?? null,
    // Name--Birth Surname (#2232) and Name--Maiden (#2390): a married name still links.
    otherFamilies: [items.nameBirthSurname, items.nameMaiden].filter((x): x is string => !!x),
    birthDate: isoDate(items.dateOfBirth),
    sex: sexOf(items.sex),
    ssnHash: goodSsn ? sha256Hex(`ssn:${ssn}`) : null,
    ssnLast4Hash: goodSsn ? sha256Hex(`ssn4:${ssn.slice(-4)}`) : null,
    // Addr Current--No & Street (#2350) / Postal Code (#1830), else the address at diagnosis (#2330, #100).
    addressLine: items.addrCurrentNoStreet ?? items.addrAtDxNoStreet ?? null,
    postalCode: items.addrCurrentPostalCode ?? items.addrAtDxPostalCode ?? null,
    // Telephone (#2360).
    phones: items.telephone ? [items.telephone] : [],
  };
}

const nameKey = (family: string, birthDate: string) => {
  const k = phoneticKey(family);
  return k && birthDate ? `n:${k}:${birthDate.slice(0, 4)}` : null;
};

/** The blocking keys stored for a linked record: birth date, SSN, surname sound + birth year, phone. */
export function blockKeysOf(m: MatchRecord): string[] {
  const keys = new Set<string>();
  if (m.birthDate) keys.add(`d:${m.birthDate}`);
  if (m.ssnHash) keys.add(`s:${m.ssnHash}`);
  for (const f of [m.family, ...(m.otherFamilies ?? [])]) {
    const k = nameKey(f, m.birthDate);
    if (k) keys.add(k);
  }
  for (const p of m.phones ?? []) if (p.replace(/\D/g, '').length >= 7) keys.add(`t:${p.replace(/\D/g, '')}`);
  return [...keys];
}

/**
 * The keys to look a record up by: its own keys plus the birth dates a clerk may have typed instead
 * (day/month swapped, adjacent digits transposed), so those slips still meet in a block.
 */
export function probeKeysOf(m: MatchRecord): string[] {
  const keys = new Set(blockKeysOf(m));
  if (m.birthDate) for (const v of dateVariants(m.birthDate)) keys.add(`d:${v}`);
  return [...keys];
}

export interface Candidate {
  personId: string;
  recordId: string;
  match: MatchRecord;
}

export interface BestCandidate extends Candidate {
  result: MatchResult;
}

/** The best-scoring candidate record (each person's best record competes), or null when none. */
export function bestCandidate(m: MatchRecord, candidates: Candidate[], t: Thresholds): BestCandidate | null {
  let best: BestCandidate | null = null;
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.recordId)) continue;
    seen.add(c.recordId);
    const result = scorePair(m, c.match, t, PRIOR_MODEL);
    if (!best || result.score > best.result.score) best = { ...c, result };
  }
  return best;
}

export type Decision = 'link' | 'review' | 'new';

/**
 * The three bands of the issue: certain → linked automatically; probable or possible → clerical review;
 * unlikely or no candidate → a new person. The matcher already keeps a pair with a caution (another SSN,
 * a possible twin, a generation suffix) out of "certain".
 */
export function decide(best: BestCandidate | null): Decision {
  if (!best) return 'new';
  if (best.result.band === 'certain') return 'link';
  if (best.result.band === 'probable' || best.result.band === 'possible') return 'review';
  return 'new';
}
