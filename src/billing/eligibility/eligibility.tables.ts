import type { ColumnType, Generated } from 'kysely';

export type EligibilityStatus = 'sent' | 'active' | 'inactive' | 'rejected';

/** One benefit (X12 271 loop 2110C/2110D EB segment) as stored and shown. */
export interface Benefit {
  /** EB01 eligibility or benefit information code (1 active, 6 inactive, A coinsurance, B co-payment, C deductible …). */
  code: string;
  /** EB02 coverage level (IND individual, FAM family …). */
  level: string | null;
  /** EB03 service type codes (30 health benefit plan coverage, 1 medical care …). */
  serviceTypes: string[];
  /** EB04 insurance type (HM HMO, PR PPO, MB Medicare B …). */
  insuranceType: string | null;
  /** EB05 plan coverage description. */
  plan: string | null;
  /** EB06 time period qualifier (23 calendar year, 29 remaining, 27 visit …). */
  period: string | null;
  /** EB07 monetary amount. */
  amount: number | null;
  /** EB08 percent (0–100 as we store it; X12 sends 0.2 for 20 %). */
  percent: number | null;
  /** EB12 in plan network: Y in network, N out of network, W not applicable. */
  inNetwork: string | null;
}

export interface BillingEligibilityTable {
  id: Generated<string>;
  patient_id: string;
  coverage_id: string;
  payer_ref: string | null;
  payer_id: string;
  payer_name: string;
  payer_order: string;
  member_id: string;
  service_date: string;
  trace_number: string;
  interchange_control_number: number;
  status: EligibilityStatus;
  plan_name: string | null;
  copay: ColumnType<string | null, number | null | undefined, number | null>;
  coinsurance_percent: ColumnType<string | null, number | null | undefined, number | null>;
  deductible_remaining: ColumnType<string | null, number | null | undefined, number | null>;
  reject_reason: string | null;
  benefits: ColumnType<Benefit[], string | undefined, string>;
  requested_by: string;
  requested_at: Date;
  responded_at: Date | null;
}

export interface EligibilityTables {
  billing_eligibility: BillingEligibilityTable;
}
