import type { ChartForRelease } from '../chart/index.ts';
import type { RequestScope } from './disclosure.tables.ts';

/** One chart item as it appears in a packet's manifest (or in the clerk's withheld list). */
export interface PacketItem {
  type: 'encounter' | 'entry' | 'document';
  id: string;
  version: number;
  kind: string;
  title: string;
  /** YYYY-MM-DD: the clinical date (visit, result, service date), else the date recorded. */
  date: string;
  recordType: string;
  encounterId: string | null;
  labels: string[];
}
export interface WithheldItem extends PacketItem {
  reason: string;
  rule: string;
}

/** What a release may cover: decided by the request and the authorization on file. */
export interface ReleaseBasis {
  requesterType: string;
  /** The patient's own request under the right of access (164.524). */
  toPatient: boolean;
  purpose: string;
  /** Sensitive categories the authorization names; null when no authorization is on file. */
  authorizedCategories: string[] | null;
}

/** A patient-requested restriction (164.522(a)) as it bears on a release. */
export interface Restriction {
  requesterTypes: string[];
  encounterIds: string[];
}

/** Record types a request may name, and which chart items each covers. */
export const RECORD_TYPES = [
  'encounters',
  'discharge-summary',
  'history-and-physical',
  'progress-notes',
  'consultations',
  'operative-reports',
  'other-notes',
  'lab-result',
  'imaging',
  'medications',
  'allergies',
  'history',
  'diagnoses-procedures',
  'outside-records',
  'consents',
  'other-documents',
] as const;

const NOTE_TYPE: Record<string, string> = {
  discharge_summary: 'discharge-summary',
  history_and_physical: 'history-and-physical',
  progress_note: 'progress-notes',
  consultation: 'consultations',
  operative_report: 'operative-reports',
  procedure_note: 'operative-reports',
};
const ENTRY_TYPE: Record<string, string> = {
  result: 'lab-result',
  medication: 'medications',
  med_reconciliation: 'medications',
  allergy: 'allergies',
  allergy_assertion: 'allergies',
  problem: 'history',
  surgery: 'history',
  family_history: 'history',
  social_history: 'history',
  concern: 'history',
  diagnosis: 'diagnoses-procedures',
  procedure: 'diagnoses-procedures',
  order: 'diagnoses-procedures',
};
const DOCUMENT_TYPE: Record<string, string> = {
  lab_report: 'lab-result',
  imaging_report: 'imaging',
  referral: 'outside-records',
  outside_records: 'outside-records',
  consent: 'consents',
};

const day = (iso: string) => iso.slice(0, 10);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function entryItem(e: ChartForRelease['entries'][number], visitDate: Map<string, string>): PacketItem {
  const d = e.data;
  const recordType =
    e.kind === 'note' ? (NOTE_TYPE[str(d.noteType)] ?? 'other-notes') : (ENTRY_TYPE[e.kind] ?? 'history');
  const clinical = str(d.performedAt) || (e.encounterId ? (visitDate.get(e.encounterId) ?? '') : '');
  const title =
    str(d.title) || str(d.name) || str(d.description) || str(d.drug) || str(d.substance) || e.kind;
  return {
    type: 'entry',
    id: e.id,
    version: e.version,
    kind: e.kind,
    title: `${e.kind.replace(/_/g, ' ')}: ${title}`,
    date: day(clinical || e.createdAt),
    recordType,
    encounterId: e.encounterId,
    labels: [],
  };
}

/** Every chart item as a packet item, with its record type and date (entered-in-error items flagged). */
export function packetCandidates(chart: ChartForRelease): { item: PacketItem; inError: boolean }[] {
  const visitDate = new Map(chart.encounters.map((e) => [e.id, day(e.startsAt)]));
  const out: { item: PacketItem; inError: boolean }[] = [];
  for (const e of chart.encounters)
    out.push({
      inError: e.enteredInError,
      item: {
        type: 'encounter',
        id: e.id,
        version: e.version,
        kind: e.class,
        title: `Encounter: ${e.type}, ${e.location}`,
        date: day(e.startsAt),
        recordType: 'encounters',
        encounterId: e.id,
        labels: [],
      },
    });
  for (const e of chart.entries) out.push({ inError: e.enteredInError, item: entryItem(e, visitDate) });
  for (const d of chart.documents)
    out.push({
      inError: d.enteredInError,
      item: {
        type: 'document',
        id: d.id,
        version: d.version,
        kind: d.documentType,
        title: `Document: ${d.title}`,
        date: d.serviceDate,
        recordType: DOCUMENT_TYPE[d.documentType] ?? 'other-documents',
        encounterId: d.encounterId,
        labels: [],
      },
    });
  for (const o of out) o.item.labels = chart.labels.get(o.item.id) ?? [];
  return out;
}

