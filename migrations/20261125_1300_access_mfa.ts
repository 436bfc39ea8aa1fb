import type { Kysely } from 'kysely';

/**
 * TOTP replay protection (RFC 6238 §5.2: a verifier should not accept the same code twice): the last
 * accepted time step per user.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_user').addColumn('mfa_last_step', 'bigint').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_user').dropColumn('mfa_last_step').execute();
}
