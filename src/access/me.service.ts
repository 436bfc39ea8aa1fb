import type { RequestContext } from '../kernel/context.ts';
import { unauthorized } from '../kernel/errors.ts';
import { findUserById } from './access.queries.ts';
import type { Me } from './access.schemas.ts';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from './permissions.ts';
import type { ResolvedSession } from './sessions.service.ts';

/** Who is signed in, with what, and until when (the web app's session state). */
export async function whoAmI(ctx: RequestContext, session?: ResolvedSession): Promise<Me> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw unauthorized();
  return {
    user: { id: user.id, username: user.username, fullName: user.full_name, credentials: user.credentials },
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    facilityIds: actor.facilityIds,
    csrfToken: session?.csrfToken ?? null,
    mfaPassed: session?.mfaPassed ?? true,
    mfaEnabled: user.mfa_enabled,
    mfaRequired: session?.mfaRequired ?? false,
    mustChangePassword: user.must_change_password,
    idleTimeoutSeconds: ctx.config.SESSION_IDLE_MINUTES * 60,
    sessionExpiresAt: session?.expiresAt.toISOString() ?? null,
  };
}

/** The role → permission matrix for the admin screen. */
export function roleMatrix() {
  return {
    roles: Object.entries(ROLES).map(([id, label]) => ({
      id,
      label,
      permissions: ROLE_PERMISSIONS[id as keyof typeof ROLES],
    })),
    permissions: Object.entries(PERMISSIONS).map(([id, description]) => ({ id, description })),
  };
}
