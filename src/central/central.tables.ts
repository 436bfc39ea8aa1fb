import type { Generated } from 'kysely';

/** A reporting source of the central registry (a hospital, lab or physician office) and its credential. */
export interface CentralSourceTable {
  id: Generated<string>;
  code: string;
  name: string;
  /** Reporting Facility (#540) the source's abstracts carry. */
  facility_id: string;
  npi: string | null;
  contact: string | null;
  expected_volume: number | null;
  /** sha256 of the submission token. */
  token_hash: string;
  revoked_at: Date | null;
  created_by: string;
  created_at: Date;
}

export interface SubmissionError {
  record: number;
  line: number;
  messages: string[];
}

/** One file a source sent: kept unchanged (chunks), its hash and the receipt sent back. */
export interface CentralSubmissionTable {
  id: Generated<string>;
  source_id: string;
  status: 'receiving' | 'complete' | 'refused';
  sha256: string | null;
  bytes: Generated<string>;
  file_name: string | null;
  record_type: string | null;
  accepted: Generated<number>;
  rejected: Generated<number>;
  duplicates: Generated<number>;
  errors: SubmissionError[];
  refusal: string | null;
  received_at: Date;
  completed_at: Date | null;
}

export interface CentralSubmissionChunkTable {
  submission_id: string;
  seq: number;
  data: Buffer;
}

/** One Patient record of a submission, as the source sent it (never changed by another source). */
export interface CentralRecordTable {
  id: Generated<string>;
  source_id: string;
  submission_id: string;
  record_index: number;
  patient_id_number: string;
  items: Record<string, string>;
  tumours: Record<string, string>[];
  content_hash: string;
  status: 'pending' | 'superseded' | 'deleted';
  received_at: Date;
}

/** A consolidated value and where it came from (issue 16: "each consolidated value keeping which source"). */
export interface ConsolidatedValue {
  value: string;
  /** Source code (central_source.code), or "override" for a registrar's value. */
  source: string;
  recordId: string | null;
  /** The rule that chose it, in words. */
  reason: string;
}

export type ConsolidatedItems = Record<string, ConsolidatedValue>;

/** One registry person: the consolidated patient-level items of every record linked to it. */
export interface CentralPersonTable {
  id: Generated<string>;
  items: Generated<ConsolidatedItems>;
  dirty: Generated<boolean>;
  created_at: Date;
  consolidated_at: Date | null;
}

export type LinkMethod = 'auto' | 'same-number' | 'new' | 'clerical';

/** A source record linked to a registry person. */
export interface CentralLinkTable {
  person_id: string;
  record_id: string;
  method: LinkMethod;
  score: number | null;
  decided_by: string;
  linked_at: Date;
}

/** Blocking keys of linked records (set-based candidate search). */
export interface CentralBlockTable {
  person_id: string;
  key: string;
  record_id: string;
}

export type ReviewStatus = 'pending' | 'linked' | 'separate' | 'reopened';

/** A record whose best candidate fell in the clerical band: waits for a registrar. */
export interface CentralReviewTable {
  id: Generated<string>;
  record_id: string;
  candidate_person_id: string;
  candidate_record_id: string;
  score: number;
  band: string;
  fields: unknown;
  cautions: unknown;
  status: ReviewStatus;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  created_at: Date;
}

/** One consolidated tumour (primary) of a registry person. */
export interface CentralTumourTable {
  person_id: string;
  id: Generated<string>;
  primary_site: string | null;
  histology: string | null;
  laterality: string | null;
  diagnosis_date: string | null;
  items: Generated<ConsolidatedItems>;
  created_at: Date;
  consolidated_at: Date | null;
}

/** Which source tumour reports a consolidated tumour is built from. */
export interface CentralTumourReportTable {
  person_id: string;
  tumour_id: string;
  record_id: string;
  tumour_index: number;
}

export interface CentralTables {
  central_source: CentralSourceTable;
  central_submission: CentralSubmissionTable;
  central_submission_chunk: CentralSubmissionChunkTable;
  central_record: CentralRecordTable;
  central_person: CentralPersonTable;
  central_link: CentralLinkTable;
  central_block: CentralBlockTable;
  central_review: CentralReviewTable;
  central_tumour: CentralTumourTable;
  central_tumour_report: CentralTumourReportTable;
}
