import { type Kysely, sql } from 'kysely';

/**
 * Encounter coding (issue 7): the codes a coder assigns to one encounter, its status
 * (uncoded → coded → final, or on hold for a clinician query), the coding edits last run and stored with
 * it, and an append-only history of every change (who, when, what, why: the legal record is versioned,
 * DESIGN invariant 3). Both tables carry patient_id, the Citus distribution key (docs/scaling.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('coding_encounter')
    .addColumn('encounter_id', 'uuid', (c) => c.primaryKey().references('chart_encounter.id'))
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('uncoded', 'coded', 'on_hold', 'final')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('diagnoses', 'jsonb', (c) => c.notNull())
    .addColumn('procedures', 'jsonb', (c) => c.notNull())
    .addColumn('drugs', 'jsonb', (c) => c.notNull())
    .addColumn('coder_notes', 'text')
    .addColumn('hold_question', 'text')
    .addColumn('edits', 'jsonb', (c) => c.notNull())
    .addColumn('edits_run_at', 'timestamptz')
    .addColumn('coded_by', 'uuid', (c) => c.references('access_user.id'))
    .addColumn('coded_at', 'timestamptz')
    .addColumn('finalized_by', 'uuid', (c) => c.references('access_user.id'))
    .addColumn('finalized_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('coding_encounter_patient')
    .on('coding_encounter')
    .column('patient_id')
    .execute();
  await db.schema.createIndex('coding_encounter_status').on('coding_encounter').column('status').execute();

  await db.schema
    .createTable('coding_encounter_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('encounter_id', 'uuid', (c) => c.notNull().references('chart_encounter.id'))
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('warning_count', 'integer', (c) => c.notNull())
    .addColumn('changed_by', 'uuid', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('coding_encounter_version_unique', ['encounter_id', 'version'])
    .execute();
  // The productivity report groups by coder and day.
  await db.schema
    .createIndex('coding_encounter_version_by_day')
    .on('coding_encounter_version')
    .columns(['changed_at', 'changed_by'])
    .execute();
  await sql`create function coding_encounter_version_immutable() returns trigger language plpgsql as $$
    begin raise exception 'coding_encounter_version is append-only'; end $$`.execute(db);
  await sql`create trigger coding_encounter_version_no_change before update or delete
    on coding_encounter_version for each row execute function coding_encounter_version_immutable()`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger coding_encounter_version_no_change on coding_encounter_version`.execute(db);
  await sql`drop function coding_encounter_version_immutable()`.execute(db);
  await db.schema.dropTable('coding_encounter_version').execute();
  await db.schema.dropTable('coding_encounter').execute();
}
