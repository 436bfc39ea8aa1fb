import type { Actor } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { facilitiesOf, rolesOf } from './access.queries.ts';
import { permissionsFor } from './permissions.ts';

/** Loads the roles, permissions and facilities of a user into the Actor that services see. */
export async function loadActor(
  db: DbOrTx,
  user: { id: string; username: string },
  via: { sessionId?: string; tokenId?: string },
  grants?: { roles: string[]; facility_ids: string[] },
): Promise<Actor> {
  const [roles, facilityIds] = grants
    ? [grants.roles, grants.facility_ids]
    : await Promise.all([rolesOf(db, user.id), facilitiesOf(db, user.id)]);
  return {
    userId: user.id,
    username: user.username,
    roles,
    permissions: permissionsFor(roles),
    facilityIds,
    ...via,
  };
}
