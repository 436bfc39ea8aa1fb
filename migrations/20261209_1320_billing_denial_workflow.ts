import { type Kysely, sql } from 'kysely';

/**
 * Billing denials work (issue 13): assignment, a wider status workflow (in progress, appealed,
 * resubmitted as a corrected or void claim), an append-only event trail per denial and the appeals sent.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table billing_denial drop constraint billing_denial_status_check`.execute(db);
  await sql`alter table billing_denial add constraint billing_denial_status_check check (status in
    ('open','in_progress','appealed','resubmitted','resolved','written_off'))`.execute(db);
  await db.schema
    .alterTable('billing_denial')
    .addColumn('assigned_to', 'uuid')
    .addColumn('assigned_at', 'timestamptz')
    // Optimistic concurrency: a change names the version it saw (two billers never overwrite each other).
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // The claim (frequency 7 replacement or 8 void, CLM05-3) sent instead of appealing.
    .addColumn('corrected_claim_id', 'uuid', (c) => c.references('billing_claim.id'))
    .execute();
  await db.schema.createIndex('billing_denial_claim').on('billing_denial').column('claim_id').execute();
  await db.schema
    .createTable('billing_denial_event')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('denial_id', 'uuid', (c) => c.notNull().references('billing_denial.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assigned_to', 'uuid')
    .addColumn('note', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('billing_denial_event_version', ['denial_id', 'version'])
    .execute();
  await db.schema
    .createTable('billing_denial_appeal')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('denial_id', 'uuid', (c) => c.notNull().references('billing_denial.id'))
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('billing_claim.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('records', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('letter', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('billing_denial_appeal_level', ['denial_id', 'level'])
    .execute();
  // The trail and the appeals sent are records of what was done (DESIGN invariant 3): append-only.
  await sql`create function billing_denial_append_only() returns trigger language plpgsql as $$
    begin raise exception '% is append-only', tg_table_name; end $$`.execute(db);
  for (const t of ['billing_denial_event', 'billing_denial_appeal'])
    await sql`create trigger ${sql.raw(`${t}_no_change`)} before update or delete on ${sql.table(t)}
      for each row execute function billing_denial_append_only()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('billing_denial_appeal').execute();
  await db.schema.dropTable('billing_denial_event').execute();
  await sql`drop function billing_denial_append_only()`.execute(db);
  await db.schema.dropIndex('billing_denial_claim').execute();
  await db.schema
    .alterTable('billing_denial')
    .dropColumn('assigned_to')
    .dropColumn('assigned_at')
    .dropColumn('version')
    .dropColumn('corrected_claim_id')
    .execute();
  await sql`update billing_denial set status = 'open' where status in ('in_progress','resubmitted')`.execute(
    db,
  );
  await sql`alter table billing_denial drop constraint billing_denial_status_check`.execute(db);
  await sql`alter table billing_denial add constraint billing_denial_status_check
    check (status in ('open','appealed','resolved','written_off'))`.execute(db);
}
