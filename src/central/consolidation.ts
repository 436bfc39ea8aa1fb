import type { ConsolidatedItems } from './central.tables.ts';

/**
 * Tumour linkage and consolidation of the central registry (issue 16), pure. Source tumour reports of one
 * person are grouped into primaries by a simplified multiple-primary rule, then each item of a tumour is
 * taken from the best report by the priority of its item group (docs/central.md, "Consolidation").
 */

type Items = Record<string, string>;

export interface TumourReport {
  recordId: string;
  tumourIndex: number;
  source: string;
  receivedAt: Date;
  items: Items;
}

export interface PatientReport {
  recordId: string;
  source: string;
  receivedAt: Date;
  items: Items;
  /** Type of Reporting Source (#500) of the record's tumours (7 = death certificate only). */
  reportingTypes: string[];
}

const site3 = (t: Items) => (t.primarySite ?? '').slice(0, 3);
const hist3 = (t: Items) => (t.histologicTypeIcdO3 ?? '').slice(0, 3);
/** ICD-O-3 8000–8005: neoplasm/malignancy NOS, compatible with any specific histology. */
const histNos = (t: Items) => /^800[0-5]$/.test(t.histologicTypeIcdO3 ?? '');
/** Laterality (#410): 0 not paired, 9 unknown — compatible with either side. */
const sideKnown = (t: Items) => ['1', '2'].includes(t.laterality ?? '');
const days = (a: string, b: string) => {
  const d = (x: string) =>
    Date.UTC(Number(x.slice(0, 4)), Number(x.slice(4, 6) || '1') - 1, Number(x.slice(6, 8) || '1'));
  return Math.abs(d(a) - d(b)) / 86_400_000;
};

/**
 * Same primary (a simplification of the SEER/NAACCR Solid Tumor Rules): same site at three characters
 * (C50), compatible laterality (no left versus right), the same histology at three digits (or one side NOS),
 * and diagnosed within a year of each other when both dates are known.
 */
export function samePrimary(a: Items, b: Items): boolean {
  if (!site3(a) || site3(a) !== site3(b)) return false;
  if (sideKnown(a) && sideKnown(b) && a.laterality !== b.laterality) return false;
  if (hist3(a) !== hist3(b) && !histNos(a) && !histNos(b)) return false;
  const da = a.dateOfDiagnosis ?? '';
  const db = b.dateOfDiagnosis ?? '';
  if (/^\d{8}$/.test(da) && /^\d{8}$/.test(db) && days(da, db) > 365) return false;
  return true;
}

/**
 * Groups reports into primaries. Two tumours of one source record are never merged: the reporting
 * facility has already judged them separate primaries.
 */
export function groupTumours(reports: TumourReport[]): TumourReport[][] {
  const groups: TumourReport[][] = [];
  for (const r of reports) {
    const g = groups.find(
      (x) => !x.some((y) => y.recordId === r.recordId) && x.some((y) => samePrimary(y.items, r.items)),
    );
    if (g) g.push(r);
    else groups.push([r]);
  }
  return groups;
}

/** Type of Reporting Source (#500): 1 hospital inpatient, 2 radiation/medical oncology, 8 other hospital outpatient. */
const HOSPITAL = ['1', '2', '8'];
const LAB = ['3'];
const DEATH_CERTIFICATE = ['7'];

interface Rule {
  /** Which report types to prefer, in order; others come after. */
  prefer: string[];
  order: 'recent' | 'earliest-value' | 'latest-contact';
  reason: string;
}

