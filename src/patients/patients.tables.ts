import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** A phone on the patient row (jsonb): use and the number as entered, normalized to digits. */
export interface PhoneJson {
  use: 'home' | 'mobile' | 'work';
  number: string;
}

/** Emergency contact or guarantor (jsonb): a person, not a patient record. */
export interface ContactJson {
  name: string;
  relationship: string;
  phone: string | null;
}

type Json<T extends object> = JSONColumnType<T, string, string>;

export interface PatientTable {
  id: Generated<string>;
  mrn: string;
  family_name: string;
  given_name: string;
  middle_name: string | null;
  suffix: string | null;
  /** YYYY-MM-DD (DATE columns are read as strings: a date of birth has no time zone). */
  birth_date: string;
  sex_at_birth: 'F' | 'M' | 'U';
  status: Generated<'active' | 'merged'>;
  merged_into: string | null;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
  gender_identity: ColumnType<string | null, string | null | undefined>;
  /** AES-GCM sealed SSN (FieldCipher), with keyed hashes of the full number and of its last four. */
  ssn_enc: ColumnType<string | null, string | null | undefined>;
  ssn_hash: ColumnType<string | null, string | null | undefined>;
  ssn_last4_hash: ColumnType<string | null, string | null | undefined>;
  email: ColumnType<string | null, string | null | undefined>;
  preferred_language: ColumnType<string | null, string | null | undefined>;
  race: ColumnType<string[], string[] | undefined>;
  ethnicity: ColumnType<string | null, string | null | undefined>;
  marital_status: ColumnType<string | null, string | null | undefined>;
  date_of_death: ColumnType<string | null, string | null | undefined>;
  phones: ColumnType<PhoneJson[], string | undefined, string>;
  phone_digits: ColumnType<string[], string[] | undefined>;
  emergency_contact: ColumnType<ContactJson | null, string | null | undefined, string | null>;
  guarantor: ColumnType<ContactJson | null, string | null | undefined, string | null>;
  /** Blocking keys: Double Metaphone of the names, and the names upper-cased letters only. */
  family_key: ColumnType<string, string | undefined>;
  given_key: ColumnType<string, string | undefined>;
  family_norm: ColumnType<string, string | undefined>;
  given_norm: ColumnType<string, string | undefined>;
  /** Current address line and postal code, denormalized for matching. */
  address_line: ColumnType<string | null, string | null | undefined>;
  postal_code: ColumnType<string | null, string | null | undefined>;
  updated_by: ColumnType<string | null, string | null | undefined>;
}

export interface PatientOtherNameTable {
  id: Generated<string>;
  patient_id: string;
  kind: 'maiden' | 'alias' | 'previous';
  family_name: string;
  given_name: string | null;
  family_key: string;
  created_at: Date;
}

export interface PatientAddressTable {
  id: Generated<string>;
  patient_id: string;
  use: Generated<string>;
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  postal_code: string;
  country: Generated<string>;
  is_current: boolean;
  valid_from: string;
  valid_to: string | null;
  created_at: Date;
}

export type IdentifierKind = 'other_mrn' | 'member_id' | 'drivers_license' | 'passport' | 'other';

export interface PatientIdentifierTable {
  id: Generated<string>;
  patient_id: string;
  kind: IdentifierKind;
  system: string;
  value: string;
  created_at: Date;
}

export interface PatientCoverageTable {
  id: Generated<string>;
  patient_id: string;
  priority: 'primary' | 'secondary' | 'tertiary';
  payer: string;
  plan: string | null;
  member_id: string;
  group_number: string | null;
  subscriber_name: string;
  relationship: 'self' | 'spouse' | 'child' | 'other';
  effective_from: string;
  effective_to: string | null;
  status: Generated<'active' | 'entered_in_error'>;
  created_at: Date;
}

export interface PatientVersionTable {
  id: Generated<string>;
  patient_id: string;
  version: number;
  changed_at: Date;
  changed_by: string;
  action: string;
  reason: string | null;
  changed_fields: string[];
  snapshot: Json<Record<string, unknown>>;
}

export interface PatientSweepTable {
  id: Generated<string>;
  status: 'running' | 'done' | 'failed';
  started_at: Date;
  finished_at: Date | null;
  started_by: string;
  cursor: string | null;
  processed: Generated<number>;
  total: Generated<number>;
  pairs_found: Generated<number>;
  /** The job (kernel_job.id) running this sweep. */
  job_id: string | null;
}

export interface PatientDuplicateTable {
  id: Generated<string>;
  patient_a: string;
  patient_b: string;
  score: number;
  band: string;
  fields: Json<unknown[]>;
  /** Why the pair was held out of "certain" (matching.ts `Caution`); empty on pairs found before issue 17. */
  cautions: JSONColumnType<unknown[], string | undefined, string>;
  status: Generated<'open' | 'deferred' | 'merged' | 'not_duplicate'>;
  /** The reviewer's note when the pair was deferred (what is awaited). */
  deferred_note: string | null;
  found_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
}

export interface PatientMergeTable {
  id: Generated<string>;
  survivor_id: string;
  retired_id: string;
  reason: string | null;
  merged_at: Date;
  merged_by: string;
  moved: Json<Record<string, string[]>>;
  unmerged_at: Date | null;
  unmerged_by: string | null;
}

/** A trained matcher model (issue 17): m/u/λ from EM on the live index, and its evaluation figures. */
export interface PatientMatchModelTable {
  id: Generated<string>;
  version: number;
  model: Json<Record<string, unknown>>;
  trained_at: Date;
  trained_by: string;
  records: number;
  pairs: number;
  iterations: number;
  converged: boolean;
  lambda: number;
  evaluation: Json<Record<string, unknown>>;
  active: Generated<boolean>;
  activated_at: Date | null;
  activated_by: string | null;
}

export interface PatientsTables {
  patient: PatientTable;
  patient_other_name: PatientOtherNameTable;
  patient_address: PatientAddressTable;
  patient_identifier: PatientIdentifierTable;
  patient_coverage: PatientCoverageTable;
  patient_version: PatientVersionTable;
  patient_sweep: PatientSweepTable;
  patient_duplicate: PatientDuplicateTable;
  patient_merge: PatientMergeTable;
  patient_match_model: PatientMatchModelTable;
}
