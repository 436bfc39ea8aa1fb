import type { DocumentRow, EncounterRow, EntryRow, VersionRow } from './chart.queries.ts';
import type { ChartDocument, ChartEntry, Encounter } from './chart.schemas.ts';
import { ENCOUNTER_TRANSITIONS } from './chart-rules.ts';
import type { EntryKind } from './entry-kinds.ts';

/** Rows become API shapes on purpose (CONVENTIONS 6): the response schemas then drop anything unlisted. */
const stamps = (r: EntryRow | EncounterRow | DocumentRow) => ({
  id: r.id,
  patientId: r.patient_id,
  enteredInError: r.entered_in_error,
  enteredInErrorReason: r.entered_in_error_reason,
  version: r.version,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedBy: r.updated_by,
  updatedAt: r.updated_at.toISOString(),
});

export const entryToApi = (r: EntryRow): ChartEntry => ({
  ...stamps(r),
  kind: r.kind as EntryKind,
  encounterId: r.encounter_id,
  data: r.data,
});

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function encounterToApi(r: EncounterRow): Encounter {
  const d = r.data;
  return {
    ...stamps(r),
    class: r.class,
    status: r.status,
    type: String(d.type),
    startsAt: r.starts_at.toISOString(),
    providerId: r.provider_id ?? '',
    location: String(d.location),
    reason: String(d.reason),
    dischargedAt: str(d.dischargedAt),
    dischargeDisposition: str(d.dischargeDisposition),
    disposition: str(d.disposition),
    followUp: str(d.followUp),
    allowedTransitions: r.entered_in_error ? [] : [...ENCOUNTER_TRANSITIONS[r.status]],
  };
}

export const documentToApi = (r: DocumentRow): ChartDocument => ({
  ...stamps(r),
  encounterId: r.encounter_id,
  documentType: r.document_type,
  serviceDate: r.service_date,
  title: r.title,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
});

export const versionToApi = (v: VersionRow & { changed_by_name: string | null }) => ({
  version: v.version,
  changedFields: v.changed_fields,
  reason: v.reason,
  changedBy: v.changed_by,
  changedByName: v.changed_by_name,
  changedAt: v.changed_at.toISOString(),
  snapshot: v.snapshot,
});
