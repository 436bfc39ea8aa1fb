import type { Generated } from 'kysely';

export type QueryStatus = 'open' | 'answered' | 'withdrawn';
export type AmendmentStatus = 'pending' | 'accepted' | 'denied';

/** A clinician query: a clerk's or coder's structured question about one record element. */
export interface CompletenessQueryTable {
  id: Generated<string>;
  patient_id: string;
  encounter_id: string | null;
  entry_id: string | null;
  question: string;
  /** Non-leading answer options (AHIMA/ACDIS "Guidelines for Achieving a Compliant Query Practice"). */
  options: string[];
  /** YYYY-MM-DD */
  due_on: string;
  addressee_user_id: string;
  opened_by_role: 'coder' | 'clerk';
  opened_by: string;
  opened_at: Date;
  status: QueryStatus;
  answer_option: string | null;
  answer_text: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  withdraw_reason: string | null;
}

/** A patient's request to amend their record (45 CFR 164.526). */
export interface CompletenessAmendmentTable {
  id: Generated<string>;
  patient_id: string;
  /** The chart entries the request is about. */
  entry_ids: string[];
  request_text: string;
  received_on: string;
  /** received_on + 60 days (164.526(b)(2)). */
  due_on: string;
  /** due_on + 30 days once, with the written reason given to the patient (164.526(b)(2)(ii)). */
  extended_due_on: string | null;
  extension_reason: string | null;
  author_user_id: string;
  status: AmendmentStatus;
  amendment_text: string | null;
  /** Persons the patient names to be told of the amendment (164.526(c)(3)). */
  notify_parties: Generated<{ name: string; contact: string }[]>;
  denial_ground: string | null;
  denial_basis: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_by: string;
  created_at: Date;
}

export interface CompletenessAmendmentStatementTable {
  id: Generated<string>;
  amendment_id: string;
  patient_id: string;
  kind: 'disagreement' | 'rebuttal';
  text: string;
  recorded_by: string;
  recorded_at: Date;
}

export interface CompletenessTables {
  completeness_query: CompletenessQueryTable;
  completeness_amendment: CompletenessAmendmentTable;
  completeness_amendment_statement: CompletenessAmendmentStatementTable;
}
