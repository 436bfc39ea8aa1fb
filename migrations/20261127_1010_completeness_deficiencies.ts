import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Chart completion, part two (issue 5): deficiencies found by the rules or opened by hand, their
 * append-only event history (opened, reassigned, waived, closed: who, when, why), and each facility's
 * rule switches, parameters and aging policy. A partial unique index makes "never open the same
 * deficiency twice" a database guarantee, not only a service rule.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  await db.schema
    .createTable('completeness_deficiency')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('encounter_id', 'uuid', (c) => c.notNull().references('chart_encounter.id'))
    .addColumn('facility_id', 'uuid')
    .addColumn('service', 'text')
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('responsible_user_id', 'uuid', (c) => c.references('access_user.id'))
    .addColumn('manual', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed', 'waived')`))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'uuid')
    .addColumn('close_reason', 'text')
    .execute();
  await sql`create unique index completeness_deficiency_once on completeness_deficiency
    (encounter_id, rule_id, item_key) where status = 'open'`.execute(db);
  await sql`create index completeness_deficiency_queue on completeness_deficiency (due_at, id)
    where status = 'open'`.execute(db);
  await sql`create index completeness_deficiency_responsible on completeness_deficiency
    (responsible_user_id, due_at) where status = 'open'`.execute(db);
  await db.schema
    .createIndex('completeness_deficiency_encounter')
    .on('completeness_deficiency')
    .columns(['encounter_id', 'status'])
    .execute();

  await db.schema
    .createTable('completeness_deficiency_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('deficiency_id', 'uuid', (c) => c.notNull().references('completeness_deficiency.id'))
    .addColumn('patient_id', 'uuid', (c) => c.notNull())
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('opened', 'updated', 'reassigned', 'waived', 'closed')`),
    )
    .addColumn('from_user_id', 'uuid')
    .addColumn('to_user_id', 'uuid')
    .addColumn('reason', 'text')
    .addColumn('actor_user_id', 'uuid')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('completeness_deficiency_event_def')
    .on('completeness_deficiency_event')
    .column('deficiency_id')
    .execute();
  await sql`create trigger completeness_deficiency_event_no_change before update or delete
    on completeness_deficiency_event for each row execute function completeness_append_only()`.execute(db);

  // Per-facility rule switches and parameters; facility_key '*' holds the hospital-wide defaults.
  await db.schema
    .createTable('completeness_rule_setting')
    .addColumn('facility_key', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('completeness_rule_setting_pk', ['facility_key', 'rule_id'])
    .execute();
  await db.schema
    .createTable('completeness_aging_policy')
    .addColumn('facility_key', 'text', (c) => c.primaryKey())
    .addColumn('reminder_after_days', 'integer', (c) => c.notNull())
    .addColumn('escalate_after_days', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('completeness_aging_policy').execute();
  await db.schema.dropTable('completeness_rule_setting').execute();
  await sql`drop trigger completeness_deficiency_event_no_change on completeness_deficiency_event`.execute(
    db,
  );
  await db.schema.dropTable('completeness_deficiency_event').execute();
  await db.schema.dropTable('completeness_deficiency').execute();
}
