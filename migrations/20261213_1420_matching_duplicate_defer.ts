import { type Kysely, sql } from 'kysely';

/**
 * Issue 17, duplicate review: a reviewer may defer a pair (waiting for a document or a call back) with a
 * note, and the pair keeps the cautions that held it out of "certain" (possible twin, SSN differs, …) so the
 * review screen can say why. Pairs queued before this migration have no cautions recorded (empty list).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table patient_duplicate drop constraint patient_duplicate_status_check`.execute(db);
  await sql`alter table patient_duplicate add constraint patient_duplicate_status_check
    check (status in ('open', 'deferred', 'merged', 'not_duplicate'))`.execute(db);
  await sql`alter table patient_duplicate
    add column cautions jsonb not null default '[]'::jsonb,
    add column deferred_note text`.execute(db);
  await sql`create index patient_duplicate_deferred on patient_duplicate (score desc) where status = 'deferred'`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index patient_duplicate_deferred`.execute(db);
  await sql`update patient_duplicate set status = 'open' where status = 'deferred'`.execute(db);
  await sql`alter table patient_duplicate drop column cautions, drop column deferred_note`.execute(db);
  await sql`alter table patient_duplicate drop constraint patient_duplicate_status_check`.execute(db);
  await sql`alter table patient_duplicate add constraint patient_duplicate_status_check
    check (status in ('open', 'merged', 'not_duplicate'))`.execute(db);
}
