import type { Generated } from 'kysely';

/** Settings kept in the database (key → JSON value), e.g. the first-run setup state. */
export interface KernelSettingTable {
  key: string;
  value: unknown;
  updated_at: Generated<Date>;
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
  kernel_key: KernelKeyTable;
}
