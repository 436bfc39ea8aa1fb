import type { ColumnType, Generated } from 'kysely';

export type AlertStatus = 'new' | 'under_review' | 'closed_appropriate' | 'closed_violation';

/** One alert: a user, a patient (none for the volume rule) and a day, with the rules that fired. */
export interface PrivacyAlertTable {
  id: Generated<string>;
  seq: Generated<number>;
  day: ColumnType<string, string, never>;
  user_id: string;
  username: string;
  role: string | null;
  patient_id: string | null;
  rules: string[];
  status: Generated<AlertStatus>;
  evidence: unknown;
  event_count: number;
  first_at: Date;
  last_at: Date;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  notes: string | null;
}

/** Append-only: every status change of an alert, with who and why. */
export interface PrivacyAlertHistoryTable {
  id: Generated<number>;
  alert_id: string;
  at: Date;
  by_name: string;
  from_status: string | null;
  to_status: string;
  notes: string | null;
}

export interface PrivacyUserDayTable {
  user_id: string;
  day: string;
  role: string | null;
  charts: number;
}

export interface PrivacyScanTable {
  id: Generated<string>;
  day: string;
  started_at: Date;
  finished_at: Date;
  started_by: string;
  events: number;
  touches: number;
  alerts_new: number;
  alerts_updated: number;
}

export interface PrivacyTables {
  privacy_alert: PrivacyAlertTable;
  privacy_alert_history: PrivacyAlertHistoryTable;
  privacy_user_day: PrivacyUserDayTable;
  privacy_scan: PrivacyScanTable;
}
