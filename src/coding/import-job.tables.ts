import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T | null, string | null, string | null>;

/** A code-set import started from the web: its progress and outcome (coding_import_job). */
export interface CodingImportJobTable {
  id: Generated<string>;
  kind: string;
  version: string | null;
  source_name: string;
  status: 'running' | 'done' | 'failed';
  /** reading → writing → done */
  phase: string;
  done: Generated<number>;
  total: Generated<number>;
  summary: Json<Record<string, unknown>>;
  /** The coded error (code, message, details naming bad lines) when the file was rejected. */
  error: Json<{ code: string; message: string; details?: unknown }>;
  /** The kernel_job running it (null for imports from before the job queue). */
  job_id: string | null;
  created_by: string | null;
  created_at: Date;
  finished_at: Date | null;
}
