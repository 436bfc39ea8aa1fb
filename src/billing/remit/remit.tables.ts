import type { ColumnType, Generated } from 'kysely';

type Money = ColumnType<string, number | string, number | string>;
type Json<T> = ColumnType<T, string, string>;

/** A CAS adjustment as stored (amount in currency units). */
export interface StoredAdjustment {
  group: string;
  reason: string;
  amount: number;
}

/** One imported 835 transaction set (ST..SE). */
export interface BillingRemitTable {
  id: Generated<string>;
  hash: string;
  file_name: string;
  control_number: string;
  handling: string;
  payment: Money;
  credit_debit: string;
  method: string;
  payment_date: string | null;
  trace_number: string;
  payer_trace_id: string;
  payer_name: string;
  payer_id: string;
  payee_name: string;
  payee_id: string;
  claim_count: number;
  matched_count: number;
  provider_adjustment: Money;
  imported_by: string;
  imported_at: Date;
}

export type WorklistReason = 'claim_not_found' | 'lines_unmatched';

export interface BillingRemitClaimTable {
  id: Generated<string>;
  remit_id: string;
  claim_id: string | null;
  patient_control_number: string;
  status_code: string;
  charge: Money;
  paid: Money;
  patient_responsibility: Money;
  payer_claim_number: string;
  adjustments: Json<StoredAdjustment[]>;
  remarks: string[];
  unmatched_lines: number;
  worklist: WorklistReason | null;
  resolved_at: Date | null;
  resolved_by: string | null;
}

export type LineMatch = 'control_number' | 'exact' | 'modifier' | 'code' | 'bundled' | 'unmatched';

export interface BillingRemitLineTable {
  id: Generated<string>;
  remit_claim_id: string;
  seq: number;
  claim_line_ids: string[];
  match: LineMatch;
  billed_code: string;
  billed_modifiers: string[];
  paid_code: string;
  paid_modifiers: string[];
  charge: Money;
  paid: Money;
  allowed: ColumnType<string | null, number | string | null, number | string | null>;
  service_date: string | null;
  adjustments: Json<StoredAdjustment[]>;
  remarks: string[];
}

/** Append-only ledger: every payment and adjustment posted to a claim (and line). */
export interface BillingPostingTable {
  id: Generated<string>;
  remit_id: string;
  claim_id: string;
  claim_line_id: string | null;
  kind: 'payment' | 'adjustment';
  group_code: string | null;
  reason_code: string | null;
  amount: Money;
  posted_on: string;
  posted_at: Date;
}

export interface BillingProviderAdjustmentTable {
  id: Generated<string>;
  remit_id: string;
  provider_id: string;
  fiscal_period: string | null;
  reason: string;
  reference: string;
  amount: Money;
}

export type DenialStatus = 'open' | 'in_progress' | 'appealed' | 'resubmitted' | 'resolved' | 'written_off';

export interface BillingDenialTable {
  id: Generated<string>;
  claim_id: string;
  claim_line_id: string | null;
  remit_claim_id: string;
  payer_name: string;
  group_code: string;
  reason_code: string;
  remarks: string[];
  amount: Money;
  denied_on: string;
  status: DenialStatus;
  assigned_to: string | null;
  assigned_at: Date | null;
  version: Generated<number>;
  corrected_claim_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface RemitTables {
  billing_remit: BillingRemitTable;
  billing_remit_claim: BillingRemitClaimTable;
  billing_remit_line: BillingRemitLineTable;
  billing_posting: BillingPostingTable;
  billing_provider_adjustment: BillingProviderAdjustmentTable;
  billing_denial: BillingDenialTable;
}
