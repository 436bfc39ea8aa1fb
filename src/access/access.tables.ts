import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, Date | undefined, never>;

export interface AccessFacilityTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: Created;
}

export interface AccessUserTable {
  id: Generated<string>;
  username: string;
  full_name: string;
  credentials: string | null;
  active: Generated<boolean>;
  password_hash: string | null;
  must_change_password: Generated<boolean>;
  mfa_secret: string | null;
  mfa_enabled: Generated<boolean>;
  mfa_last_step: number | null;
  failed_attempts: Generated<number>;
  lockouts: Generated<number>;
  locked_until: Date | null;
  /** A system's account (e.g. the HL7 v2 interface): never signs in, not counted for first-run setup. */
  is_service: Generated<boolean>;
  created_at: Created;
  updated_at: Date;
}

export interface AccessUserRoleTable {
  user_id: string;
  role: string;
}

export interface AccessUserFacilityTable {
  user_id: string;
  facility_id: string;
}

export interface AccessSessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_passed: boolean;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AccessApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface AccessRecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

/** Restriction and sensitivity labels on a patient (managed in the confidentiality domain). */
export interface AccessPatientLabelTable {
  id: Generated<string>;
  patient_id: string;
  label: string;
  note: string | null;
  created_at: Date;
  created_by: string | null;
  removed_at: Date | null;
  removed_by: string | null;
  created_by_name: ColumnType<string | null, string | null | undefined>;
  removed_by_name: ColumnType<string | null, string | null | undefined>;
  removed_reason: ColumnType<string | null, string | null | undefined>;
}

export interface AccessCareRelationshipTable {
  id: Generated<string>;
  user_id: string;
  patient_id: string;
  kind: string;
  valid_from: Date;
  valid_until: Date | null;
  source: string | null;
}

export interface AccessBreakGlassTable {
  id: Generated<string>;
  user_id: string;
  patient_id: string;
  reason_code: string;
  reason_text: string;
  started_at: Date;
  expires_at: Date;
  review_status: Generated<string>;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
}

export interface AuditEventTable {
  seq: Generated<number>;
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_roles: string[];
  facility_id: string | null;
  action: string;
  outcome: string;
  patient_ids: string[];
  resource_type: string | null;
  resource_id: string | null;
  purpose_of_use: string | null;
  break_glass: boolean;
  source_ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  channel: string | null;
  details: unknown;
  /** The pre-issue-18 hash chain; null for events logged in the Merkle tree only. */
  prev_hash: string | null;
  hash: string | null;
}

/** Committed events not yet integrated into the Merkle tree (src/access/audit/sequencer.ts). */
export interface AuditPendingTable {
  seq: number;
}

/** Leaf `idx` of the tree is the event `seq`; hash = RFC 9162 leaf hash of its canonical content. */
export interface AuditLeafTable {
  idx: number;
  seq: number;
  hash: Buffer;
}

/** Perfect subtrees at levels 8, 16, 24 (256, 65 536, … leaves), kept so proofs need few reads. */
export interface AuditTreeNodeTable {
  level: number;
  idx: number;
  hash: Buffer;
}

/** One row: the integrated tree's size, root and right edge. */
export interface AuditTreeTable {
  id: Generated<boolean>;
  size: number;
  root: Buffer;
  frontier: Buffer[];
  updated_at: Generated<Date>;
}

export interface AuditCheckpointTable {
  tree_size: number;
  root: Buffer;
  key_id: string;
  signature: Buffer;
  note: string;
  signed_at: Date;
}

/** A member of staff linked to their own patient record, or a family member's (issue 23). */
export interface AccessUserPatientLinkTable {
  id: Generated<string>;
  user_id: string;
  patient_id: string;
  kind: 'self' | 'family';
  reason: string;
  linked_at: Date;
  linked_by: string;
  removed_at: Date | null;
  removed_by: string | null;
  removed_reason: string | null;
}

export interface AccessTables {
  access_facility: AccessFacilityTable;
  access_user: AccessUserTable;
  access_user_role: AccessUserRoleTable;
  access_user_facility: AccessUserFacilityTable;
  access_session: AccessSessionTable;
  access_api_token: AccessApiTokenTable;
  access_recovery_code: AccessRecoveryCodeTable;
  access_patient_label: AccessPatientLabelTable;
  access_care_relationship: AccessCareRelationshipTable;
  access_break_glass: AccessBreakGlassTable;
  access_user_patient_link: AccessUserPatientLinkTable;
  audit_event: AuditEventTable;
  audit_pending: AuditPendingTable;
  audit_leaf: AuditLeafTable;
  audit_tree_node: AuditTreeNodeTable;
  audit_tree: AuditTreeTable;
  audit_checkpoint: AuditCheckpointTable;
}
