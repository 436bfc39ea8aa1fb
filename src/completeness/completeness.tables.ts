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

export interface CompletenessTables extends CompletenessDeficiencyTables, CompletenessSignatureTables {
  completeness_query: CompletenessQueryTable;
  completeness_amendment: CompletenessAmendmentTable;
  completeness_amendment_statement: CompletenessAmendmentStatementTable;
  completeness_nightly_run: CompletenessNightlyRunTable;
}

/** One claimed nightly analysis (the date is the key: one process runs it, whatever the number of servers). */
export interface CompletenessNightlyRunTable {
  run_date: string;
  started_at: Date;
  finished_at: Date | null;
  counts: unknown;
  error: string | null;
  /** The queue job that claimed the night (kernel_job.id); its retry may claim it again after a crash. */
  job_id: string | null;
}

export type DeficiencyStatus = 'open' | 'closed' | 'waived';

/** A missing or faulty record item, found by a rule (or opened by a clerk), with whom it is waiting on. */
export interface CompletenessDeficiencyTable {
  id: Generated<string>;
  patient_id: string;
  encounter_id: string;
  facility_id: string | null;
  /** The clinical service (encounter type), for the queue and the delinquency report. */
  service: string | null;
  rule_id: string;
  item_key: string;
  description: string;
  responsible_user_id: string | null;
  manual: Generated<boolean>;
  status: DeficiencyStatus;
  opened_at: Date;
  due_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  close_reason: string | null;
}

export interface CompletenessDeficiencyEventTable {
  id: Generated<string>;
  deficiency_id: string;
  patient_id: string;
  action: 'opened' | 'updated' | 'reassigned' | 'waived' | 'closed';
  from_user_id: string | null;
  to_user_id: string | null;
  reason: string | null;
  actor_user_id: string | null;
  at: Date;
}

export interface CompletenessRuleSettingTable {
  facility_key: string;
  rule_id: string;
  enabled: boolean;
  params: Record<string, number>;
  updated_by: string | null;
  updated_at: Date;
}

export interface CompletenessAgingPolicyTable {
  facility_key: string;
  reminder_after_days: number;
  escalate_after_days: number;
  updated_by: string | null;
  updated_at: Date;
}

export interface CompletenessDeficiencyTables {
  completeness_deficiency: CompletenessDeficiencyTable;
  completeness_deficiency_event: CompletenessDeficiencyEventTable;
  completeness_rule_setting: CompletenessRuleSettingTable;
  completeness_aging_policy: CompletenessAgingPolicyTable;
}

/** An electronic signature on a note (or an addendum): who, with which credentials, how attested, when. */
export interface CompletenessSignatureTable {
  id: Generated<string>;
  patient_id: string;
  entry_id: string;
  addendum_id: string | null;
  role: 'author' | 'cosigner';
  signer_user_id: string;
  signer_name: string;
  signer_credentials: string | null;
  attestation: 'password' | 'mfa';
  /** SHA-256 of the signed text: shows the content has not changed since signing. */
  content_sha256: string;
  signed_at: Date;
}

export interface CompletenessCosignRequestTable {
  entry_id: string;
  patient_id: string;
  cosigner_user_id: string;
  requested_by: string;
  requested_at: Date;
}

export interface CompletenessAddendumTable {
  id: Generated<string>;
  patient_id: string;
  entry_id: string;
  text: string;
  author_user_id: string;
  created_at: Date;
}

export interface CompletenessSignatureTables {
  completeness_signature: CompletenessSignatureTable;
  completeness_cosign_request: CompletenessCosignRequestTable;
  completeness_addendum: CompletenessAddendumTable;
}
