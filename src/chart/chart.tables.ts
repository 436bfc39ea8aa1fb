import type { Generated } from 'kysely';

export type EncounterStatus = 'scheduled' | 'arrived' | 'in_progress' | 'completed' | 'cancelled' | 'no_show';
export type VersionedEntity = 'entry' | 'encounter' | 'document';

interface Audited {
  entered_in_error: Generated<boolean>;
  entered_in_error_reason: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
}

export interface ChartEncounterTable extends Audited {
  id: Generated<string>;
  patient_id: string;
  class: 'appointment' | 'inpatient';
  status: EncounterStatus;
  /** Type, location, reason, admission/discharge, disposition, follow-up (validated by encounterDataSchema). */
  data: Record<string, unknown>;
  provider_id: string | null;
  starts_at: Date;
}

export interface ChartEntryTable extends Audited {
  id: Generated<string>;
  patient_id: string;
  kind: string;
  encounter_id: string | null;
  /** The entry's fields, validated by the zod schema of its kind (chart.schemas.ts). */
  data: Record<string, unknown>;
}

export interface ChartDocumentTable extends Audited {
  id: Generated<string>;
  patient_id: string;
  encounter_id: string | null;
  document_type: string;
  /** YYYY-MM-DD */
  service_date: string;
  title: string;
  media_type: string;
  sha256: string;
  size_bytes: number;
}

export interface ChartVersionTable {
  id: Generated<string>;
  patient_id: string;
  entity_type: VersionedEntity;
  entity_id: string;
  version: number;
  snapshot: Record<string, unknown>;
  changed_fields: string[];
  reason: string | null;
  changed_by: string;
  changed_at: Date;
}

export interface ChartMergeMoveTable {
  merge_id: string;
  table_name: string;
  row_id: string;
  from_patient_id: string;
  to_patient_id: string;
  moved_at: Date;
  restored_at: Date | null;
}

/** A sensitivity label on one entry or document (issue 6); removal is stamped, never deleted. */
export interface ChartSensitivityLabelTable {
  id: Generated<string>;
  patient_id: string;
  entity_type: 'entry' | 'document';
  entity_id: string;
  label: string;
  reason: string;
  set_by: string;
  set_at: Date;
  removed_at: Date | null;
  removed_by: string | null;
  removed_reason: string | null;
}

export interface ChartTables {
  chart_encounter: ChartEncounterTable;
  chart_entry: ChartEntryTable;
  chart_document: ChartDocumentTable;
  chart_version: ChartVersionTable;
  chart_merge_move: ChartMergeMoveTable;
  chart_sensitivity_label: ChartSensitivityLabelTable;
}
