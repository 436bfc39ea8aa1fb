import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { editData } from './edits.ts';

/**
 * Multiple-primary rules MP00–MP09 (issue 14 "Abstracting": same site/histology within the timing windows is
 * one primary, different is another). Ours, documented in docs/registry.md and modelled on the SEER Solid
 * Tumor Rules (shared/reference/naaccr.md §9.1): an ordered decision list evaluated top-down for each pair
 * of tumours of one patient, the first rule that applies deciding. The timing windows and the haematopoietic
 * range are data (data/multiple-primary-rules.json). The decision is advice kept with its reason; the
 * registrar may overrule it.
 */

export type MpRule = 'MP00' | 'MP01' | 'MP02' | 'MP03' | 'MP04' | 'MP05' | 'MP06' | 'MP07' | 'MP08' | 'MP09';
export type MpDecision = 'new_primary' | 'same_primary' | 'review' | 'undetermined';

/** The items the rules look at, by NAACCR XML id (#400, #522, #523, #410, #390). */
export interface MpTumour {
  id: string;
  primarySite?: string;
  histologicTypeIcdO3?: string;
  behaviorCodeIcdO3?: string;
  laterality?: string;
  dateOfDiagnosis?: string;
}

export interface MpComparison {
  tumourId: string;
  rule: MpRule;
  decision: MpDecision;
  reason: string;
}

export interface PrimaryDecision {
  rule: MpRule;
  decision: MpDecision;
  /** The tumour this one is the same primary as (decision same_primary). */
  sameAs: string | null;
  reason: string;
  /** One finding per other tumour of the patient. */
  comparisons: MpComparison[];
}

interface RulesData {
  hematopoieticHistology: [string, string];
  inSituToInvasiveDays: number;
  timing: { label: string; sites: string[]; years: number }[];
}
const here = path.dirname(fileURLToPath(import.meta.url));
const rules = JSON.parse(
  readFileSync(path.join(here, 'data', 'multiple-primary-rules.json'), 'utf8'),
) as RulesData;

/** The possible range of a NAACCR date (YYYY, YYYYMM or YYYYMMDD; unknown parts left out, NAACCR §3). */
export function dateRange(value: string | undefined): { from: number; to: number } | null {
  if (!value || !/^\d{4}(\d{2}(\d{2})?)?$/.test(value)) return null;
  const y = Number(value.slice(0, 4));
  const m = value.length >= 6 ? Number(value.slice(4, 6)) : null;
  const d = value.length === 8 ? Number(value.slice(6, 8)) : null;
  if (m === null) return { from: Date.UTC(y, 0, 1), to: Date.UTC(y, 11, 31) };
  if (d === null) return { from: Date.UTC(y, m - 1, 1), to: Date.UTC(y, m, 0) };
  const at = Date.UTC(y, m - 1, d);
  return { from: at, to: at };
}

const DAY = 86_400_000;

const isHeme = (histology: string) =>
  histology >= rules.hematopoieticHistology[0] && histology <= rules.hematopoieticHistology[1];

const siteGroup = (site: string) => rules.timing.find((g) => g.sites.some((s) => site.startsWith(s)));

const missing = (t: MpTumour): string[] => {
  const out: string[] = [];
  if (!/^C\d{3}$/.test(t.primarySite ?? '')) out.push('primary site (#400)');
  if (!/^\d{4}$/.test(t.histologicTypeIcdO3 ?? '')) out.push('histology (#522)');
  if (!/^\d$/.test(t.behaviorCodeIcdO3 ?? '')) out.push('behaviour (#523)');
  if (!dateRange(t.dateOfDiagnosis)) out.push('date of diagnosis (#390)');
  return out;
};

/**
 * MP00 (the other lacks an item) and MP02–MP09 for one pair of tumours of a patient; which one came first is
 * taken from the earliest possible diagnosis dates.
 */
