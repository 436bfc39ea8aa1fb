import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('access_facility')
    .addColumn('id', 'uuid', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('access_user')
    .addColumn('id', 'uuid', id)
    .addColumn('username', 'text', (c) => c.notNull().unique().check(sql`username = lower(username)`))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('credentials', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('password_hash', 'text')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('mfa_secret', 'text')
    .addColumn('mfa_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lockouts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('access_user_role')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('access_user.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_user_role_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('access_user_facility')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('access_user.id').onDelete('cascade'))
    .addColumn('facility_id', 'uuid', (c) => c.notNull().references('access_facility.id'))
    .addPrimaryKeyConstraint('access_user_facility_pk', ['user_id', 'facility_id'])
    .execute();

  await db.schema
    .createTable('access_session')
    .addColumn('id', 'uuid', id)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('access_user.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('mfa_passed', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema
    .createIndex('access_session_user_idx')
    .on('access_session')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('access_api_token')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('access_user.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('access_recovery_code')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('access_user.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  // patient_id columns reference the patient index once it exists (its migration adds the foreign keys).
  await db.schema
    .createTable('access_patient_label')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_by', 'uuid')
    .execute();
  await sql`create unique index access_patient_label_active on access_patient_label (patient_id, label) where removed_at is null`.execute(
    db,
  );

  await db.schema
    .createTable('access_care_relationship')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('access_user.id'))
    .addColumn('patient_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('attending', 'treating', 'assigned')`))
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz')
    .addColumn('source', 'text')
    .execute();
  await db.schema
    .createIndex('access_care_rel_idx')
    .on('access_care_relationship')
    .columns(['patient_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('access_break_glass')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('access_user.id'))
    .addColumn('patient_id', 'uuid', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('reason_text', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('review_status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`review_status in ('pending', 'acknowledged', 'escalated')`),
    )
    .addColumn('reviewed_by', 'uuid')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_note', 'text')
    .execute();
  await db.schema
    .createIndex('access_break_glass_active')
    .on('access_break_glass')
    .columns(['user_id', 'patient_id', 'expires_at'])
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('id', 'uuid', (c) => c.notNull().unique())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_username', 'text')
    .addColumn('actor_roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('facility_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('success', 'denied', 'failure')`))
    .addColumn('patient_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('resource_type', 'text')
    .addColumn('resource_id', 'text')
    .addColumn('purpose_of_use', 'text')
    .addColumn('break_glass', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('source_ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('request_id', 'text')
    .addColumn('channel', 'text')
    .addColumn('details', 'jsonb')
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_event_time').on('audit_event').column('occurred_at').execute();
  await db.schema
    .createIndex('audit_event_actor')
    .on('audit_event')
    .columns(['actor_user_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('audit_event_action')
    .on('audit_event')
    .columns(['action', 'occurred_at'])
    .execute();
  await sql`create index audit_event_patients on audit_event using gin (patient_ids)`.execute(db);

  // DESIGN invariant 4: the trail is append-only for every role, the application's included.
  await sql`
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_event_no_update before update or delete on audit_event for each row execute function audit_event_append_only()`.execute(
    db,
  );
  await sql`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_append_only()`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_event',
    'access_break_glass',
    'access_care_relationship',
    'access_patient_label',
    'access_recovery_code',
    'access_api_token',
    'access_session',
    'access_user_facility',
    'access_user_role',
    'access_user',
    'access_facility',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await sql`drop function audit_event_append_only()`.execute(db);
}
