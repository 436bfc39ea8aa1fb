import { type Kysely, sql } from 'kysely';

/**
 * The service account `demo-seed` (never signs in: inactive, no password): `demo seed --billing` records
 * the synthetic visits' final coding as this account, since coding names a real user as coder. Same
 * pattern as the HL7 v2 interface account (20261127_1510).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into access_user (username, full_name, active, is_service)
    values ('demo-seed', 'Demo data (synthetic)', false, true) on conflict (username) do nothing`.execute(db);
}

// The service account stays: demo coding it recorded refers to it (coded_by, finalized_by).
// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(_db: Kysely<any>): Promise<void> {}
