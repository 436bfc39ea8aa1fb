/**
 * Active follow-up of registry patients (issue 14 "Follow-up"): who is due, who is lost, and the CoC-style
 * follow-up rate. Pure functions over NAACCR items; the rules are the Commission on Cancer follow-up
 * standard as the reference (../shared/reference/naaccr.md §8) gives it:
 * - population: analytic cases (#610 Class of Case 00–22); not benign/borderline (#523 behaviour 0/1), cervix
 *   in situ (C53x behaviour 2), basal/squamous cell skin (C44x, histology 8050–8110), nor foreign residents
 *   or patients not followed (#1800 Next Follow-Up Source 8 or 9);
 * - follow-up is annual, from the diagnosis anniversary: a patient is due on the first anniversary of the
 *   earliest eligible diagnosis after #1750 Date of Last Contact;
 * - current: contact within the last 15 months; lost to follow-up: no contact for more than 15 months;
 * - dead (#1760 Vital Status 0) or aged 100 or more: not followed (counted as B in the rate).
 */

/** A registry patient with the items follow-up reads (NAACCR dates YYYY, YYYYMM or YYYYMMDD). */
export interface FollowupPatient {
  registryPatientId: string;
  patientId: string | null;
  patientIdNumber: string;
  items: Record<string, string>;
  tumours: { id: string; items: Record<string, string> }[];
}

export type FollowupState = 'due' | 'upcoming' | 'lost';

export interface DueItem {
  registryPatientId: string;
  patientId: string | null;
  patientIdNumber: string;
  nameLast: string | null;
  nameFirst: string | null;
  /** #1750 as an ISO date (partial dates taken at their first day), null when never contacted. */
  dateOfLastContact: string | null;
  /** The anniversary of diagnosis the next contact is due on. */
  dueDate: string;
  /** Days since the due date (negative: due in the future, within the look-ahead). */
  daysOverdue: number;
  /** Whole months since the last contact (or since diagnosis when none). */
  monthsSinceContact: number;
  /** `lost`: no contact for more than 15 months (CoC). */
  state: FollowupState;
  tumours: { tumourId: string; primarySite: string | null; dateOfDiagnosis: string }[];
}

/** CoC: "lost to follow-up" after 15 months without contact (reference §8). */
export const LOST_AFTER_MONTHS = 15;
/** CoC: patients aged 100 or more are not followed and count with the dead. */
const AGE_NOT_FOLLOWED = 100;

/** A NAACCR date (YYYY, YYYYMM, YYYYMMDD; unknown parts blank) as its first possible day, or null. */
export function naaccrDate(v: string | undefined | null): Date | null {
  if (!v) return null;
  const m = /^(\d{4})(\d{2})?(\d{2})?\s*$/.exec(v.trim());
  if (!m) return null;
  const [y, mo, da] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  const d = new Date(Date.UTC(y, mo - 1, da));
  // 99 (unknown) or an impossible day is no date: Date.UTC would roll it into a later month.
  return d.getUTCMonth() === mo - 1 && d.getUTCDate() === da ? d : null;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const toNaaccrDate = (iso: string) => iso.replace(/-/g, '');

const addYears = (d: Date, n: number) => {
  const r = new Date(Date.UTC(d.getUTCFullYear() + n, d.getUTCMonth(), d.getUTCDate()));
  // 29 February in a common year: the anniversary is 28 February, not 1 March.
  if (r.getUTCDate() !== d.getUTCDate()) r.setUTCDate(0);
  return r;
};
const addMonths = (d: Date, n: number) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate()));
const DAY = 86_400_000;
const monthsBetween = (a: Date, b: Date) => {
  const m = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  return b.getUTCDate() < a.getUTCDate() ? m - 1 : m;
};

/**
 * Whether a tumour is in the CoC follow-up population (analytic, reportable, followed).
 * @returns the reason it is left out, or null when it is followed
 */
export function notFollowedReason(items: Record<string, string>): string | null {
  const cls = items.classOfCase;
  if (!cls || !/^\d{2}$/.test(cls) || Number(cls) > 22)
    return 'not an analytic case (#610 Class of Case 00–22)';
  const behaviour = items.behaviorCodeIcdO3;
  if (behaviour === '0' || behaviour === '1') return 'benign or borderline (#523 behaviour 0/1)';
  const site = items.primarySite ?? '';
  const hist = Number(items.histologicTypeIcdO3 ?? '0');
  if (site.startsWith('C53') && behaviour === '2') return 'cervix in situ';
  if (site.startsWith('C44') && hist >= 8050 && hist <= 8110)
    return 'basal or squamous cell carcinoma of skin';
  if (items.nextFollowUpSource === '8') return 'foreign resident (#1800 code 8)';
  if (items.nextFollowUpSource === '9') return 'not followed (#1800 code 9)';
  if (!naaccrDate(items.dateOfDiagnosis)) return 'no date of diagnosis (#390)';
  return null;
}

