import { type Kysely, sql } from 'kysely';

/**
 * Sensitivity labels on individual chart items (issue 6): behavioural health, 42 CFR Part 2 substance use
 * disorder records, HIV/STI, reproductive health, genetic testing, psychotherapy notes (164.508(a)(2)).
 * A label is never deleted: removal stamps who, when and why, so the history of what was protected and
 * when stays on record (DESIGN invariant 3).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chart_sensitivity_label')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('entity_type', 'text', (c) => c.notNull().check(sql`entity_type in ('entry', 'document')`))
    .addColumn('entity_id', 'uuid', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('set_by', 'uuid', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_by', 'uuid')
    .addColumn('removed_reason', 'text')
    .execute();
  await sql`create unique index chart_sensitivity_label_active on chart_sensitivity_label (entity_type, entity_id, label) where removed_at is null`.execute(
    db,
  );
  await db.schema
    .createIndex('chart_sensitivity_label_patient')
    .on('chart_sensitivity_label')
    .column('patient_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chart_sensitivity_label').execute();
}
