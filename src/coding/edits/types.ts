import type { MueRecord, PtpRecord } from '../loaders/ncci.ts';

export type Sex = 'female' | 'male' | 'unknown';
export type Poa = 'Y' | 'N' | 'U' | 'W' | '1';

/** The coded encounter the edits check (the shape the coding screen drafts). */
export interface EncounterDraft {
  dateOfService: string;
  patient: { ageYears: number; sex: Sex };
  inpatient: boolean;
  diagnoses: { code: string; sequence: number; poa?: Poa | undefined }[];
  procedures: {
    system: 'icd10pcs' | 'hcpcs' | 'cpt';
    code: string;
    modifiers: string[];
    units: number;
    date?: string | undefined;
  }[];
}

/** One problem found: which edit, how bad (error blocks billing), and what the coder should do. */
export interface Finding {
  edit: string;
  severity: 'error' | 'warning';
  message: string;
  codes: string[];
  suggestions?: string[];
}

/** What the database knows about one code, looked up by the service before the pure edits run. */
export interface CodeFact {
  billable: boolean;
  description: string;
  /** Up to a few billable descendants (for headers). */
  billableChildren: string[];
}

/** Everything the pure edits need, fetched up front so the edits themselves never touch the database. */
export interface EditFacts {
  /** Per system: codes present in the version in force on the date of service. Key = normalised code. */
  inForce: Record<string, Map<string, CodeFact>>;
  /** Per system: codes present only in other loaded versions. */
  otherVersions: Record<string, Set<string>>;
  /** Systems with no version in force on the date of service. */
  systemsNotLoaded: Set<string>;
  /** POA-exempt codes among the diagnoses; null when no exempt list is loaded for the year. */
  poaExempt: Set<string> | null;
  ptp: PtpRecord[];
  mue: MueRecord[];
}

/** Normalised (no dot, upper case) form used by every edit. */
export const norm = (code: string) => code.replace(/[.\s]/g, '').toUpperCase();
