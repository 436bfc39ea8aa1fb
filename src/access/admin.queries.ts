import type { DbOrTx } from '../kernel/db.ts';

/** All SQL for user and facility administration. */

export async function searchUsers(db: DbOrTx, q: { text?: string; offset: number; limit: number }) {
  let base = db.selectFrom('access_user');
  if (q.text) {
    const like = `%${q.text.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
    base = base.where((eb) => eb.or([eb('username', 'like', like), eb('full_name', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    base
      .select([
        'id',
        'username',
        'full_name',
        'credentials',
        'active',
        'mfa_enabled',
        'must_change_password',
        'locked_until',
      ])
      .select((eb) => [
        eb
          .selectFrom('access_user_role')
          .select((e) => e.fn.coalesce(e.fn.agg<string[]>('array_agg', ['role']), e.val([])).as('r'))
          .whereRef('access_user_role.user_id', '=', 'access_user.id')
          .as('roles'),
        eb
          .selectFrom('access_user_facility')
          .select((e) => e.fn.agg<string[]>('array_agg', ['facility_id']).as('f'))
          .whereRef('access_user_facility.user_id', '=', 'access_user.id')
          .as('facility_ids'),
      ])
      .orderBy('username')
      .offset(q.offset)
      .limit(q.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function updateUserRow(
  db: DbOrTx,
  id: string,
  set: Partial<{
    full_name: string;
    credentials: string | null;
    active: boolean;
    password_hash: string;
    must_change_password: boolean;
    failed_attempts: number;
    locked_until: Date | null;
    updated_at: Date;
  }>,
): Promise<void> {
  await db.updateTable('access_user').set(set).where('id', '=', id).execute();
}

export async function replaceRoles(db: DbOrTx, userId: string, roles: string[]): Promise<void> {
  await db.deleteFrom('access_user_role').where('user_id', '=', userId).execute();
  if (roles.length) {
    await db
      .insertInto('access_user_role')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
  }
}

export async function replaceFacilities(db: DbOrTx, userId: string, ids: string[]): Promise<void> {
  await db.deleteFrom('access_user_facility').where('user_id', '=', userId).execute();
  if (ids.length) {
    await db
      .insertInto('access_user_facility')
      .values(ids.map((facility_id) => ({ user_id: userId, facility_id })))
      .execute();
  }
}

export async function listFacilities(db: DbOrTx) {
  return db.selectFrom('access_facility').select(['id', 'code', 'name']).orderBy('code').execute();
}

export async function findFacilityByCode(db: DbOrTx, code: string) {
  return db.selectFrom('access_facility').select('id').where('code', '=', code).executeTakeFirst();
}

export async function countFacilities(db: DbOrTx, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .selectFrom('access_facility')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertFacility(db: DbOrTx, row: { code: string; name: string; created_at: Date }) {
  return db
    .insertInto('access_facility')
    .values(row)
    .returning(['id', 'code', 'name'])
    .executeTakeFirstOrThrow();
}
