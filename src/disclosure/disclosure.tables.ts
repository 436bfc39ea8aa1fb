import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface RequestScope {
  recordTypes: string[];
  dateFrom: string | null;
  dateTo: string | null;
  encounterIds: string[];
}

export interface IdentityVerification {
  method: string;
  verifiedBy: string;
  verifiedAt: string;
}

export interface DisclosureRequestTable {
  id: Generated<string>;
  request_no: string;
  patient_id: string;
  requester_type: string;
  requester_name: string;
  requester_address: string;
  purpose: string;
  purpose_text: string | null;
  scope: Json<RequestScope>;
  delivery_method: string;
  received_on: string;
  due_on: string;
  extension_granted_on: string | null;
  extension_reason: string | null;
  identity_verification: Json<IdentityVerification | null> | null;
  status: string;
  override_reason: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DisclosureRequestEventTable {
  id: Generated<number>;
  request_id: string;
  patient_id: string;
  status: string;
  note: string | null;
  actor_id: string | null;
  at: Date;
}

export interface DisclosureAuthorizationTable {
  id: Generated<string>;
  patient_id: string;
  request_id: string | null;
  form: Json<unknown>;
  document_sha256: string | null;
  revoked_on: string | null;
  captured_by: string | null;
  captured_at: Date;
}

export interface DisclosureRecordTable {
  id: Generated<string>;
  patient_id: string;
  request_id: string | null;
  disclosed_on: string;
  recipient_name: string;
  recipient_address: string | null;
  description: string;
  purpose: string;
  authorization_id: string | null;
  accountable: boolean;
  exempt_category: string | null;
  created_by: string | null;
  created_at: Date;
}

/** A patient-requested restriction or confidential-communication request (45 CFR 164.522). */
export interface DisclosurePatientPreferenceTable {
  id: Generated<string>;
  patient_id: string;
  kind: 'restriction' | 'confidential-communication';
  description: string;
  requester_types: string[];
  encounter_ids: string[];
  alternate_address: string | null;
  alternate_phone: string | null;
  recorded_by: string;
  recorded_at: Date;
  ended_at: Date | null;
  ended_by: string | null;
  end_reason: string | null;
}

export interface DisclosurePacketTable {
  id: Generated<string>;
  request_id: string;
  patient_id: string;
  build_no: number;
  manifest: Json<unknown>;
  withheld: Json<unknown>;
  redactions: string[];
  fees: Json<unknown>;
  page_count: number;
  pdf_sha256: string;
  mail_to: string;
  built_by: string;
  built_at: Date;
  qa_status: 'not-required' | 'pending' | 'approved' | 'rejected';
  qa_by: string | null;
  qa_at: Date | null;
  qa_note: string | null;
}

export interface DisclosureDeliveryTable {
  id: Generated<string>;
  request_id: string;
  packet_id: string;
  patient_id: string;
  method: 'secure-link' | 'mail';
  token_hash: string | null;
  code_hash: string | null;
  expires_at: Date | null;
  max_downloads: number | null;
  downloads: Generated<number>;
  mailed_to: string | null;
  mailed_on: string | null;
  created_by: string;
  created_at: Date;
}

export interface DisclosureAccountingRequestTable {
  id: Generated<string>;
  patient_id: string;
  received_on: string;
  due_on: string;
  period_from: string;
  free: boolean;
  fee: number;
  fulfilled_on: string | null;
  created_by: string;
  created_at: Date;
}

export interface DisclosureSettingTable {
  key: string;
  value: Json<unknown>;
  updated_by: string | null;
  updated_at: Date;
}

export interface DisclosureTables {
  disclosure_request: DisclosureRequestTable;
  disclosure_request_event: DisclosureRequestEventTable;
  disclosure_authorization: DisclosureAuthorizationTable;
  disclosure_record: DisclosureRecordTable;
  disclosure_patient_preference: DisclosurePatientPreferenceTable;
  disclosure_packet: DisclosurePacketTable;
  disclosure_delivery: DisclosureDeliveryTable;
  disclosure_accounting_request: DisclosureAccountingRequestTable;
  disclosure_setting: DisclosureSettingTable;
}
