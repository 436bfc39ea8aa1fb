import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

/** All SQL for users, roles, facilities, sessions and API tokens. */

export async function findUserByUsername(db: DbOrTx, username: string) {
  return db
    .selectFrom('access_user')
    .selectAll()
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: DbOrTx, id: string) {
  return db.selectFrom('access_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesOf(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('access_user_role')
    .select('role')
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role);
}

export async function facilitiesOf(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('access_user_facility')
    .select('facility_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.facility_id);
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('access_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_service', '=', false)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface NewUserRow {
  username: string;
  full_name: string;
  credentials: string | null;
  password_hash: string | null;
  must_change_password: boolean;
  updated_at: Date;
  created_at: Date;
}

export async function insertUser(
  db: DbOrTx,
  row: NewUserRow,
  roles: string[],
  facilityIds: string[],
): Promise<string> {
  const { id } = await db.insertInto('access_user').values(row).returning('id').executeTakeFirstOrThrow();
  if (roles.length)
    await db
      .insertInto('access_user_role')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute();
  if (facilityIds.length) {
    await db
      .insertInto('access_user_facility')
      .values(facilityIds.map((facility_id) => ({ user_id: id, facility_id })))
      .execute();
  }
  return id;
}

export async function updateSignInState(
  db: DbOrTx,
  userId: string,
  state: { failed_attempts: number; lockouts?: number; locked_until: Date | null },
): Promise<void> {
  await db.updateTable('access_user').set(state).where('id', '=', userId).execute();
}

export async function insertSession(
  db: DbOrTx,
  row: {
    token_hash: string;
    user_id: string;
    csrf_token: string;
    mfa_passed: boolean;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  },
): Promise<string> {
  const { id } = await db.insertInto('access_session').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findSessionByHash(db: DbOrTx, tokenHash: string) {
  return db.selectFrom('access_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchSession(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.updateTable('access_session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function markSessionMfaPassed(db: DbOrTx, id: string): Promise<void> {
  await db.updateTable('access_session').set({ mfa_passed: true }).where('id', '=', id).execute();
}

export async function revokeSession(db: DbOrTx, id: string, at: Date, reason: string): Promise<void> {
  await db
    .updateTable('access_session')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertApiToken(
  db: DbOrTx,
  row: {
    user_id: string;
    name: string;
    token_hash: string;
    prefix: string;
    created_at: Date;
    expires_at: Date | null;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('access_api_token')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findApiTokenByHash(db: DbOrTx, tokenHash: string) {
  return db.selectFrom('access_api_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchApiToken(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.updateTable('access_api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}

/**
 * A user with their roles and facilities in one round trip (every authenticated request needs all
 * three, so the gate asks once).
 */
export async function findUserWithGrants(db: DbOrTx, id: string) {
  return db
    .selectFrom('access_user as u')
    .selectAll('u')
    .select([
      sql<
        string[]
      >`coalesce((select array_agg(r.role order by r.role) from access_user_role r where r.user_id = u.id), '{}')`.as(
        'roles',
      ),
      sql<
        string[]
      >`coalesce((select array_agg(f.facility_id::text) from access_user_facility f where f.user_id = u.id), '{}')`.as(
        'facility_ids',
      ),
    ])
    .where('u.id', '=', id)
    .executeTakeFirst();
}
