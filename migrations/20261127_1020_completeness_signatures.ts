import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Chart completion, part three (issue 5): electronic signatures on notes (author and co-signer) with the
 * attestation method and a hash of the signed content, co-signature requests, and addenda linked to the
 * original note. All three are append-only (42 CFR 482.24(c)(1): entries authenticated by their author;
 * DESIGN invariant 3: signed content is never changed).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  await db.schema
    .createTable('completeness_signature')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('chart_entry.id'))
    .addColumn('addendum_id', 'uuid')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('author', 'cosigner')`))
    .addColumn('signer_user_id', 'uuid', (c) => c.notNull().references('access_user.id'))
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signer_credentials', 'text')
    .addColumn('attestation', 'text', (c) => c.notNull().check(sql`attestation in ('password', 'mfa')`))
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index completeness_signature_once on completeness_signature
    (entry_id, role) where addendum_id is null`.execute(db);
  await db.schema
    .createIndex('completeness_signature_entry')
    .on('completeness_signature')
    .column('entry_id')
    .execute();

  await db.schema
    .createTable('completeness_cosign_request')
    .addColumn('entry_id', 'uuid', (c) => c.primaryKey().references('chart_entry.id'))
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('cosigner_user_id', 'uuid', (c) => c.notNull().references('access_user.id'))
    .addColumn('requested_by', 'uuid', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('completeness_cosign_request_cosigner')
    .on('completeness_cosign_request')
    .column('cosigner_user_id')
    .execute();

  await db.schema
    .createTable('completeness_addendum')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('chart_entry.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'uuid', (c) => c.notNull().references('access_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('completeness_addendum_entry')
    .on('completeness_addendum')
    .column('entry_id')
    .execute();

  for (const t of ['completeness_signature', 'completeness_cosign_request', 'completeness_addendum'])
    await sql`create trigger ${sql.raw(`${t}_no_change`)} before update or delete on ${sql.table(t)}
      for each row execute function completeness_append_only()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['completeness_signature', 'completeness_cosign_request', 'completeness_addendum'])
    await sql`drop trigger ${sql.raw(`${t}_no_change`)} on ${sql.table(t)}`.execute(db);
  await db.schema.dropTable('completeness_addendum').execute();
  await db.schema.dropTable('completeness_cosign_request').execute();
  await db.schema.dropTable('completeness_signature').execute();
}
