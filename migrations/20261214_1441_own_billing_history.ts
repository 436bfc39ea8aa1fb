import { type Kysely, sql } from 'kysely';

/**
 * Claims and EOBs kept whole from a bulk import are billing history: the billing domain owns the table
 * now (issue 12 item 4, one owner per table). Renamed in place, rows kept; the bulk import's source links
 * and earlier merges' moved-row lists name the new table, so re-imports update and unmerges restore.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await rename(db, 'interop_billing_record', 'billing_history_record');
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await rename(db, 'billing_history_record', 'interop_billing_record');
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function rename(db: Kysely<any>, from: string, to: string): Promise<void> {
  await sql`alter table ${sql.table(from)} rename to ${sql.table(to)}`.execute(db);
  await sql`alter index ${sql.table(`${from}_patient`)} rename to ${sql.table(`${to}_patient`)}`.execute(db);
  await sql`update interop_source_link set target_table = ${to} where target_table = ${from}`.execute(db);
  await sql`update patient_merge set moved = (moved - ${from}::text) || jsonb_build_object(${to}::text, moved -> ${from}::text)
    where moved ? ${from}::text`.execute(db);
}
