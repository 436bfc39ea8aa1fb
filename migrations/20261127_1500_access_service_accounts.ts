import { type Kysely, sql } from 'kysely';

/**
 * Service accounts: users that act for a system (the HL7 v2 interface) and never sign in. They do not
 * count as "a user exists" for first-run setup, so an interface set up before the first administrator
 * cannot lock the setup link out (docs/access.md, docs/hl7v2.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('access_user')
    .addColumn('is_service', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // A service account has no password and is inactive: it cannot sign in.
  await sql`alter table access_user add constraint access_user_service_no_login
    check (not is_service or (password_hash is null and not active))`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_user').dropConstraint('access_user_service_no_login').execute();
  await db.schema.alterTable('access_user').dropColumn('is_service').execute();
}
