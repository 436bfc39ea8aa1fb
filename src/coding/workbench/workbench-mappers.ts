import type { CodingRow, EncounterForCoding } from './workbench.queries.ts';
import type { CodingRecord, CodingScreen } from './workbench.schemas.ts';
import type { CodingStatus } from './workbench.tables.ts';
import { ageOn, CODING_ACTIONS } from './workbench-rules.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The API shape of an encounter's coding (allow-listed by codingRecordSchema), or an empty one. */
export function codingToApi(
  row: CodingRow | undefined,
  enc: { id: string; patient_id: string },
): CodingRecord {
  const status: CodingStatus = row?.status ?? 'uncoded';
  return {
    encounterId: enc.id,
    patientId: enc.patient_id,
    status,
    version: row?.version ?? 0,
    diagnoses: row?.diagnoses ?? [],
    procedures: row?.procedures ?? [],
    drugs: row?.drugs ?? [],
    coderNotes: row?.coder_notes ?? null,
    holdQuestion: row?.hold_question ?? null,
    edits: row?.edits ?? [],
    editsRunAt: iso(row?.edits_run_at ?? null),
    codedBy: row?.coded_by ?? null,
    codedAt: iso(row?.coded_at ?? null),
    finalizedBy: row?.finalized_by ?? null,
    finalizedAt: iso(row?.finalized_at ?? null),
    updatedAt: iso(row?.updated_at ?? null),
    allowedActions: [...CODING_ACTIONS[status]],
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Dates of the encounter: the day it began, the day it ended, and the date whose code set applies. */
export function encounterDates(e: EncounterForCoding) {
  const from = e.starts_at.toISOString().slice(0, 10);
  const discharged = str(e.data.dischargedAt);
  const to = discharged ? discharged.slice(0, 10) : from;
  return { from, to, dateOfService: e.class === 'inpatient' ? to : from, discharged };
}

export function encounterSummary(e: EncounterForCoding): CodingScreen['encounter'] {
  const d = encounterDates(e);
  return {
    id: e.id,
    class: e.class,
    type: str(e.data.type) ?? '',
    location: str(e.data.location) ?? '',
    reason: str(e.data.reason) ?? '',
    startsAt: e.starts_at.toISOString(),
    dischargedAt: d.discharged,
    dateOfService: d.dateOfService,
    provider: e.provider_name,
  };
}

export function patientSummary(e: EncounterForCoding): CodingScreen['patient'] {
  return {
    id: e.patient_id,
    mrn: e.mrn,
    name: `${e.family_name}, ${e.given_name}`,
    birthDate: e.birth_date,
    sex: e.sex_at_birth,
    ageYears: ageOn(e.birth_date, encounterDates(e).from),
    payer: e.payer,
  };
}

type EntryRow = { id: string; kind: string; data: Record<string, unknown>; created_at: Date };

/**
 * Splits the encounter's chart entries into notes and what the clinician stated (dx and procedures).
 * Items in `hidden` (sensitivity labels the actor may not see, docs/disclosure.md) are listed with a
 * `withheld` marker and no content: the coder learns that something is there and routes the encounter to
 * a role cleared for it, and sees nothing more (minimum necessary, 45 CFR 164.502(b)).
 */
export function chartEntriesToApi(
  rows: EntryRow[],
  hidden: ReadonlySet<string> = new Set(),
): Pick<CodingScreen, 'notes' | 'stated'> {
  const notes: CodingScreen['notes'] = [];
  const stated: CodingScreen['stated'] = [];
  for (const r of rows) {
    if (hidden.has(r.id)) {
      if (r.kind === 'note')
        notes.push({
          id: r.id,
          noteType: 'other',
          title: '',
          text: '',
          status: str(r.data.status) ?? 'draft',
          createdAt: r.created_at.toISOString(),
          withheld: true,
        });
      else
        stated.push({
          id: r.id,
          kind: r.kind === 'diagnosis' ? 'diagnosis' : 'procedure',
          description: '',
          code: null,
          withheld: true,
        });
    } else if (r.kind === 'note') {
      notes.push({
        id: r.id,
        noteType: str(r.data.noteType) ?? 'other',
        title: str(r.data.title) ?? '',
        text: str(r.data.text) ?? '',
        status: str(r.data.status) ?? 'draft',
        createdAt: r.created_at.toISOString(),
      });
    } else {
      stated.push({
        id: r.id,
        kind: r.kind === 'diagnosis' ? 'diagnosis' : 'procedure',
        description: str(r.data.description) ?? '',
        code: str(r.data.provisionalCode) ?? str(r.data.code),
      });
    }
  }
  return { notes, stated };
}

type DocumentRow = {
  id: string;
  title: string;
  document_type: string;
  service_date: string;
  media_type: string;
};

/** The encounter's documents; a labelled one the actor may not see keeps only its type and date. */
export function documentsToApi(rows: DocumentRow[], hidden: ReadonlySet<string>): CodingScreen['documents'] {
  return rows.map((d) => ({
    id: d.id,
    title: hidden.has(d.id) ? '' : d.title,
    documentType: d.document_type,
    serviceDate: d.service_date,
    mediaType: d.media_type,
    ...(hidden.has(d.id) ? { withheld: true as const } : {}),
  }));
}
