import type { RequestContext } from '../kernel/context.ts';
import { randomToken, sha256Hex } from '../kernel/crypto.ts';
import { withTransaction } from '../kernel/db.ts';
import {
  findSessionByHash,
  findUserByUsername,
  findUserWithGrants,
  insertSession,
  revokeSession,
  touchSession,
  updateSignInState,
} from './access.queries.ts';
import { loadActor } from './actor.ts';
import { recordAudit, recordDenied } from './audit/audit.service.ts';
import { accessErrors } from './errors.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { mfaRequiredFor } from './policy.service.ts';

export const SESSION_COOKIE = 'ck_session';

/** Lockout grows with each lockout: 5, 10, 20 … minutes, capped at 24 hours. */
export function lockoutMinutes(previousLockouts: number): number {
  return Math.min(5 * 2 ** previousLockouts, 24 * 60);
}

export interface SignInResult {
  token: string;
  csrfToken: string;
  mfaRequired: boolean;
  expiresAt: Date;
}

/**
 * Password sign-in. Whatever fails (unknown user, wrong password, locked, disabled) answers the same
 * error after the same work (a hash verification), so the response reveals nothing about the account.
 */
export async function signIn(ctx: RequestContext, username: string, password: string): Promise<SignInResult> {
  const now = ctx.clock.now();
  const user = await findUserByUsername(ctx.db, username.trim());
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
  const locked = user?.locked_until != null && user.locked_until > now;
  if (!user || !ok || locked || !user.active) {
    if (user && !ok && !locked) await registerFailure(ctx, user);
    await recordDenied(ctx, {
      action: 'auth.login',
      userId: user?.id,
      username: username.trim().toLowerCase().slice(0, 64),
      details: {
        reason: !user ? 'unknown-user' : locked ? 'locked' : !user.active ? 'disabled' : 'bad-password',
      },
    });
    throw accessErrors.invalidCredentials();
  }
  const token = randomToken();
  const csrfToken = randomToken(18);
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_ABSOLUTE_MINUTES * 60_000);
  const mfaRequired = user.mfa_enabled;
  await withTransaction(ctx.db, async (trx) => {
    await updateSignInState(trx, user.id, { failed_attempts: 0, lockouts: 0, locked_until: null });
    const sessionId = await insertSession(trx, {
      token_hash: sha256Hex(token),
      user_id: user.id,
      csrf_token: csrfToken,
      mfa_passed: !mfaRequired,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: ctx.ip ?? null,
      user_agent: ctx.userAgent ?? null,
    });
    await recordAudit(trx, ctx, {
      action: mfaRequired ? 'auth.password_ok' : 'auth.login',
      userId: user.id,
      username: user.username,
      resourceType: 'Session',
      resourceId: sessionId,
    });
  });
  return { token, csrfToken, mfaRequired, expiresAt };
}

/** Counts a failed password or MFA code toward lockout (exported for the MFA challenge). */
export async function registerFailure(
  ctx: RequestContext,
  user: { id: string; failed_attempts: number; lockouts: number },
) {
  const attempts = user.failed_attempts + 1;
  if (attempts < ctx.config.LOCKOUT_THRESHOLD) {
    await updateSignInState(ctx.db, user.id, { failed_attempts: attempts, locked_until: null });
    return;
  }
  const until = new Date(ctx.clock.now().getTime() + lockoutMinutes(user.lockouts) * 60_000);
  await updateSignInState(ctx.db, user.id, {
    failed_attempts: 0,
    lockouts: user.lockouts + 1,
    locked_until: until,
  });
  await recordAudit(ctx.db, ctx, {
    action: 'auth.lockout',
    userId: user.id,
    resourceType: 'User',
    resourceId: user.id,
    details: { until: until.toISOString(), lockouts: user.lockouts + 1 },
  });
}

export interface ResolvedSession {
  sessionId: string;
  userId: string;
  csrfToken: string;
  mfaPassed: boolean;
  mustChangePassword: boolean;
  mfaEnabled: boolean;
  /** The policy requires MFA for this user's permissions (enrolment is then compulsory). */
  mfaRequired: boolean;
  expiresAt: Date;
  lastSeenAt: Date;
}

/**
 * Finds the live session for a cookie value; ends it (audited) when idle or past its absolute limit
 * (HIPAA 164.312(a)(2)(iii) automatic logoff).
 */
export async function resolveSession(
  ctx: RequestContext,
  token: string,
): Promise<ResolvedSession | undefined> {
  const session = await findSessionByHash(ctx.db, sha256Hex(token));
  if (!session || session.revoked_at) return undefined;
  const now = ctx.clock.now();
  const idleLimit = session.last_seen_at.getTime() + ctx.config.SESSION_IDLE_MINUTES * 60_000;
  const expired =
    now.getTime() > idleLimit ? 'idle-timeout' : now > session.expires_at ? 'absolute-timeout' : undefined;
  const user = await findUserWithGrants(ctx.db, session.user_id);
  if (expired || !user || !user.active) {
    const reason = expired ?? 'user-disabled';
    await withTransaction(ctx.db, async (trx) => {
      await revokeSession(trx, session.id, now, reason);
      await recordAudit(trx, ctx, {
        action: 'auth.session_expired',
        userId: session.user_id,
        resourceType: 'Session',
        resourceId: session.id,
        details: { reason },
      });
    });
    return undefined;
  }
  // Writing last_seen_at on every request would double the writes; a 15 s resolution is plenty for a
  // 15-minute idle limit.
  if (now.getTime() - session.last_seen_at.getTime() > 15_000) await touchSession(ctx.db, session.id, now);
  ctx.actor = await loadActor(ctx.db, user, { sessionId: session.id }, user);
  return {
    sessionId: session.id,
    userId: user.id,
    csrfToken: session.csrf_token,
    mfaPassed: session.mfa_passed,
    mustChangePassword: user.must_change_password,
    mfaEnabled: user.mfa_enabled,
    mfaRequired: await mfaRequiredFor(ctx, ctx.actor.permissions),
    expiresAt: session.expires_at,
    lastSeenAt: now,
  };
}

export async function signOut(ctx: RequestContext, sessionId: string): Promise<void> {
  await withTransaction(ctx.db, async (trx) => {
    await revokeSession(trx, sessionId, ctx.clock.now(), 'sign-out');
    await recordAudit(trx, ctx, { action: 'auth.logout', resourceType: 'Session', resourceId: sessionId });
  });
}
