/**
 * Issue 23: the privacy-monitoring rules, as pure functions over one day's record touches and the facts
 * the owning domains give about them (labels, care relationships, staff links, encounters, demographics).
 * The workforce reading a neighbour's, a colleague's or a celebrity's chart is the breach HIPAA's
 * information-system activity review (45 CFR 164.308(a)(1)(ii)(D)) and audit controls (164.312(b)) exist
 * to find; these rules read the trail back. docs/privacy-monitoring.md explains each rule and threshold.
 */

export const RULES = {
  restricted_no_relationship: 'VIP or employee record opened without a care relationship',
  self_or_family: 'Own record, a family member’s, or one sharing surname and address',
  coworker_record: 'Another member of staff’s record opened without a care relationship',
  volume: 'Unusually many charts in a day for this user and role',
  deceased: 'Deceased patient’s record opened without a reason on record',
  no_reason: 'No encounter, relationship or work item ties the user to the patient',
} as const;
export type RuleCode = keyof typeof RULES;

/** Roles whose access to a record rests on treating the patient (care relationship or encounter). */
const CLINICAL = new Set(['physician', 'nurse']);

/** All of one user's events naming one patient on one day (from the access domain's audit trail). */
export interface Touch {
  userId: string;
  username: string;
  roles: string[];
  patientId: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
  breakGlass: boolean;
  eventIds: string[];
}

export interface PatientFacts {
  familyNorm: string;
  /** Address line and postal code, normalized; null when the record has none. */
  addressKey: string | null;
  dateOfDeath: string | null;
}

/** What the owning domains say about the day's touches. Pair keys are `userId|patientId`. */
export interface Facts {
  labels: Map<string, Set<string>>;
  careRelationships: Set<string>;
  /** The user was the provider on one of the patient's encounters in the reason window. */
  encounterProviders: Set<string>;
  /** Patients with any encounter in the reason window (back-office work: coding, billing, completion). */
  recentEncounters: Set<string>;
  /** The user did work on the patient (a write, a release, an abstract) in the reason window. */
  workTies: Set<string>;
  /** Staff links: user → linked patients and the kind. */
  linksByUser: Map<string, { patientId: string; kind: 'self' | 'family' }[]>;
  /** Patient → the users whose own record it is. */
  staffOwners: Map<string, Set<string>>;
  patients: Map<string, PatientFacts>;
}

export interface VolumeFacts {
  /** Distinct charts per user on earlier days of the history window (days the user worked). */
  history: Map<string, number[]>;
  /** Each role's daily counts over the history window, for its percentile. */
  roleCounts: Map<string, number[]>;
}

export interface Thresholds {
  /** Volume: the day's distinct charts must exceed this many times the user's own median… */
  volumeFactor: number;
  /** …and this percentile of the role's user-days. */
  rolePercentile: number;
  /** Volume: never below this many charts (a quiet user's median is small). */
  volumeFloor: number;
  /** Encounters, relationships and work this many days back count as a reason. */
  reasonWindowDays: number;
  /** Days of history the volume rule compares against. */
  historyDays: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  volumeFactor: 3,
  rolePercentile: 0.99,
  volumeFloor: 30,
  reasonWindowDays: 30,
  historyDays: 30,
};

export interface RuleHit {
  rule: RuleCode;
  why: string;
}

export interface AlertDraft {
  userId: string;
  username: string;
  role: string | null;
  patientId: string | null;
  hits: RuleHit[];
  count: number;
  firstAt: Date;
  lastAt: Date;
  eventIds: string[];
  breakGlass: boolean;
  /** Volume alerts: the day's count and what it was compared with. */
  volume?: { charts: number; userMedian: number | null; rolePercentile: number | null };
}

const pair = (u: string, p: string) => `${u}|${p}`;
const primaryRole = (roles: string[]) => roles[0] ?? null;

/** The reason on record, if any, that ties the user to the patient (null: none). */
export function reasonOnRecord(t: Touch, f: Facts): string | null {
  const k = pair(t.userId, t.patientId);
  if (f.careRelationships.has(k)) return 'care relationship';
  if (f.encounterProviders.has(k)) return 'provider on a recent encounter';
  if (f.workTies.has(k)) return 'work on this record';
  const backOffice = !t.roles.some((r) => CLINICAL.has(r));
  if (backOffice && f.recentEncounters.has(t.patientId)) return 'recent encounter in a work queue';
  return null;
}

