import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type { CodingCodeSystemVersionTable } from './coding.tables.ts';
import type { CodeRecord } from './loaders/types.ts';

/** Rows per INSERT … SELECT FROM unnest(…): one round trip per batch (measured in bench/coding.bench.ts). */
export const INSERT_BATCH = 5000;

export type VersionRow = Omit<CodingCodeSystemVersionTable, 'loaded_at'> & { loaded_at: Date };

export async function findVersion(
  db: DbOrTx,
  system: string,
  version: string,
): Promise<VersionRow | undefined> {
  return db
    .selectFrom('coding_code_system_version')
    .selectAll()
    .where('system', '=', system)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listVersions(db: DbOrTx): Promise<VersionRow[]> {
  return db
    .selectFrom('coding_code_system_version')
    .selectAll()
    .orderBy('system')
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .execute();
}

/** Deletes a version and (by cascade) its codes. */
export async function deleteVersion(db: DbOrTx, system: string, version: string): Promise<void> {
  await db
    .deleteFrom('coding_code_system_version')
    .where('system', '=', system)
    .where('version', '=', version)
    .execute();
}

export async function insertVersion(
  db: DbOrTx,
  row: Omit<CodingCodeSystemVersionTable, 'loaded_at'>,
): Promise<void> {
  await db.insertInto('coding_code_system_version').values(row).execute();
}

/**
 * Inserts one batch of codes with a single statement over parallel arrays (unnest), which avoids the
 * 65,535-parameter limit of multi-row VALUES and is close to COPY speed for our row sizes.
 */
export async function insertCodes(
  db: DbOrTx,
  system: string,
  version: string,
  batch: CodeRecord[],
): Promise<void> {
  if (batch.length === 0) return;
  await sql`
    insert into coding_code (system, version, code, billable, short_description, long_description)
    select ${system}, ${version}, c, b, s, l
    from unnest(${batch.map((r) => r.code)}::text[], ${batch.map((r) => r.billable)}::boolean[],
                ${batch.map((r) => r.shortDescription)}::text[], ${batch.map((r) => r.longDescription)}::text[])
      as t(c, b, s, l)`.execute(db);
}

/** Code, flag and titles of every code of a version (for the diff report). */
export async function versionCodes(db: DbOrTx, system: string, version: string) {
  return db
    .selectFrom('coding_code')
    .select(['code', 'billable', 'short_description', 'long_description'])
    .where('system', '=', system)
    .where('version', '=', version)
    .execute();
}

export async function replacePoaExempt(db: DbOrTx, version: string, codes: string[]): Promise<void> {
  await db.deleteFrom('coding_poa_exempt').where('version', '=', version).execute();
  for (let i = 0; i < codes.length; i += INSERT_BATCH) {
    await sql`insert into coding_poa_exempt (version, code)
      select ${version}, c from unnest(${codes.slice(i, i + INSERT_BATCH)}::text[]) as t(c)`.execute(db);
  }
}

/** Which of these codes a system holds in any loaded version (registry edits check ICD-O-3 codes). */
export async function codesKnown(db: DbOrTx, system: string, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('coding_code')
    .select('code')
    .distinct()
    .where('system', '=', system)
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** Whether any version of a code system is loaded. */
export async function systemLoaded(db: DbOrTx, system: string): Promise<boolean> {
  const row = await db
    .selectFrom('coding_code')
    .select('code')
    .where('system', '=', system)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