export function comparePair(t: MpTumour, other: MpTumour): MpComparison {
  const out = (rule: MpRule, decision: MpDecision, reason: string): MpComparison => ({
    tumourId: other.id,
    rule,
    decision,
    reason,
  });
  const lack = missing(other);
  if (lack.length > 0)
    return out('MP00', 'undetermined', `The other tumour has no ${lack.join(', ')} to compare with.`);
  const site = t.primarySite as string;
  const osite = other.primarySite as string;
  const hist = t.histologicTypeIcdO3 as string;
  const ohist = other.histologicTypeIcdO3 as string;
  if (isHeme(hist) !== isHeme(ohist))
    return out(
      'MP02',
      'new_primary',
      'A solid tumour and a haematopoietic or lymphoid neoplasm are separate primaries.',
    );
  if (isHeme(hist))
    return out(
      'MP03',
      'review',
      'Both are haematopoietic or lymphoid neoplasms (9590–9993): decide with the Hematopoietic and Lymphoid Neoplasm manual and Heme DB, not the solid tumour rules.',
    );
  if (site.slice(0, 3) !== osite.slice(0, 3))
    return out(
      'MP04',
      'new_primary',
      `Different sites: ${site.slice(0, 3)} and ${osite.slice(0, 3)} differ in the first three characters of the topography.`,
    );
  const paired = editData().pairedSites.includes(site) || editData().pairedSites.includes(osite);
  const sides = [t.laterality, other.laterality];
  if (paired && sides.every((s) => s === '1' || s === '2') && sides[0] !== sides[1])
    return out(
      'MP05',
      'new_primary',
      'Tumours on both sides of a paired organ (laterality 1 and 2) are separate primaries.',
    );
  const a = dateRange(t.dateOfDiagnosis) as { from: number; to: number };
  const b = dateRange(other.dateOfDiagnosis) as { from: number; to: number };
  const [first, second, firstT, secondT] = a.from <= b.from ? [a, b, t, other] : [b, a, other, t];
  // The smallest gap the partial dates allow: a new primary by timing only when it is certain.
  const gapDays = Math.max(0, (second.from - first.to) / DAY);
  if (
    firstT.behaviorCodeIcdO3 === '2' &&
    secondT.behaviorCodeIcdO3 === '3' &&
    gapDays > rules.inSituToInvasiveDays
  )
    return out(
      'MP06',
      'new_primary',
      `An invasive tumour diagnosed more than ${rules.inSituToInvasiveDays} days after an in situ tumour of the same site is a subsequent primary.`,
    );
  const group = siteGroup(site);
  if (group && gapDays > group.years * 365.25)
    return out(
      'MP07',
      'new_primary',
      `Diagnosed more than ${group.years} year(s) apart (${group.label}): a new primary.`,
    );
  if (hist.slice(0, 3) !== ohist.slice(0, 3))
    return out(
      'MP08',
      'new_primary',
      `Different histologies: ${hist} and ${ohist} differ in the first three digits.`,
    );
  return out(
    'MP09',
    'same_primary',
    `Same site (${site.slice(0, 3)}), histology (${hist.slice(0, 3)}x) and laterality within ${group?.years ?? 1} year(s): one primary.`,
  );
}

/**
 * Decides whether `t` is a new primary among the patient's `others` (MP00–MP09): MP00 when `t` itself lacks
 * an item the rules need, MP01 when there is no other tumour, else the pair rules against each other
 * tumour; a same-primary finding wins (the earliest such tumour is named), then review, then undetermined,
 * else new primary.
 */
export function decidePrimary(t: MpTumour, others: MpTumour[]): PrimaryDecision {
  const lack = missing(t);
  if (lack.length > 0)
    return {
      rule: 'MP00',
      decision: 'undetermined',
      sameAs: null,
      reason: `Not enough to decide: no ${lack.join(', ')}.`,
      comparisons: [],
    };
  const rest = others.filter((o) => o.id !== t.id);
  if (rest.length === 0)
    return {
      rule: 'MP01',
      decision: 'new_primary',
      sameAs: null,
      reason: 'The only tumour of this patient: a first primary.',
      comparisons: [],
    };
  const earliest = (o: MpTumour) => dateRange(o.dateOfDiagnosis)?.from ?? Number.POSITIVE_INFINITY;
  const comparisons = [...rest].sort((x, y) => earliest(x) - earliest(y)).map((o) => comparePair(t, o));
  const pick =
    comparisons.find((c) => c.decision === 'same_primary') ??
    comparisons.find((c) => c.decision === 'review') ??
    comparisons.find((c) => c.decision === 'undetermined') ??
    (comparisons.at(-1) as MpComparison);
  return {
    rule: pick.rule,
    decision: pick.decision,
    sameAs: pick.decision === 'same_primary' ? pick.tumourId : null,
    reason: pick.reason,
    comparisons,
  };
}

/** The items a multiple-primary decision depends on: a save touching none of them keeps the decision. */
export const MP_ITEMS = [
  'primarySite',
  'histologicTypeIcdO3',
  'behaviorCodeIcdO3',
  'laterality',
  'dateOfDiagnosis',
];
