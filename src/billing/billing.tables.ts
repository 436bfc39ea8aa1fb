import type { ColumnType, Generated } from 'kysely';

/** NUMERIC comes back from pg as a string; written as a number or string. */
type Money = ColumnType<string, number | string, number | string>;
type Json<T> = ColumnType<T, string, string>;

export interface BillingPayerTable {
  id: Generated<string>;
  payer_id: string;
  name: string;
  filing_indicator: string;
  plan_type: string;
  timely_filing_days: Generated<number>;
  prior_auth_codes: Generated<string[]>;
  created_at: Date;
  updated_at: Date;
}

export interface BillingPlanTable {
  id: Generated<string>;
  payer_ref: string;
  name: string;
  contract_kind: 'fee_schedule' | 'percent_of_charge';
  percent_of_charge: ColumnType<string | null, number | string | null | undefined>;
}

export interface BillingFeeTable {
  id: Generated<string>;
  facility: Generated<string>;
  code: string;
  modifier: Generated<string>;
  revenue_code: Generated<string>;
  price: Money;
  effective_from: string;
  effective_to: string | null;
  description: string | null;
  loaded_at: Date;
}

export interface BillingProviderTable {
  id: Generated<string>;
  user_id: string | null;
  kind: 'billing' | 'rendering';
  name: string;
  npi: string;
  taxonomy: string | null;
  tax_id: string | null;
  address: ColumnType<Record<string, string> | null, string | null, string | null>;
  created_at: Date;
}

export type ChargeStatus = 'unbilled' | 'billed' | 'replaced';

export interface BillingChargeTable {
  id: Generated<string>;
  encounter_id: string;
  patient_id: string;
  coding_version: number;
  line_no: number;
  code_system: string;
  code: string;
  modifiers: string[];
  units: number;
  service_date: string;
  diagnosis_pointers: number[];
  place_of_service: string | null;
  revenue_code: string | null;
  rendering_user_id: string | null;
  amount: Money;
  status: ChargeStatus;
  created_at: Date;
}

export type ClaimStatus =
  | 'draft'
  | 'scrubbed'
  | 'ready'
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'paid'
  | 'partially_paid'
  | 'denied'
  | 'appealed'
  | 'closed'
  | 'void';

/**
 * COB (issue 13): after the payer's 835 the patient responsibility moves to the next payer's claim, to
 * the patient's balance, or was forwarded by the payer itself (CLP02 19–21, a crossover).
 */
export type ResponsibilityTo = 'secondary' | 'patient' | 'forwarded';

/** A diagnosis on the claim (HI segment), in claim order: pointer n is the n-th entry. */
export interface ClaimDiagnosis {
  code: string;
  poa?: string | undefined;
}

export interface BillingClaimTable {
  id: Generated<string>;
  patient_control_number: string;
  encounter_id: string;
  patient_id: string;
  coverage_id: string;
  payer_ref: string | null;
  payer_name: string;
  payer_order: 'primary' | 'secondary' | 'tertiary';
  type: 'P' | 'I';
  status: ClaimStatus;
  frequency_code: Generated<string>;
  original_claim_id: string | null;
  service_from: string;
  service_to: string;
  diagnoses: Json<ClaimDiagnosis[]>;
  /** Encounter facts copied at build time (place of service, provider, admission/discharge). */
  details: Json<Record<string, unknown>>;
  charge: Money;
  paid: ColumnType<string, number | string | undefined, number | string>;
  adjusted: ColumnType<string, number | string | undefined, number | string>;
  patient_responsibility: ColumnType<string, number | string | undefined, number | string>;
  findings: ColumnType<unknown[], string | undefined, string>;
  /** COB: the claim this one follows (the primary's, for a secondary claim). */
  prior_claim_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Where the patient responsibility went after this claim's 835 (null while not answered). */
  responsibility_to: ColumnType<
    ResponsibilityTo | null,
    ResponsibilityTo | null | undefined,
    ResponsibilityTo | null
  >;
  responsibility_amount: ColumnType<string, number | string | undefined, number | string>;
  next_claim_id: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface BillingClaimLineTable {
  id: Generated<string>;
  claim_id: string;
  line_no: number;
  charge_id: string;
  code_system: string;
  code: string;
  modifiers: string[];
  units: number;
  service_date: string;
  diagnosis_pointers: number[];
  place_of_service: string | null;
  revenue_code: string | null;
  rendering_user_id: string | null;
  charge: Money;
  paid: ColumnType<string, number | string | undefined, number | string>;
  adjusted: ColumnType<string, number | string | undefined, number | string>;
}

/** Append-only: every change of a claim (the database refuses UPDATE and DELETE). */
export interface BillingClaimHistoryTable {
  id: Generated<string>;
  claim_id: string;
  version: number;
  action: string;
  status: ClaimStatus;
  snapshot: Json<Record<string, unknown>>;
  changed_by: string;
  changed_at: Date;
}

export interface BillingTables {
  billing_payer: BillingPayerTable;
  billing_plan: BillingPlanTable;
  billing_fee: BillingFeeTable;
  billing_provider: BillingProviderTable;
  billing_charge: BillingChargeTable;
  billing_claim: BillingClaimTable;
  billing_claim_line: BillingClaimLineTable;
  billing_claim_history: BillingClaimHistoryTable;
  billing_batch: BillingBatchTable;
  billing_batch_claim: BillingBatchClaimTable;
}

/** One 837 interchange written by `claims batch` (one payer, one claim type). */
export interface BillingBatchTable {
  id: Generated<string>;
  interchange_control_number: number;
  payer_ref: string | null;
  payer_id: string;
  claim_type: 'P' | 'I';
  implementation: string;
  file_name: string;
  claims: number;
  total_charge: Money;
  content: string;
  created_by: string;
  created_at: Date;
}

export interface BillingBatchClaimTable {
  batch_id: string;
  claim_id: string;
  transaction_control_number: string;
}
