import type { ColumnType, Generated } from 'kysely';
import type { DenialStatus } from '../remit/remit.tables.ts';

/** Append-only: every change of a denial (assignment, status, appeal, resubmission), one row per version. */
export interface BillingDenialEventTable {
  id: Generated<string>;
  denial_id: string;
  version: number;
  action: string;
  status: DenialStatus;
  assigned_to: string | null;
  note: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor: string;
  at: Date;
}

/** Append-only: an appeal sent to the payer (level 1, 2, …) with the letter as written. */
export interface BillingDenialAppealTable {
  id: Generated<string>;
  denial_id: string;
  claim_id: string;
  level: number;
  reason: string;
  records: string[];
  letter: string;
  created_by: string;
  created_at: Date;
}

export interface DenialTables {
  billing_denial_event: BillingDenialEventTable;
  billing_denial_appeal: BillingDenialAppealTable;
}
