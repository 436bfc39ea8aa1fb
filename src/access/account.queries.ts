import type { DbOrTx } from '../kernel/db.ts';

/** All SQL for a user's own credentials: password, sessions and API tokens. */

export async function setPassword(
  db: DbOrTx,
  userId: string,
  row: { password_hash: string; must_change_password: boolean; updated_at: Date },
): Promise<void> {
  await db.updateTable('access_user').set(row).where('id', '=', userId).execute();
}

export async function liveSessionsOf(db: DbOrTx, userId: string, now: Date) {
  return db
    .selectFrom('access_session')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function findSession(db: DbOrTx, id: string) {
  return db.selectFrom('access_session').select(['id', 'user_id']).where('id', '=', id).executeTakeFirst();
}

/** Revokes every live session of a user; returns how many. */
export async function revokeSessionsOf(
  db: DbOrTx,
  userId: string,
  at: Date,
  reason: string,
): Promise<number> {
  const r = await db
    .updateTable('access_session')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function tokensOf(db: DbOrTx, userId: string) {
  return db
    .selectFrom('access_api_token')
    .select(['id', 'name', 'prefix', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findToken(db: DbOrTx, id: string) {
  return db
    .selectFrom('access_api_token')
    .select(['id', 'user_id', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function revokeToken(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db
    .updateTable('access_api_token')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
