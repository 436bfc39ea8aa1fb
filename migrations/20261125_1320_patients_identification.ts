import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * The rest of the master patient index (issue 4): identification on the patient row, other names,
 * address history, identifiers, insurance coverage, the version history, the duplicate review queue,
 * sweeps and merges. Nothing here is ever deleted: addresses close with valid_to, coverage and names are
 * marked entered-in-error, identifiers are retired, merges are undone by a new row state.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const patientRef = (c: ColumnDefinitionBuilder) => c.notNull().references('patient.id');
  await sql`create sequence patient_mrn_seq`.execute(db);
  await db.schema
    .alterTable('patient')
    .addColumn('gender_identity', 'text')
    .addColumn('ssn_enc', 'text')
    .addColumn('ssn_hash', 'text')
    .addColumn('ssn_last4_hash', 'text')
    .addColumn('email', 'text')
    .addColumn('preferred_language', 'text')
    .addColumn('race', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('ethnicity', 'text')
    .addColumn('marital_status', 'text')
    .addColumn('date_of_death', 'date')
    .addColumn('phones', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('phone_digits', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('emergency_contact', 'jsonb')
    .addColumn('guarantor', 'jsonb')
    .addColumn('family_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('given_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('family_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('given_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address_line', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('updated_by', 'text')
    .execute();
  // Blocking keys for matching and search (docs/patients.md): phonetic key + birth date, trigrams on names.
  await sql`create index patient_family_key_dob on patient (family_key, birth_date)`.execute(db);
  await sql`create index patient_family_given_key on patient (family_key, given_key)`.execute(db);
  await sql`create index patient_family_norm_trgm on patient using gin (family_norm gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index patient_ssn_hash on patient (ssn_hash) where ssn_hash is not null`.execute(db);
  await sql`create index patient_ssn_last4_hash on patient (ssn_last4_hash) where ssn_last4_hash is not null`.execute(
    db,
  );
  await sql`create index patient_phone_digits on patient using gin (phone_digits)`.execute(db);
  await sql`create index patient_merged_into on patient (merged_into) where merged_into is not null`.execute(
    db,
  );

  await db.schema
    .createTable('patient_other_name')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', patientRef)
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('maiden', 'alias', 'previous')`))
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index patient_other_name_patient on patient_other_name (patient_id)`.execute(db);
  await sql`create index patient_other_name_key on patient_other_name (family_key)`.execute(db);

  await db.schema
    .createTable('patient_address')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', patientRef)
    .addColumn('use', 'text', (c) => c.notNull().defaultTo('home'))
    .addColumn('line1', 'text', (c) => c.notNull())
    .addColumn('line2', 'text')
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull().defaultTo('US'))
    .addColumn('is_current', 'boolean', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index patient_address_patient on patient_address (patient_id)`.execute(db);

  await db.schema
    .createTable('patient_identifier')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', patientRef)
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('other_mrn', 'member_id', 'drivers_license', 'passport', 'other')`),
    )
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index patient_identifier_patient on patient_identifier (patient_id)`.execute(db);
  await sql`create index patient_identifier_value on patient_identifier (value)`.execute(db);

  await db.schema
    .createTable('patient_coverage')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', patientRef)
    .addColumn('priority', 'text', (c) =>
      c.notNull().check(sql`priority in ('primary', 'secondary', 'tertiary')`),
    )
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('plan', 'text')
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('group_number', 'text')
    .addColumn('subscriber_name', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) =>
      c.notNull().check(sql`relationship in ('self', 'spouse', 'child', 'other')`),
    )
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('effective_to', 'date')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index patient_coverage_patient on patient_coverage (patient_id)`.execute(db);

  await db.schema
    .createTable('patient_version')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', patientRef)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_fields', sql`text[]`, (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint('patient_version_unique', ['patient_id', 'version'])
    .execute();

  await db.schema
    .createTable('patient_sweep')
    .addColumn('id', 'uuid', id)
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('cursor', 'uuid')
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pairs_found', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('patient_duplicate')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_a', 'uuid', patientRef)
    .addColumn('patient_b', 'uuid', patientRef)
    .addColumn('score', 'numeric', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'merged', 'not_duplicate')`),
    )
    .addColumn('found_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text')
    .addUniqueConstraint('patient_duplicate_pair', ['patient_a', 'patient_b'])
    .addCheckConstraint('patient_duplicate_ordered', sql`patient_a < patient_b`)
    .execute();
  await sql`create index patient_duplicate_open on patient_duplicate (score desc) where status = 'open'`.execute(
    db,
  );

  await db.schema
    .createTable('patient_merge')
    .addColumn('id', 'uuid', id)
    .addColumn('survivor_id', 'uuid', patientRef)
    .addColumn('retired_id', 'uuid', patientRef)
    .addColumn('reason', 'text')
    .addColumn('merged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('merged_by', 'text', (c) => c.notNull())
    .addColumn('moved', 'jsonb', (c) => c.notNull())
    .addColumn('unmerged_at', 'timestamptz')
    .addColumn('unmerged_by', 'text')
    .execute();
  await sql`create index patient_merge_retired on patient_merge (retired_id)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'patient_merge',
    'patient_duplicate',
    'patient_sweep',
    'patient_version',
    'patient_coverage',
    'patient_identifier',
    'patient_address',
    'patient_other_name',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await sql`create index patient_family_trgm on patient using gin (family_name gin_trgm_ops)`.execute(db);
  await sql`drop index patient_family_key_dob, patient_family_given_key, patient_family_norm_trgm, patient_ssn_hash, patient_ssn_last4_hash, patient_phone_digits, patient_merged_into`.execute(
    db,
  );
  await db.schema
    .alterTable('patient')
    .dropColumn('gender_identity')
    .dropColumn('ssn_enc')
    .dropColumn('ssn_hash')
    .dropColumn('ssn_last4_hash')
    .dropColumn('email')
    .dropColumn('preferred_language')
    .dropColumn('race')
    .dropColumn('ethnicity')
    .dropColumn('marital_status')
    .dropColumn('date_of_death')
    .dropColumn('phones')
    .dropColumn('phone_digits')
    .dropColumn('emergency_contact')
    .dropColumn('guarantor')
    .dropColumn('family_key')
    .dropColumn('given_key')
    .dropColumn('family_norm')
    .dropColumn('given_norm')
    .dropColumn('address_line')
    .dropColumn('postal_code')
    .dropColumn('updated_by')
    .execute();
  await sql`drop sequence patient_mrn_seq`.execute(db);
}
