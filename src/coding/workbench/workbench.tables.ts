import type { ColumnType } from 'kysely';
import type { Finding } from '../edits/index.ts';
import type { DiagnosisLine, DrugLine, ProcedureLine } from './workbench-rules.ts';

export type CodingStatus = 'uncoded' | 'coded' | 'on_hold' | 'final';

type Json<T> = ColumnType<T, string, string>;

/** The codes assigned to one encounter (one row per encounter; every change also appends a version). */
export interface CodingEncounterTable {
  encounter_id: string;
  patient_id: string;
  status: CodingStatus;
  version: number;
  diagnoses: Json<DiagnosisLine[]>;
  procedures: Json<ProcedureLine[]>;
  drugs: Json<DrugLine[]>;
  coder_notes: string | null;
  hold_question: string | null;
  /** The coding edits as last run (on save and before final), stored with the encounter (issue 7). */
  edits: Json<Finding[]>;
  edits_run_at: Date | null;
  coded_by: string | null;
  coded_at: Date | null;
  finalized_by: string | null;
  finalized_at: Date | null;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
}

/** Append-only history of encounter coding (the database refuses UPDATE and DELETE). */
export interface CodingEncounterVersionTable {
  id: ColumnType<string, string | undefined, never>;
  encounter_id: string;
  patient_id: string;
  version: number;
  /** save, hold, release, finalize, finalize_blocked, reopen */
  action: string;
  status: CodingStatus;
  snapshot: Json<Record<string, unknown>>;
  reason: string | null;
  error_count: number;
  warning_count: number;
  changed_by: string;
  changed_at: Date;
}

export interface WorkbenchTables {
  coding_encounter: CodingEncounterTable;
  coding_encounter_version: CodingEncounterVersionTable;
}
