import { patientAccess, recordAudit } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';

/** R4 ids are [A-Za-z0-9-.]{1,64}; ours are UUIDs, so anything else cannot exist (and never reaches SQL). */
export const isUuid = (id: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * Splits search results by the access decision for their patients (restriction labels, care relationships,
 * break-the-glass: docs/access.md). Restricted patients' data is withheld from searches, and the Bundle
 * says that some results were withheld without saying which.
 */
export async function readableOnly<T>(
  ctx: RequestContext,
  trx: DbOrTx,
  items: T[],
  patientOf: (t: T) => string,
): Promise<{ allowed: T[]; withheld: number }> {
  const access = await patientAccess(ctx, trx, items.map(patientOf));
  const allowed = items.filter((t) => access.get(patientOf(t)) !== 'restricted');
  return { allowed, withheld: items.length - allowed.length };
}

export const withheldWarning = (n: number): string[] =>
  n > 0 ? [`${n} result(s) withheld: restricted records need a care relationship or break-the-glass.`] : [];

/** One audit event for a FHIR search: every patient whose data was returned (DESIGN invariant 1). */
export async function auditSearch(
  trx: DbOrTx,
  ctx: RequestContext,
  type: string,
  patientIds: string[],
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(trx, ctx, {
    action: 'fhir.search',
    patientIds: [...new Set(patientIds)],
    resourceType: type,
    details,
  });
}