/** The rules that fire on one touch (rules 1, 2, 3 and 5 of the issue). */
export function touchHits(t: Touch, f: Facts, day: string): RuleHit[] {
  const hits: RuleHit[] = [];
  const k = pair(t.userId, t.patientId);
  const related = f.careRelationships.has(k);
  const reason = reasonOnRecord(t, f);
  const labels = f.labels.get(t.patientId);
  const clinical = t.roles.some((r) => CLINICAL.has(r));

  // Rule 1: break-the-glass reads are always reviewed; back-office work on a labelled record with a
  // reason on record (its encounter in the coding queue) is their job.
  const links = f.linksByUser.get(t.userId) ?? [];
  const own = links.find((l) => l.patientId === t.patientId);
  const restricted = labels && (labels.has('vip') || labels.has('employee'));
  if (restricted && !related && !own && (t.breakGlass || clinical || !reason))
    hits.push({
      rule: 'restricted_no_relationship',
      why: `${[...labels].filter((l) => l === 'vip' || l === 'employee').join(' and ')} record${t.breakGlass ? ', break-the-glass' : ''}; no care relationship`,
    });

  // Rule 2: own record, a family member's, or one sharing the user's surname and address.
  if (own)
    hits.push({
      rule: 'self_or_family',
      why: own.kind === 'self' ? 'the user’s own record' : 'a family member’s record',
    });
  else {
    const patient = f.patients.get(t.patientId);
    const home = links
      .filter((l) => l.kind === 'self')
      .map((l) => f.patients.get(l.patientId))
      .find(
        (p) => p?.addressKey && p.addressKey === patient?.addressKey && p.familyNorm === patient?.familyNorm,
      );
    if (home) hits.push({ rule: 'self_or_family', why: 'shares the user’s surname and address' });
  }

  // Rule 3: another member of staff's own record. As in rule 1, a clinician needs to treat the colleague
  // (care relationship or their encounter); back-office staff with the colleague's encounter in their
  // queue are doing their job (the synthetic hospital's bench showed ~100 such alerts per 1,000 users a
  // day when any back-office read counted). Break-the-glass is always reviewed.
  const owners = f.staffOwners.get(t.patientId);
  const treats = related || f.encounterProviders.has(k);
  if (owners && [...owners].some((u) => u !== t.userId) && !treats && (t.breakGlass || clinical || !reason))
    hits.push({ rule: 'coworker_record', why: 'the record of another member of staff' });

  // Rule 5: deceased (a clinician's care has ended; others need a reason) and no reason on record.
  const died = f.patients.get(t.patientId)?.dateOfDeath;
  if (died && died < day && (clinical || !reason))
    hits.push({ rule: 'deceased', why: `patient died ${died}${reason ? `; ${reason} only` : ''}` });
  else if (!reason && !own)
    hits.push({ rule: 'no_reason', why: 'no encounter, relationship or work item in the window' });
  return hits;
}

/** The q-quantile (linear interpolation between order statistics, R type 7). */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (s[lo] as number) + (h - lo) * ((s[hi] as number) - (s[lo] as number));
}

/**
 * Rule 4: a user's distinct charts today above `volumeFactor` × their own median and above the role's
 * percentile (both, so a busy role or a user's habitual load alone do not alert). A user with under a
 * week of history is compared with the role's median instead of their own.
 */
export function volumeHit(
  charts: number,
  role: string | null,
  own: number[],
  v: VolumeFacts,
  t: Thresholds,
): AlertDraft['volume'] | null {
  if (charts < t.volumeFloor) return null;
  const roleDays = v.roleCounts.get(role ?? '') ?? [];
  const base = own.length >= 7 ? quantile(own, 0.5) : quantile(roleDays, 0.5);
  const p = quantile(roleDays, t.rolePercentile);
  if (base === null || p === null) return null;
  if (charts > t.volumeFactor * base && charts > p)
    return { charts, userMedian: own.length ? quantile(own, 0.5) : null, rolePercentile: p };
  return null;
}

/** The smallest (sign -1) or largest (sign 1) value, without spreading a long list into arguments. */
function extreme<T>(list: T[], f: (x: T) => number, sign: 1 | -1): number {
  let best = f(list[0] as T);
  for (const x of list) if (sign * (f(x) - best) > 0) best = f(x);
  return best;
}

/** Every alert for one day: one per user and patient (rules 1, 2, 3, 5), one per user for volume. */
export function evaluateDay(
  day: string,
  touches: Touch[],
  f: Facts,
  v: VolumeFacts,
  t: Thresholds,
): AlertDraft[] {
  const out: AlertDraft[] = [];
  const perUser = new Map<string, Touch[]>();
  for (const x of touches) {
    const list = perUser.get(x.userId);
    if (list) list.push(x);
    else perUser.set(x.userId, [x]);
    const hits = touchHits(x, f, day);
    if (hits.length)
      out.push({
        userId: x.userId,
        username: x.username,
        role: primaryRole(x.roles),
        patientId: x.patientId,
        hits,
        count: x.count,
        firstAt: x.firstAt,
        lastAt: x.lastAt,
        eventIds: x.eventIds,
        breakGlass: x.breakGlass,
      });
  }
  for (const [userId, list] of perUser) {
    const first = list[0] as Touch;
    const role = primaryRole(first.roles);
    const vol = volumeHit(list.length, role, v.history.get(userId) ?? [], v, t);
    if (!vol) continue;
    out.push({
      userId,
      username: first.username,
      role,
      patientId: null,
      hits: [
        {
          rule: 'volume',
          why: `${vol.charts} charts (own median ${vol.userMedian ?? 'n/a'}, role p${Math.round(t.rolePercentile * 100)} ${vol.rolePercentile?.toFixed(0)})`,
        },
      ],
      count: list.reduce((n, x) => n + x.count, 0),
      firstAt: new Date(extreme(list, (x) => x.firstAt.getTime(), -1)),
      lastAt: new Date(extreme(list, (x) => x.lastAt.getTime(), 1)),
      eventIds: list.slice(0, 20).flatMap((x) => x.eventIds.slice(0, 1)),
      breakGlass: list.some((x) => x.breakGlass),
      volume: vol,
    });
  }
  return out;
}
