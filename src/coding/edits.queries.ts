import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type { MueRecord, PtpRecord } from './loaders/ncci.ts';

const BATCH = 5000;

/** Replaces the whole NCCI PTP table (CMS publishes complete quarterly tables, not deltas). */
export async function replaceNcciPtp(db: DbOrTx, rows: PtpRecord[]): Promise<void> {
  await db.deleteFrom('coding_ncci_ptp').execute();
  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    await sql`insert into coding_ncci_ptp (column1, column2, effective_date, deletion_date, modifier_indicator, rationale)
      select * from unnest(${b.map((r) => r.column1)}::text[], ${b.map((r) => r.column2)}::text[],
        ${b.map((r) => r.effectiveDate)}::date[], ${b.map((r) => r.deletionDate)}::date[],
        ${b.map((r) => r.modifierIndicator)}::text[], ${b.map((r) => r.rationale)}::text[])
      on conflict do nothing`.execute(db);
  }
}

/** Replaces the whole MUE table. */
export async function replaceMue(db: DbOrTx, rows: MueRecord[]): Promise<void> {
  await db.deleteFrom('coding_mue').execute();
  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    await sql`insert into coding_mue (code, max_units, adjudication_indicator, rationale)
      select * from unnest(${b.map((r) => r.code)}::text[], ${b.map((r) => r.maxUnits)}::int[],
        ${b.map((r) => r.adjudicationIndicator)}::text[], ${b.map((r) => r.rationale)}::text[])
      on conflict (code) do update set max_units = excluded.max_units`.execute(db);
  }
}

/** PTP edits among the given procedure codes (both columns in the set). */
export async function ptpPairsAmong(db: DbOrTx, codes: string[]): Promise<PtpRecord[]> {
  if (codes.length < 2) return [];
  const rows = await db
    .selectFrom('coding_ncci_ptp')
    .selectAll()
    .where('column1', 'in', codes)
    .where('column2', 'in', codes)
    .execute();
  return rows.map((r) => ({
    column1: r.column1,
    column2: r.column2,
    effectiveDate: r.effective_date,
    deletionDate: r.deletion_date,
    modifierIndicator: r.modifier_indicator as PtpRecord['modifierIndicator'],
    rationale: r.rationale,
  }));
}

export async function mueFor(db: DbOrTx, codes: string[]): Promise<MueRecord[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('coding_mue').selectAll().where('code', 'in', codes).execute();
  return rows.map((r) => ({
    code: r.code,
    maxUnits: r.max_units,
    adjudicationIndicator: r.adjudication_indicator as MueRecord['adjudicationIndicator'],
    rationale: r.rationale,
  }));
}

/** Which of the codes are POA-exempt in the given fiscal year's list. */
export async function poaExemptAmong(db: DbOrTx, version: string, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('coding_poa_exempt')
    .select('code')
    .where('version', '=', version)
    .where('code', 'in', codes)
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** Whether a POA-exempt list is loaded for the fiscal year. */
export async function hasPoaExemptList(db: DbOrTx, version: string): Promise<boolean> {
  const row = await db
    .selectFrom('coding_poa_exempt')
    .select('code')
    .where('version', '=', version)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
