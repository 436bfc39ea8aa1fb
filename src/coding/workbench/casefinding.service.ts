import { recordAudit, recordDenied } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { forbidden } from '../../kernel/errors.ts';
import { finalCodingPage } from './workbench.queries.ts';

export interface FinalCodedEncounter {
  encounterId: string;
  patientId: string;
  finalizedAt: Date;
  /** Final ICD-10-CM diagnosis codes in sequence order. */
  codes: string[];
}

export interface SourcePage {
  since: Date | null;
  after: { at: Date; id: string } | null;
  limit: number;
}

/**
 * Final coded encounters for cancer registry case finding (issue 14): the registry reads coding only
 * through here. Needs `registry:read` (a CLI or job context acts as the registry); one audit event a page.
 */
export async function finalCodedEncounters(
  ctx: RequestContext,
  db: DbOrTx,
  page: SourcePage,
): Promise<FinalCodedEncounter[]> {
  if (ctx.actor && !ctx.actor.permissions.has('registry:read')) {
    await recordDenied(ctx, { action: 'coding.casefinding_read', details: { permission: 'registry:read' } });
    throw forbidden('Case finding needs the cancer registry permission.');
  }
  const rows = await finalCodingPage(db, page.since, page.after, page.limit);
  if (rows.length > 0)
    await recordAudit(db, ctx, {
      action: 'coding.casefinding_read',
      patientIds: [...new Set(rows.map((r) => r.patient_id))],
      details: { encounters: rows.length },
    });
  return rows.map((r) => ({
    encounterId: r.encounter_id,
    patientId: r.patient_id,
    finalizedAt: r.finalized_at as Date,
    codes: [...r.diagnoses].sort((a, b) => a.sequence - b.sequence).map((d) => d.code),
  }));
}
