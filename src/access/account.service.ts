import type { Actor, RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { notFound, unauthorized, validationFailed } from '../kernel/errors.ts';
import { findUserById, revokeSession } from './access.queries.ts';
import {
  findSession,
  findToken,
  liveSessionsOf,
  revokeToken,
  setPassword,
  tokensOf,
} from './account.queries.ts';
import { recordAudit, recordDenied } from './audit/audit.service.ts';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.ts';
import { createApiToken } from './tokens.service.ts';

function me(ctx: RequestContext): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

/**
 * Changes the signed-in user's password (NIST SP 800-63B §5.1.1.2 checks; re-authentication with the
 * current one). Clears a forced change set by an administrator reset.
 */
export async function changeOwnPassword(
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = me(ctx);
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw unauthorized();
  const issues = passwordProblems(input.newPassword, user.username).map((message) => ({
    field: 'newPassword',
    message,
  }));
  const currentOk = !!user.password_hash && (await verifyPassword(user.password_hash, input.currentPassword));
  if (!currentOk) issues.unshift({ field: 'currentPassword', message: 'That is not your current password.' });
  else if (input.newPassword === input.currentPassword) {
    issues.push({ field: 'newPassword', message: 'Choose a password different from the current one.' });
  }
  if (issues.length) {
    if (!currentOk)
      await recordDenied(ctx, { action: 'user.password_change', resourceType: 'User', resourceId: user.id });
    throw validationFailed(issues);
  }
  const hash = await hashPassword(input.newPassword);
  await withTransaction(ctx.db, async (trx) => {
    await setPassword(trx, user.id, {
      password_hash: hash,
      must_change_password: false,
      updated_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'user.password_change',
      resourceType: 'User',
      resourceId: user.id,
    });
  });
}

export interface SessionView {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export async function listOwnSessions(ctx: RequestContext): Promise<SessionView[]> {
  const actor = me(ctx);
  const rows = await liveSessionsOf(ctx.db, actor.userId, ctx.clock.now());
  return rows.map((r) => ({
    id: r.id,
    current: r.id === actor.sessionId,
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    ip: r.ip,
    userAgent: r.user_agent,
  }));
}

/** Ends one of my sessions (e.g. left open on another workstation). */
export async function revokeOwnSession(ctx: RequestContext, sessionId: string): Promise<void> {
  const actor = me(ctx);
  const s = await findSession(ctx.db, sessionId);
  if (!s || s.user_id !== actor.userId) throw notFound('The session');
  await withTransaction(ctx.db, async (trx) => {
    await revokeSession(trx, sessionId, ctx.clock.now(), 'revoked-by-user');
    await recordAudit(trx, ctx, { action: 'session.revoke', resourceType: 'Session', resourceId: sessionId });
  });
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export async function listOwnTokens(ctx: RequestContext): Promise<TokenView[]> {
  const rows = await tokensOf(ctx.db, me(ctx).userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  }));
}

/** Creates an API token for myself; the token text is returned this once only. */
export async function createOwnToken(
  ctx: RequestContext,
  input: { name: string; expiresInDays?: number | null },
): Promise<{ id: string; token: string; expiresAt: string | null }> {
  const name = input.name.trim();
  if (!name) throw validationFailed([{ field: 'name', message: 'Name the token after what will use it.' }]);
  const r = await createApiToken(ctx, me(ctx).userId, {
    name,
    ...(input.expiresInDays ? { expiresInMs: input.expiresInDays * 86_400_000 } : {}),
  });
  return { id: r.id, token: r.token, expiresAt: r.expiresAt?.toISOString() ?? null };
}

export async function revokeOwnToken(ctx: RequestContext, tokenId: string): Promise<void> {
  const actor = me(ctx);
  const tok = await findToken(ctx.db, tokenId);
  if (!tok || tok.user_id !== actor.userId) throw notFound('The token');
  await withTransaction(ctx.db, async (trx) => {
    await revokeToken(trx, tokenId, ctx.clock.now());
    await recordAudit(trx, ctx, { action: 'token.revoke', resourceType: 'ApiToken', resourceId: tokenId });
  });
}
