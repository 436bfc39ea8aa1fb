import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { validationFailed } from '../kernel/errors.ts';
import { findUserByUsername, insertUser } from './access.queries.ts';
import { recordAudit } from './audit/audit.service.ts';
import { accessErrors } from './errors.ts';
import { hashPassword, passwordProblems } from './passwords.ts';
import { isRole } from './permissions.ts';

export interface NewUser {
  username: string;
  fullName: string;
  credentials?: string | null;
  roles: string[];
  facilityIds?: string[];
  password: string;
  /** Administrator-set passwords must be changed at first sign-in. */
  mustChangePassword?: boolean;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/** Creates a user with roles (audited as an administrative change). */
export async function createUser(
  ctx: RequestContext,
  input: NewUser,
): Promise<{ id: string; username: string }> {
  const username = input.username.trim().toLowerCase();
  const issues = [];
  if (!USERNAME.test(username)) {
    issues.push({ field: 'username', message: 'Use 2–63 letters, digits, dots, dashes or underscores.' });
  }
  if (!input.fullName.trim()) issues.push({ field: 'fullName', message: 'Enter the full name.' });
  if (input.roles.length === 0) issues.push({ field: 'roles', message: 'Choose at least one role.' });
  for (const p of passwordProblems(input.password, username)) issues.push({ field: 'password', message: p });
  if (issues.length) throw validationFailed(issues);
  for (const r of input.roles) if (!isRole(r)) throw accessErrors.unknownRole(r);

  const passwordHash = await hashPassword(input.password);
  return withTransaction(ctx.db, async (trx) => {
    if (await findUserByUsername(trx, username)) throw accessErrors.usernameTaken();
    const now = ctx.clock.now();
    const id = await insertUser(
      trx,
      {
        username,
        full_name: input.fullName.trim(),
        credentials: input.credentials ?? null,
        password_hash: passwordHash,
        must_change_password: input.mustChangePassword ?? false,
        created_at: now,
        updated_at: now,
      },
      [...new Set(input.roles)],
      input.facilityIds ?? [],
    );
    await recordAudit(trx, ctx, {
      action: 'user.create',
      resourceType: 'User',
      resourceId: id,
      details: { username, roles: input.roles },
    });
    return { id, username };
  });
}