/** Whether an item lies within what was asked: encounters, dates and record types (164.508(c)(1)(i)). */
export function inScope(item: PacketItem, scope: RequestScope): boolean {
  if (scope.encounterIds.length && !(item.encounterId && scope.encounterIds.includes(item.encounterId)))
    return false;
  if (scope.dateFrom && item.date < scope.dateFrom) return false;
  if (scope.dateTo && item.date > scope.dateTo) return false;
  return scope.recordTypes.length === 0 || scope.recordTypes.includes(item.recordType);
}

/**
 * Why a labelled item may not go out under this release, or null when it may. Psychotherapy notes are
 * excluded from the right of access (164.524(a)(1)(i)) and otherwise need an authorization naming them
 * (164.508(a)(2)); Part 2 records need a consent naming them (42 CFR 2.31) except to the patient
 * (42 CFR 2.23); the other categories follow state law and facility policy: named in the authorization,
 * to the patient, or for treatment.
 */
export function labelBlock(label: string, basis: ReleaseBasis): { reason: string; rule: string } | null {
  const named = basis.authorizedCategories?.includes(label) ?? false;
  if (label === 'psychotherapy') {
    if (basis.toPatient)
      return {
        reason: 'Psychotherapy notes are excluded from the right of access',
        rule: '164.524(a)(1)(i)',
      };
    return named
      ? null
      : { reason: 'Psychotherapy notes need an authorization that names them', rule: '164.508(a)(2)' };
  }
  if (label === 'substance_use_part2')
    return basis.toPatient || named
      ? null
      : {
          reason: 'Part 2 substance use disorder record not covered by a Part 2 consent',
          rule: '42 CFR 2.31',
        };
  if (basis.toPatient || named || basis.purpose === 'treatment') return null;
  return {
    reason: `${label.replace(/_/g, ' ')} information not named in the authorization`,
    rule: 'state law / facility policy',
  };
}

/**
 * Chooses what goes into the packet: items in scope, minus entered-in-error items, items under a
 * patient-requested restriction that applies to this requester (164.522(a)), and labelled items the
 * release does not cover. Everything left out of scope is simply not asked for; everything withheld is
 * listed with its reason for the clerk (never in the packet itself).
 */
export function selectPacket(
  chart: ChartForRelease,
  scope: RequestScope,
  basis: ReleaseBasis,
  restrictions: Restriction[],
): { included: PacketItem[]; withheld: WithheldItem[] } {
  const included: PacketItem[] = [];
  const withheld: WithheldItem[] = [];
  const applies = restrictions.filter(
    (r) =>
      !basis.toPatient && (r.requesterTypes.length === 0 || r.requesterTypes.includes(basis.requesterType)),
  );
  for (const { item, inError } of packetCandidates(chart)) {
    if (!inScope(item, scope)) continue;
    if (inError) {
      withheld.push({ ...item, reason: 'Marked entered in error', rule: 'record integrity' });
      continue;
    }
    const restricted = applies.some(
      (r) =>
        r.encounterIds.length === 0 ||
        (item.encounterId !== null && r.encounterIds.includes(item.encounterId)),
    );
    if (restricted) {
      withheld.push({ ...item, reason: 'Patient-requested restriction', rule: '45 CFR 164.522(a)' });
      continue;
    }
    const block = item.labels.map((l) => labelBlock(l, basis)).find((b) => b !== null);
    if (block) withheld.push({ ...item, ...block });
    else included.push(item);
  }
  const order = (a: PacketItem, b: PacketItem) =>
    a.date.localeCompare(b.date) || a.type.localeCompare(b.type);
  return { included: included.sort(order), withheld: withheld.sort(order) };
}
