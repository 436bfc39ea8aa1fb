import type { DbOrTx } from '../kernel/db.ts';

/**
 * The user directory other domains may join for "who" columns (a clinician's name on a queue row, the
 * author of a version): id, name and credentials only, never secrets. The access domain owns
 * `access_user`; others join this fragment instead of writing SQL over the table (issue 12).
 * @example db.selectFrom('chart_version as v').leftJoin(userDirectory(db).as('u'), 'u.id', 'v.changed_by')
 */
export const userDirectory = (db: DbOrTx) =>
  db.selectFrom('access_user').select(['id', 'username', 'full_name', 'credentials', 'active', 'is_service']);
