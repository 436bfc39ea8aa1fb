import type { RequestContext } from '../kernel/context.ts';
import { randomToken, sha256Hex } from '../kernel/crypto.ts';
import { withTransaction } from '../kernel/db.ts';
import { badRequest } from '../kernel/errors.ts';
import { findApiTokenByHash, findUserWithGrants, insertApiToken, touchApiToken } from './access.queries.ts';
import { loadActor } from './actor.ts';
import { recordAudit } from './audit/audit.service.ts';

/** Parses `90d`, `12h`, `30m` into milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([dhm])$/.exec(text.trim());
  if (!m) throw badRequest('INVALID_DURATION', `Use a duration like 90d, 12h or 30m (got "${text}").`);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
  return Number(m[1]) * unit;
}

/**
 * Creates an API token for a user: `ck_<prefix>_<secret>`, shown once; only its SHA-256 is stored.
 * @returns the token text (print it once) and its id
 */
export async function createApiToken(
  ctx: RequestContext,
  userId: string,
  opts: { name?: string; expiresInMs?: number } = {},
): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  const prefix = randomToken(6);
  const token = `ck_${prefix}_${randomToken(32)}`;
  const now = ctx.clock.now();
  const expiresAt = opts.expiresInMs ? new Date(now.getTime() + opts.expiresInMs) : null;
  const id = await withTransaction(ctx.db, async (trx) => {
    const tokenId = await insertApiToken(trx, {
      user_id: userId,
      name: opts.name ?? 'API token',
      token_hash: sha256Hex(token),
      prefix,
      created_at: now,
      expires_at: expiresAt,
    });
    await recordAudit(trx, ctx, {
      action: 'token.create',
      resourceType: 'ApiToken',
      resourceId: tokenId,
      details: { forUser: userId, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return tokenId;
  });
  return { id, token, expiresAt };
}

/** Resolves a bearer token to its user's actor; undefined when unknown, expired, revoked or disabled. */
export async function resolveApiToken(ctx: RequestContext, token: string): Promise<boolean> {
  if (!token.startsWith('ck_')) return false;
  const row = await findApiTokenByHash(ctx.db, sha256Hex(token));
  const now = ctx.clock.now();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return false;
  const user = await findUserWithGrants(ctx.db, row.user_id);
  if (!user?.active) return false;
  ctx.actor = await loadActor(ctx.db, user, { tokenId: row.id }, user);
  // Token use is audited at most once a minute per token, alongside the last-used time shown to users.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await withTransaction(ctx.db, async (trx) => {
      await touchApiToken(trx, row.id, now);
      await recordAudit(trx, ctx, { action: 'token.use', resourceType: 'ApiToken', resourceId: row.id });
    });
  }
  return true;
}
