import { type Kysely, sql } from 'kysely';

/**
 * The core of the master patient index: one row per patient record. Later patients migrations add the
 * rest of the identification (other names, addresses, identifiers, coverage…); clinical tables reference
 * patient(id) and carry patient_id (the Citus distribution key, docs/scaling.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('patient')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mrn', 'text', (c) => c.notNull().unique())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('middle_name', 'text')
    .addColumn('suffix', 'text')
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('sex_at_birth', 'text', (c) => c.notNull().check(sql`sex_at_birth in ('F', 'M', 'U')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'merged')`),
    )
    .addColumn('merged_into', 'uuid', (c) => c.references('patient.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patient_birth_date').on('patient').column('birth_date').execute();
  await sql`create index patient_family_trgm on patient using gin (family_name gin_trgm_ops)`.execute(db);
  await sql`alter table access_patient_label add constraint access_patient_label_patient_fk foreign key (patient_id) references patient(id)`.execute(
    db,
  );
  await sql`alter table access_care_relationship add constraint access_care_rel_patient_fk foreign key (patient_id) references patient(id)`.execute(
    db,
  );
  await sql`alter table access_break_glass add constraint access_break_glass_patient_fk foreign key (patient_id) references patient(id)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table access_break_glass drop constraint access_break_glass_patient_fk`.execute(db);
  await sql`alter table access_care_relationship drop constraint access_care_rel_patient_fk`.execute(db);
  await sql`alter table access_patient_label drop constraint access_patient_label_patient_fk`.execute(db);
  await db.schema.dropTable('patient').execute();
}
