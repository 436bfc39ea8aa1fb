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

export interface CentralTables {
  central_source: CentralSourceTable;
  central_submission: CentralSubmissionTable;
  central_submission_chunk: CentralSubmissionChunkTable;
  central_record: CentralRecordTable;
}
