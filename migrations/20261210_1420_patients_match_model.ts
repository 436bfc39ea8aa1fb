import { type Kysely, sql } from 'kysely';

/**
 * Issue 17: trained matcher weights, versioned. Each `chartkeeper patients train-matcher` run (or the
 * nightly job) stores the m/u probabilities and λ that EM estimated on the live index, with who trained
 * them, when, from how many records and pairs, and the figures on the seeded labelled evaluation set.
 * At most one version is active; the matcher falls back to its starting weights when none is.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table patient_match_model (
    id uuid primary key default gen_random_uuid(),
    version integer not null unique,
    model jsonb not null,
    trained_at timestamptz not null,
    trained_by text not null,
    records integer not null,
    pairs integer not null,
    iterations integer not null,
    converged boolean not null,
    lambda double precision not null,
    evaluation jsonb not null,
    active boolean not null default false,
    activated_at timestamptz,
    activated_by text)`.execute(db);
  await sql`create unique index patient_match_model_one_active on patient_match_model (active) where active`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table patient_match_model`.execute(db);
}