/** The priority of an item (issue 16: pathology for histology, treating hospital for treatment, …). */
export function ruleFor(item: string): Rule {
  if (
    /^(histologicTypeIcdO3|behaviorCodeIcdO3|grade|gradeClinical|gradePathological|diagnosticConfirmation)$/.test(
      item,
    )
  )
    return {
      prefer: [...LAB, ...HOSPITAL],
      order: 'recent',
      reason: 'pathology laboratory report preferred (#500 = 3)',
    };
  if (/^(dateOfDiagnosis|dateConclusiveDx)$/.test(item))
    return { prefer: [], order: 'earliest-value', reason: 'the earliest date reported' };
  if (/^(rx|dateInitialRx|reasonForNoSurgery)/.test(item))
    return {
      prefer: HOSPITAL,
      order: 'recent',
      reason: 'treating hospital preferred for first-course treatment',
    };
  if (/^(vitalStatus|dateOfLastContact|followUp)/.test(item))
    return {
      prefer: [],
      order: 'latest-contact',
      reason: 'the most recent follow-up (latest Date of Last Contact #1750)',
    };
  if (/^(causeOfDeath|icdRevisionNumber)$/.test(item))
    return {
      prefer: DEATH_CERTIFICATE,
      order: 'recent',
      reason: 'death certificate preferred for cause of death',
    };
  return { prefer: HOSPITAL, order: 'recent', reason: 'hospital report preferred, most recent first' };
}

/** All 9s is NAACCR's "unknown" for most coded items: a known value beats it whatever its source. */
const unknown = (v: string) => /^9+$/.test(v);

interface Candidate {
  value: string;
  source: string;
  recordId: string;
  receivedAt: Date;
  types: string[];
  contact: string;
}

function pick(item: string, cands: Candidate[]): Candidate & { reason: string } {
  const rule = ruleFor(item);
  const rank = (c: Candidate) => {
    const i = rule.prefer.findIndex((p) => c.types.includes(p));
    return i < 0 ? rule.prefer.length : i;
  };
  const sorted = [...cands].sort((a, b) => {
    if (unknown(a.value) !== unknown(b.value)) return unknown(a.value) ? 1 : -1;
    if (rule.order === 'earliest-value') return a.value.localeCompare(b.value);
    if (rule.order === 'latest-contact' && a.contact !== b.contact) return b.contact.localeCompare(a.contact);
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    return b.receivedAt.getTime() - a.receivedAt.getTime() || a.source.localeCompare(b.source);
  });
  const best = sorted[0] as Candidate;
  const alone = new Set(cands.map((c) => c.value)).size === 1;
  return { ...best, reason: alone ? 'all sources agree' : rule.reason };
}

function consolidate(cands: (Candidate & { item: string })[][]): ConsolidatedItems {
  const byItem = new Map<string, Candidate[]>();
  for (const list of cands)
    for (const c of list) {
      const k = c.item;
      const l = byItem.get(k);
      if (l) l.push(c);
      else byItem.set(k, [c]);
    }
  const out: ConsolidatedItems = {};
  for (const [item, list] of [...byItem].sort(([a], [b]) => a.localeCompare(b))) {
    const p = pick(item, list);
    out[item] = { value: p.value, source: p.source, recordId: p.recordId, reason: p.reason };
  }
  return out;
}

const candidatesOf = (items: Items, base: Omit<Candidate, 'value' | 'contact'>, contact: string) =>
  Object.entries(items)
    .filter(([, v]) => v !== '')
    .map(([item, value]) => ({ ...base, item, value, contact }));

/** One consolidated tumour's items from its reports. */
export function consolidateTumour(reports: TumourReport[]): ConsolidatedItems {
  return consolidate(
    reports.map((r) =>
      candidatesOf(
        r.items,
        {
          source: r.source,
          recordId: r.recordId,
          receivedAt: r.receivedAt,
          types: [r.items.typeOfReportingSource ?? ''],
        },
        '',
      ),
    ),
  );
}

/** The person's consolidated patient-level items from its records. */
export function consolidatePatient(reports: PatientReport[]): ConsolidatedItems {
  return consolidate(
    reports.map((r) =>
      candidatesOf(
        r.items,
        { source: r.source, recordId: r.recordId, receivedAt: r.receivedAt, types: r.reportingTypes },
        r.items.dateOfLastContact ?? '',
      ),
    ),
  );
}
