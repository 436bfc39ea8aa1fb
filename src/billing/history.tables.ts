import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

/** Claims and explanations of benefit kept whole as billing history from a FHIR bulk import (issue 8). */
export interface BillingHistoryRecordTable {
  id: Generated<string>;
  patient_id: string;
  resource_type: 'Claim' | 'ExplanationOfBenefit';
  resource: Json<Record<string, unknown>>;
  entered_in_error: Generated<boolean>;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface BillingHistoryTables {
  billing_history_record: BillingHistoryRecordTable;
}
