import type { Generated } from 'kysely';

/** Settings kept in the database (key → JSON value), e.g. the first-run setup state. */
export interface KernelSettingTable {
  key: string;
  value: unknown;
  updated_at: Generated<Date>;
}

export type JobStatus = 'queued' | 'running' | 'retrying' | 'completed' | 'failed' | 'cancelled';

/** One background job as the jobs screen shows it; pg-boss (schema `pgboss`) runs it. */
export interface KernelJobTable {
  id: string;
  seq: Generated<number>;
  kind: string;
  label: string;
  status: JobStatus;
  started_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  attempts: Generated<number>;
  progress_done: Generated<number>;
  progress_total: number | null;
  progress_note: string | null;
  error: string | null;
}

/** An identifier key the database was written with: its id and check value, never the key (issue 22). */
export interface KernelKeyTable {
  kid: string;
  check_value: string;
  status: 'current' | 'retired';
  created_at: Generated<Date>;
  retired_at: Date | null;
}

export interface KernelTables {
  kernel_setting: KernelSettingTable;
  kernel_job: KernelJobTable;
  kernel_key: KernelKeyTable;
}
