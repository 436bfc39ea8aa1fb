import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Json<T extends object> = JSONColumnType<T, string, string>;

/** Where an imported resource went: the key a re-import finds it by (source system, type, id). */
export interface InteropSourceLinkTable {
  source: string;
  resource_type: string;
  source_id: string;
  target_table: string;
  target_id: string;
  patient_id: string | null;
  /** SHA-1 of the resource as received: an unchanged resource is not written again. */
  content_hash: string;
  updated_at: Date;
}

/** Per resource type: created, updated, unchanged, rejected, skipped (valid but not kept). */
export type TypeCounts = Record<
  string,
  Partial<Record<'created' | 'updated' | 'unchanged' | 'rejected' | 'skipped', number>>
>;

export interface InteropImportJobTable {
  id: Generated<string>;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  source: string;
  channel: string;
  /** Input files in processing order: absolute path and the name shown in reports. */
  files: Json<{ path: string; name: string }[]>;
  /** Resume point: the file, and how many of its entries are committed. */
  cursor_file: Generated<number>;
  cursor_entry: Generated<number>;
  total: Generated<number>;
  processed: Generated<number>;
  counts: ColumnType<TypeCounts, string | undefined, string>;
  error: string | null;
  started_by: string;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  /** The queue job running it (kernel_job.id); null for a CLI import run in the foreground. */
  job_id: string | null;
}

export interface InteropImportRejectTable {
  id: Generated<number>;
  job_id: string;
  file: string;
  location: string;
  resource_type: string | null;
  resource_id: string | null;
  issues: Json<{ expression: string; code: string; message: string }[]>;
}

export interface InteropExportJobTable {
  id: Generated<string>;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  level: 'system' | 'patient';
  types: string[];
  since: Date | null;
  request_url: string;
  requested_by: string;
  requested_by_user: string | null;
  requested_at: Date;
  transaction_time: Date;
  finished_at: Date | null;
  output: ColumnType<{ type: string; file: string; count: number }[], string | undefined, string>;
  error: string | null;
  /** The queue job running it (kernel_job.id). */
  job_id: string | null;
}

export interface InteropTables {
  interop_source_link: InteropSourceLinkTable;
  interop_import_job: InteropImportJobTable;
  interop_import_reject: InteropImportRejectTable;
  interop_export_job: InteropExportJobTable;
}
