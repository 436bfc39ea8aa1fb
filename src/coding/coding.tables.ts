import type { Generated } from 'kysely';
import type { CodingImportJobTable } from './import-job.tables.ts';
import type { WorkbenchTables } from './workbench/workbench.tables.ts';

/** One loaded version of a code system (e.g. icd10cm FY2026). */
export interface CodingCodeSystemVersionTable {
  system: string;
  version: string;
  /** 'YYYY-MM-DD' or null when the source has no validity period (ICD-O-3). */
  effective_from: string | null;
  effective_to: string | null;
  source_name: string;
  /** SHA-256 of the loaded file: a re-import of identical content reports "unchanged". */
  checksum: string;
  billable_count: number;
  header_count: number;
  loaded_at: Generated<Date>;
}

export interface CodingCodeTable {
  system: string;
  version: string;
  /** Without the dot, upper case (as CMS files, X12 and NAACCR carry it). */
  code: string;
  billable: boolean;
  short_description: string;
  long_description: string;
  search_vector: Generated<string>;
}

export interface CodingPoaExemptTable {
  version: string;
  code: string;
}

export interface CodingNcciPtpTable {
  column1: string;
  column2: string;
  effective_date: string;
  deletion_date: string | null;
  modifier_indicator: string;
  rationale: string;
}

export interface CodingMueTable {
  code: string;
  max_units: number;
  adjudication_indicator: string;
  rationale: string;
}

export interface CodingTables extends WorkbenchTables {
  coding_code_system_version: CodingCodeSystemVersionTable;
  coding_code: CodingCodeTable;
  coding_poa_exempt: CodingPoaExemptTable;
  coding_ncci_ptp: CodingNcciPtpTable;
  coding_mue: CodingMueTable;
  coding_import_job: CodingImportJobTable;
}
