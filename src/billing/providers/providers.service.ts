import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditBilling, requireBilling } from '../gate.ts';
import { readProviderFile } from './provider-file.ts';
import { upsertProviders, userIdsByName } from './providers.queries.ts';

/** Loads the billing organisation and rendering providers from a CSV in one transaction (a bad row loads nothing). */
export async function loadProviders(ctx: RequestContext, text: string): Promise<{ rows: number }> {
  await requireBilling(ctx, 'billing:write');
  const rows = readProviderFile(text);
  return withTransaction(ctx.db, async (trx) => {
    const users = await userIdsByName(
      trx,
      rows.flatMap((r) => (r.username ? [r.username] : [])),
    );
    const resolved = rows.map((r) => {
      const userId = r.username ? (users.get(r.username) ?? null) : null;
      if (r.kind === 'rendering' && !userId)
        throw new AppError(
          'PROVIDER_FILE_INVALID',
          `Line ${r.line} (username): no user named ${r.username}. Nothing was loaded.`,
          400,
          { line: r.line, field: 'username' },
        );
      return { ...r, userId };
    });
    await upsertProviders(trx, resolved, ctx.clock.now());
    await auditBilling(trx, ctx, 'billing.providers_load', [], { rows: rows.length });
    return { rows: rows.length };
  });
}
