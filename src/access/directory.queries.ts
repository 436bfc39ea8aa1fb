import type { DbOrTx } from '../kernel/db.ts';
import { NO_ID, type PageArgs } from '../kernel/paging.ts';

/**
 * The user directory other domains may join for "who" columns (a clinician's name on a queue row, the
 * author of a version): id, name and credentials only, never secrets. The access domain owns
 * `access_user`; others join this fragment instead of writing SQL over the table (issue 12).
 * @example db.selectFrom('chart_version as v').leftJoin(userDirectory(db).as('u'), 'u.id', 'v.changed_by')
 */
export const userDirectory = (db: DbOrTx) =>
  db.selectFrom('access_user').select(['id', 'username', 'full_name', 'credentials', 'active', 'is_service']);

/** A service account's id by its username (the HL7 v2 interface files results as this user). */
export async function serviceAccountId(db: DbOrTx, username: string): Promise<string> {
  const row = await db
    .selectFrom('access_user')
    .select('id')
    .where('username', '=', username)
    .where('is_service', '=', true)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Practitioner search for the FHIR facade: directory columns only, never secrets. */
export async function userRows(db: DbOrTx, c: { ids?: string[]; name?: string }, page: PageArgs) {
  let q = db.selectFrom('access_user');
  if (c.ids) q = q.where('id', 'in', c.ids.length ? c.ids : [NO_ID]);
  if (c.name) q = q.where((eb) => eb(eb.fn('lower', ['full_name']), 'like', `%${c.name!.toLowerCase()}%`));
  const [rows, count] = await Promise.all([
    q
      .select(['id', 'username', 'full_name', 'credentials', 'active'])
      .orderBy('full_name')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function facilityRows(db: DbOrTx, c: { ids?: string[] }) {
  let q = db.selectFrom('access_facility').select(['id', 'code', 'name']);
  if (c.ids) q = q.where('id', 'in', c.ids.length ? c.ids : [NO_ID]);
  return q.orderBy('name').execute();
}
