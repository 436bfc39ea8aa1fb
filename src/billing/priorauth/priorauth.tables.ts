import type { ColumnType, Generated } from 'kysely';

export type PriorAuthStatus = 'pending' | 'approved' | 'partially_approved' | 'denied' | 'cancelled';

/** A prior authorization asked of a payer for a patient: codes, units, validity, status, number. */
export interface BillingPriorAuthTable {
  id: Generated<string>;
  patient_id: string;
  payer_ref: string;
  codes: string[];
  units_approved: number | null;
  units_used: Generated<number>;
  valid_from: string;
  valid_to: string;
  status: PriorAuthStatus;
  auth_number: string | null;
  note: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** Append-only: every version of a prior authorization. */
export interface BillingPriorAuthEventTable {
  id: Generated<string>;
  prior_auth_id: string;
  version: number;
  action: string;
  snapshot: ColumnType<Record<string, unknown>, string, string>;
  actor: string;
  at: Date;
}

export interface PriorAuthTables {
  billing_prior_auth: BillingPriorAuthTable;
  billing_prior_auth_event: BillingPriorAuthEventTable;
}
