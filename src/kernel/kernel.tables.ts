import type { Generated } from 'kysely';

/** Settings kept in the database (key → JSON value), e.g. the first-run setup state. */
export interface KernelSettingTable {
  key: string;
  value: unknown;
  updated_at: Generated<Date>;
}

export interface KernelTables {
  kernel_setting: KernelSettingTable;
}
