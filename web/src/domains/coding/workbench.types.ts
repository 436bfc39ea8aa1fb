/** Shapes of the encounter coding workbench API (src/coding/workbench/workbench.schemas.ts). */

export type CodingStatus = 'uncoded' | 'coded' | 'on_hold' | 'final';
export type CodingAction = 'save' | 'hold' | 'release' | 'finalize' | 'reopen';
export type Poa = 'Y' | 'N' | 'U' | 'W' | '1';

export interface DiagnosisLine {
  code: string;
  sequence: number;
  poa?: Poa;
}
export interface ProcedureLine {
  system: 'icd10pcs' | 'cpt' | 'hcpcs';
  code: string;
  modifiers: string[];
  units: number;
  date?: string;
}
export interface DrugLine {
  code: string;
  units: number;
  date?: string;
}
export interface Finding {
  edit: string;
  severity: 'error' | 'warning';
  message: string;
  codes: string[];
  suggestions?: string[];
}

export interface CodingRecord {
  encounterId: string;
  status: CodingStatus;
  version: number;
  diagnoses: DiagnosisLine[];
  procedures: ProcedureLine[];
  drugs: DrugLine[];
  coderNotes: string | null;
  holdQuestion: string | null;
  edits: Finding[];
  editsRunAt: string | null;
  finalizedAt: string | null;
  allowedActions: CodingAction[];
}

export interface CodingScreen {
  encounter: {
    id: string;
    class: 'appointment' | 'inpatient';
    type: string;
    location: string;
    reason: string;
    startsAt: string;
    dischargedAt: string | null;
    dateOfService: string;
    provider: string | null;
  };
  patient: {
    id: string;
    mrn: string;
    name: string;
    birthDate: string;
    sex: 'F' | 'M' | 'U';
    ageYears: number;
    payer: string | null;
  };
  notes: { id: string; noteType: string; title: string; text: string; status: string; createdAt: string }[];
  stated: { id: string; kind: 'diagnosis' | 'procedure'; description: string; code: string | null }[];
  documents: { id: string; title: string; documentType: string; serviceDate: string; mediaType: string }[];
  coding: CodingRecord;
  titles: { system: string; code: string; display: string; description: string }[];
}

export interface QueueFilter {
  status: 'open' | CodingStatus;
  class?: string;
  type?: string;
  facility?: string;
  payer?: string;
  minAge?: string;
  maxAge?: string;
}
export interface QueueItem {
  encounterId: string;
  accessible: boolean;
  patientName: string | null;
  mrn: string | null;
  ageYears: number;
  class: 'appointment' | 'inpatient';
  type: string;
  location: string;
  startsAt: string;
  dischargedAt: string | null;
  payer: string | null;
  chartComplete: boolean;
  codingStatus: CodingStatus;
}
