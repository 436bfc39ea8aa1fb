import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { type FieldIssue, notFound, validationFailed } from '../kernel/errors.ts';
import { findUserById } from './access.queries.ts';
import { revokeSessionsOf } from './account.queries.ts';
import {
  countFacilities,
  findFacilityByCode,
  insertFacility,
  listFacilities,
  replaceFacilities,
  replaceRoles,
  searchUsers,
  updateUserRow,
} from './admin.queries.ts';
import { recordAudit } from './audit/audit.service.ts';
import { hashPassword, passwordProblems } from './passwords.ts';
import { isRole } from './permissions.ts';
import { createUser } from './users.service.ts';

/** User and facility administration (permission user:admin); every change is an audited admin event. */

export interface UserView {
  id: string;
  username: string;
  fullName: string;
  credentials: string | null;
  active: boolean;
  mfaEnabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  roles: string[];
  facilityIds: string[];
}

export async function listUsers(
  ctx: RequestContext,
  q: { q?: string; offset: number; limit: number },
): Promise<{ items: UserView[]; total: number }> {
  const { rows, total } = await searchUsers(ctx.db, { text: q.q?.trim(), offset: q.offset, limit: q.limit });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      fullName: r.full_name,
      credentials: r.credentials,
      active: r.active,
      mfaEnabled: r.mfa_enabled,
      mustChangePassword: r.must_change_password,
      lockedUntil: r.locked_until?.toISOString() ?? null,
      roles: (r.roles ?? []).sort(),
      facilityIds: r.facility_ids ?? [],
    })),
  };
}

/** An administrator creates a user with a temporary password that must be changed at first sign-in. */
export async function adminCreateUser(
  ctx: RequestContext,
  input: {
    username: string;
    fullName: string;
    credentials?: string | null;
    roles: string[];
    facilityIds?: string[];
    password: string;
  },
): Promise<{ id: string; username: string }> {
  await checkFacilities(ctx, input.facilityIds ?? []);
  return createUser(ctx, { ...input, mustChangePassword: true });
}

async function checkFacilities(ctx: RequestContext, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if ((await countFacilities(ctx.db, unique)) !== unique.length) {
    throw validationFailed([{ field: 'facilityIds', message: 'Choose facilities from the list.' }]);
  }
}

export interface UserChanges {
  fullName?: string;
  credentials?: string | null;
  roles?: string[];
  facilityIds?: string[];
}

/** Edits name, credentials, roles and facilities; the audit event lists which fields changed. */
export async function updateUser(ctx: RequestContext, id: string, ch: UserChanges): Promise<void> {
  if (!(await findUserById(ctx.db, id))) throw notFound('The user');
  const issues: FieldIssue[] = [];
  if (ch.fullName !== undefined && !ch.fullName.trim())
    issues.push({ field: 'fullName', message: 'Enter the full name.' });
  if (ch.roles && ch.roles.length === 0)
    issues.push({ field: 'roles', message: 'Choose at least one role.' });
  for (const r of ch.roles ?? [])
    if (!isRole(r)) issues.push({ field: 'roles', message: `Unknown role "${r}".` });
  if (issues.length) throw validationFailed(issues);
  if (ch.facilityIds) await checkFacilities(ctx, ch.facilityIds);
  await withTransaction(ctx.db, async (trx) => {
    await updateUserRow(trx, id, {
      ...(ch.fullName !== undefined ? { full_name: ch.fullName.trim() } : {}),
      ...(ch.credentials !== undefined ? { credentials: ch.credentials?.trim() || null } : {}),
      updated_at: ctx.clock.now(),
    });
    if (ch.roles) await replaceRoles(trx, id, [...new Set(ch.roles)]);
    if (ch.facilityIds) await replaceFacilities(trx, id, [...new Set(ch.facilityIds)]);
    await recordAudit(trx, ctx, {
      action: 'user.update',
      resourceType: 'User',
      resourceId: id,
      details: { fields: Object.keys(ch), ...(ch.roles ? { roles: ch.roles } : {}) },
    });
  });
}

/** Disables (ending every session at once) or re-enables an account. Users are never deleted. */
export async function setUserActive(ctx: RequestContext, id: string, active: boolean): Promise<void> {
  if (!(await findUserById(ctx.db, id))) throw notFound('The user');
  const now = ctx.clock.now();
  await withTransaction(ctx.db, async (trx) => {
    await updateUserRow(trx, id, { active, updated_at: now });
    if (!active) await revokeSessionsOf(trx, id, now, 'user-disabled');
    await recordAudit(trx, ctx, {
      action: active ? 'user.enable' : 'user.disable',
      resourceType: 'User',
      resourceId: id,
    });
  });
}

/** Sets a temporary password, forces a change at next sign-in, unlocks the account and ends its sessions. */
export async function resetPassword(ctx: RequestContext, id: string, password: string): Promise<void> {
  const user = await findUserById(ctx.db, id);
  if (!user) throw notFound('The user');
  const problems = passwordProblems(password, user.username);
  if (problems.length) throw validationFailed(problems.map((message) => ({ field: 'password', message })));
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  await withTransaction(ctx.db, async (trx) => {
    await updateUserRow(trx, id, {
      password_hash: hash,
      must_change_password: true,
      failed_attempts: 0,
      locked_until: null,
      updated_at: now,
    });
    await revokeSessionsOf(trx, id, now, 'password-reset');
    await recordAudit(trx, ctx, { action: 'user.password_reset', resourceType: 'User', resourceId: id });
  });
}

export async function revokeUserSessions(ctx: RequestContext, id: string): Promise<{ revoked: number }> {
  if (!(await findUserById(ctx.db, id))) throw notFound('The user');
  return withTransaction(ctx.db, async (trx) => {
    const revoked = await revokeSessionsOf(trx, id, ctx.clock.now(), 'revoked-by-admin');
    await recordAudit(trx, ctx, {
      action: 'session.revoke_all',
      resourceType: 'User',
      resourceId: id,
      details: { revoked },
    });
    return { revoked };
  });
}

export const facilities = (ctx: RequestContext) => listFacilities(ctx.db);

export async function createFacility(
  ctx: RequestContext,
  input: { code: string; name: string },
): Promise<{ id: string; code: string; name: string }> {
  const code = input.code.trim().toUpperCase();
  const issues: FieldIssue[] = [];
  if (!/^[A-Z0-9-]{2,20}$/.test(code))
    issues.push({ field: 'code', message: 'Use 2–20 letters, digits or dashes.' });
  if (!input.name.trim()) issues.push({ field: 'name', message: 'Enter the facility name.' });
  if (!issues.length && (await findFacilityByCode(ctx.db, code)))
    issues.push({ field: 'code', message: 'That code is already in use.' });
  if (issues.length) throw validationFailed(issues);
  return withTransaction(ctx.db, async (trx) => {
    const f = await insertFacility(trx, { code, name: input.name.trim(), created_at: ctx.clock.now() });
    await recordAudit(trx, ctx, { action: 'facility.create', resourceType: 'Facility', resourceId: f.id });
    return f;
  });
}
