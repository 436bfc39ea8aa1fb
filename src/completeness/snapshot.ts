import type { EncounterSnapshot, SnapshotNote, SnapshotProcedure } from './rules/types.ts';

export interface SnapshotInput {
  encounters: {
    id: string;
    patient_id: string;
    class: string;
    status: string;
    provider_id: string | null;
    starts_at: Date;
    data: Record<string, unknown>;
    updated_at: Date;
    entered_in_error: boolean;
  }[];
  entries: {
    id: string;
    encounter_id: string | null;
    kind: string;
    data: Record<string, unknown>;
    created_by: string;
    created_at: Date;
    entered_in_error: boolean;
  }[];
  signatures: { entry_id: string; role: 'author' | 'cosigner'; signed_at: Date }[];
  cosigns: { entry_id: string; cosigner_user_id: string }[];
  consents: { id: string; encounter_id: string | null }[];
}

const STATUS: Record<string, EncounterSnapshot['status']> = {
  scheduled: 'scheduled',
  arrived: 'arrived',
  in_progress: 'in-progress',
  completed: 'completed',
  cancelled: 'cancelled',
  no_show: 'no-show',
};
const date = (v: unknown): Date | null =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null;

/**
 * Surgery-section CPT codes (10004-69990, AMA CPT) mark a procedure as operative: it needs an operative
 * report and a consent document. The chart records no separate flag, so the code decides; an explicit
 * `operative` in the entry's data wins.
 */
export function isOperative(data: Record<string, unknown>): boolean {
  if (typeof data.operative === 'boolean') return data.operative;
  const code = typeof data.code === 'string' ? data.code.trim() : '';
  if (!/^\d{5}$/.test(code)) return false;
  const n = Number(code);
  return n >= 10004 && n <= 69990;
}

function groupBy<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}

/**
 * Builds the rules' view of each encounter from chart rows and completion's signatures (pure, so the
 * mapping is unit-tested). Note types use the chart's names with hyphens (discharge_summary →
 * discharge-summary) as the rules expect. Entered-in-error encounters have nothing to complete.
 */
export function buildSnapshots(input: SnapshotInput): EncounterSnapshot[] {
  const entriesBy = groupBy(input.entries, (e) => e.encounter_id);
  const signed = new Map<string, Date>();
  const cosigned = new Map<string, Date>();
  for (const s of input.signatures) (s.role === 'author' ? signed : cosigned).set(s.entry_id, s.signed_at);
  const cosigner = new Map(input.cosigns.map((c) => [c.entry_id, c.cosigner_user_id]));
  const consentOn = new Map(input.consents.map((c) => [c.encounter_id ?? '', c.id]));
  return input.encounters
    .filter((e) => !e.entered_in_error)
    .map((e) => {
      const entries = (entriesBy.get(e.id) ?? []).filter((x) => !x.entered_in_error || x.kind === 'note');
      const ofKind = (k: string) => entries.filter((x) => x.kind === k);
      const notes: SnapshotNote[] = ofKind('note').map((n) => ({
        id: n.id,
        type: String(n.data.noteType ?? 'other').replace(/_/g, '-'),
        authorId: n.created_by,
        createdAt: n.created_at,
        signedAt: signed.get(n.id) ?? null,
        cosignerId: cosigner.get(n.id) ?? null,
        cosignedAt: cosigned.get(n.id) ?? null,
        enteredInError: n.entered_in_error,
      }));
      const procedures: SnapshotProcedure[] = ofKind('procedure').map((p) => ({
        id: p.id,
        performerId: typeof p.data.performerId === 'string' ? p.data.performerId : p.created_by,
        performedAt: date(p.data.performedAt) ?? p.created_at,
        operative: isOperative(p.data),
        requiresConsent: isOperative(p.data),
        consentDocumentId: consentOn.get(e.id) ?? null,
      }));
      const inpatient = e.class === 'inpatient';
      const status = STATUS[e.status] ?? 'scheduled';
      return {
        encounterId: e.id,
        patientId: e.patient_id,
        facilityId: null,
        service: typeof e.data.type === 'string' ? e.data.type : null,
        inpatient,
        status,
        attendingId: e.provider_id,
        admittedAt: inpatient ? e.starts_at : null,
        dischargedAt: inpatient ? date(e.data.dischargedAt) : null,
        // A visit is complete on its day unless the chart recorded a completion time.
        completedAt: status === 'completed' ? (date(e.data.completedAt) ?? e.starts_at) : null,
        notes,
        orders: ofKind('order').map((o) => ({
          id: o.id,
          mode: o.data.mode === 'verbal' || o.data.mode === 'telephone' ? o.data.mode : 'written',
          providerId:
            typeof o.data.orderingProviderId === 'string' ? o.data.orderingProviderId : o.created_by,
          orderedAt: o.created_at,
          authenticatedAt: signed.get(o.id) ?? null,
        })),
        // A result recorded on a visit was ordered by that visit's provider unless the lab named another.
        results: ofKind('result').map((r) => ({
          id: r.id,
          orderingProviderId:
            typeof r.data.orderingProviderId === 'string' ? r.data.orderingProviderId : e.provider_id,
          reportedAt: date(r.data.reportedAt) ?? r.created_at,
        })),
        procedures,
        diagnosisCount: ofKind('diagnosis').length,
      };
    });
}
