import { type Kysely, sql } from 'kysely';

/**
 * Code-set reference tables (global: no patient_id, so they replicate to every Citus node as reference
 * tables). A code belongs to one loaded version of one system; versions coexist, each with its validity
 * period (ICD-10 fiscal year: 1 October of the previous calendar year to 30 September).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await db.schema
    .createTable('coding_code_system_version')
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'date')
    .addColumn('effective_to', 'date')
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('billable_count', 'integer', (c) => c.notNull())
    .addColumn('header_count', 'integer', (c) => c.notNull())
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('coding_code_system_version_pk', ['system', 'version'])
    .execute();

  // code is collated "C": codes are ASCII identifiers, and byte order lets the primary-key index serve
  // prefix LIKEs and the range scans of a header's descendants whatever the database's collation.
  // search_vector: 'simple' config (no stemming, no stop words) so prefix queries such as "diab:*" match
  // the words as printed in the code titles.
  await sql`
    create table coding_code (
      system text not null,
      version text not null,
      code text collate "C" not null,
      billable boolean not null,
      short_description text not null,
      long_description text not null,
      search_vector tsvector generated always as
        (to_tsvector('simple', short_description || ' ' || long_description)) stored,
      primary key (system, version, code),
      foreign key (system, version) references coding_code_system_version (system, version) on delete cascade
    )`.execute(db);
  await sql`create index coding_code_search_idx on coding_code using gin (search_vector)`.execute(db);
  await sql`create index coding_code_trgm_idx on coding_code using gin (long_description gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index coding_code_code_idx on coding_code (code)`.execute(db);

  // POA-exempt list (ICD-10-CM Official Guidelines, Appendix I), per fiscal year.
  await db.schema
    .createTable('coding_poa_exempt')
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coding_poa_exempt_pk', ['version', 'code'])
    .execute();

  // NCCI procedure-to-procedure edits (CMS quarterly tables), column 1 / column 2 pairs.
  await db.schema
    .createTable('coding_ncci_ptp')
    .addColumn('column1', 'text', (c) => c.notNull())
    .addColumn('column2', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addColumn('deletion_date', 'date')
    .addColumn('modifier_indicator', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coding_ncci_ptp_pk', ['column1', 'column2', 'effective_date'])
    .execute();
  await db.schema.createIndex('coding_ncci_ptp_col2_idx').on('coding_ncci_ptp').column('column2').execute();

  // Medically unlikely edits (CMS MUE tables).
  await db.schema
    .createTable('coding_mue')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('max_units', 'integer', (c) => c.notNull())
    .addColumn('adjudication_indicator', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('coding_mue').execute();
  await db.schema.dropTable('coding_ncci_ptp').execute();
  await db.schema.dropTable('coding_poa_exempt').execute();
  await db.schema.dropTable('coding_code').execute();
  await db.schema.dropTable('coding_code_system_version').execute();
}
