import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../kernel/context.ts';
import { sha256Hex } from '../kernel/crypto.ts';
import { withTransaction } from '../kernel/db.ts';
import { insertSource, listSources, revokeSource, type SourceRow, sourceByCode } from './central.queries.ts';
import { centralErrors } from './errors.ts';
import { actorName, auditCentral, requireCentral } from './gate.ts';

export interface SourceInput {
  code: string;
  name: string;
  facilityId?: string;
  npi?: string;
  contact?: string;
  expectedVolume?: number;
}

/** Submission tokens: a prefix (so they are told apart from user API tokens) and 32 random bytes. */
export const SOURCE_TOKEN_PREFIX = 'ckc_';
export const newSourceToken = () => `${SOURCE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

export const sourceView = (s: SourceRow) => ({
  id: s.id,
  code: s.code,
  name: s.name,
  facilityId: s.facility_id,
  npi: s.npi,
  contact: s.contact,
  expectedVolume: s.expected_volume,
  revoked: s.revoked_at !== null,
  createdAt: s.created_at.toISOString(),
});

/** Registers a reporting source; returns it with its submission token (shown once, stored hashed). */
export async function addSource(ctx: RequestContext, input: SourceInput) {
  await requireCentral(ctx, 'registry:write');
  if (await sourceByCode(ctx.db, input.code)) throw centralErrors.sourceExists(input.code);
  const token = newSourceToken();
  const row = await withTransaction(ctx.db, async (trx) => {
    const s = await insertSource(trx, {
      code: input.code,
      name: input.name,
      facility_id: input.facilityId ?? input.code,
      npi: input.npi ?? null,
      contact: input.contact ?? null,
      expected_volume: input.expectedVolume ?? null,
      token_hash: sha256Hex(token),
      revoked_at: null,
      created_by: actorName(ctx),
      created_at: ctx.clock.now(),
    });
    await auditCentral(
      trx,
      ctx,
      'central.source_add',
      { source: s.code },
      { type: 'CentralSource', id: s.id },
    );
    return s;
  });
  return { source: sourceView(row), token };
}

export async function sources(ctx: RequestContext) {
  await requireCentral(ctx, 'registry:read');
  return { items: (await listSources(ctx.db)).map(sourceView) };
}

/** Revokes a source's token: its later submissions are refused (what it sent stays). */
export async function revoke(ctx: RequestContext, code: string) {
  await requireCentral(ctx, 'registry:write');
  const s = await sourceByCode(ctx.db, code);
  if (!s) throw centralErrors.sourceNotFound(code);
  const row = await withTransaction(ctx.db, async (trx) => {
    const r = await revokeSource(trx, s.id, ctx.clock.now());
    await auditCentral(
      trx,
      ctx,
      'central.source_revoke',
      { source: code },
      { type: 'CentralSource', id: s.id },
    );
    return r;
  });
  return sourceView(row);
}
