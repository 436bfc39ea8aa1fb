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

export interface DisclosureTables {
  disclosure_request: DisclosureRequestTable;
  disclosure_request_event: DisclosureRequestEventTable;
  disclosure_authorization: DisclosureAuthorizationTable;
  disclosure_record: DisclosureRecordTable;
}