const ageAt = (birth: Date | null, at: Date) =>
  birth
    ? at.getUTCFullYear() - birth.getUTCFullYear() - (isoDay(at).slice(5) < isoDay(birth).slice(5) ? 1 : 0)
    : null;

/**
 * The patient's place on the due list, or null when not followed (dead, aged ≥ 100, no eligible tumour)
 * or not due within `withinDays` of `asOf`.
 */
export function dueItem(p: FollowupPatient, asOf: Date, withinDays = 0): DueItem | null {
  if (p.items.vitalStatus === '0') return null;
  if ((ageAt(naaccrDate(p.items.dateOfBirth), asOf) ?? 0) >= AGE_NOT_FOLLOWED) return null;
  const eligible = p.tumours
    .filter((t) => notFollowedReason(t.items) === null)
    .map((t) => ({ t, dx: naaccrDate(t.items.dateOfDiagnosis) as Date }))
    .sort((a, b) => a.dx.getTime() - b.dx.getTime());
  const first = eligible[0];
  if (!first) return null;
  const last = naaccrDate(p.items.dateOfLastContact);
  const since = last && last > first.dx ? last : first.dx;
  let k = 1;
  while (addYears(first.dx, k) <= since) k++;
  const due = addYears(first.dx, k);
  const daysOverdue = Math.round((asOf.getTime() - due.getTime()) / DAY);
  if (daysOverdue < -withinDays) return null;
  const lost = addMonths(since, LOST_AFTER_MONTHS) < asOf;
  return {
    registryPatientId: p.registryPatientId,
    patientId: p.patientId,
    patientIdNumber: p.patientIdNumber,
    nameLast: p.items.nameLast ?? null,
    nameFirst: p.items.nameFirst ?? null,
    dateOfLastContact: last ? isoDay(last) : null,
    dueDate: isoDay(due),
    daysOverdue,
    monthsSinceContact: Math.max(0, monthsBetween(since, asOf)),
    state: lost ? 'lost' : daysOverdue >= 0 ? 'due' : 'upcoming',
    tumours: eligible.map(({ t, dx }) => ({
      tumourId: t.id,
      primarySite: t.items.primarySite ?? null,
      dateOfDiagnosis: isoDay(dx),
    })),
  };
}

/** The CoC follow-up rate's counts (reference §8): A eligible, B dead or ≥ 100, D living and current, E lost. */
export interface FollowupRate {
  eligible: number;
  deadOrAged: number;
  current: number;
  lost: number;
  /** (B + D) / A, or null when A is 0. */
  rate: number | null;
  /** The cases that pull the rate down (lost), by tumour. */
  lostCases: { tumourId: string; patientIdNumber: string; dateOfLastContact: string | null }[];
}

/**
 * The CoC-style follow-up rate over analytic cases (tumours) diagnosed from `fromYear` on (all when
 * undefined): B = dead or aged ≥ 100, D = living with contact in the last 15 months, E = A − B − D.
 */
export function followupRate(patients: FollowupPatient[], asOf: Date, fromYear?: number): FollowupRate {
  const r: FollowupRate = { eligible: 0, deadOrAged: 0, current: 0, lost: 0, rate: null, lostCases: [] };
  for (const p of patients) {
    const last = naaccrDate(p.items.dateOfLastContact);
    const aged = (ageAt(naaccrDate(p.items.dateOfBirth), asOf) ?? 0) >= AGE_NOT_FOLLOWED;
    for (const t of p.tumours) {
      if (notFollowedReason(t.items) !== null) continue;
      const dx = naaccrDate(t.items.dateOfDiagnosis) as Date;
      if (fromYear !== undefined && dx.getUTCFullYear() < fromYear) continue;
      r.eligible++;
      const since = last && last > dx ? last : dx;
      if (p.items.vitalStatus === '0' || aged) r.deadOrAged++;
      else if (addMonths(since, LOST_AFTER_MONTHS) >= asOf) r.current++;
      else {
        r.lost++;
        r.lostCases.push({
          tumourId: t.id,
          patientIdNumber: p.patientIdNumber,
          dateOfLastContact: last ? isoDay(last) : null,
        });
      }
    }
  }
  r.rate = r.eligible === 0 ? null : (r.deadOrAged + r.current) / r.eligible;
  return r;
}
