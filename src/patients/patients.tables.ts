import type { Generated } from 'kysely';

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
}

export interface PatientsTables {
  patient: PatientTable;
}
