import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { findEntry, updateEntry } from './chart.queries.ts';
import { entryToApi } from './chart-mappers.ts';
import { keepVersion, snapshotOf } from './versioning.ts';

/**
 * Sign-and-lock (issue 5): once its author signs a note, the note becomes final and the chart refuses to
 * rewrite it (`NOTE_FINAL`); later changes are addenda. The caller (chart completion's signing service)
 * has already checked access and identity; this keeps the chart's version history complete.
 * @returns the note's text as signed, or undefined when the entry is not a live note
 */
export async function finalizeNote(
  trx: DbOrTx,
  ctx: RequestContext,
  entryId: string,
): Promise<string | undefined> {
  const row = await findEntry(trx, entryId, true);
  if (row?.kind !== 'note' || row.entered_in_error) return undefined;
  if (row.data.status === 'final') return String(row.data.text);
  const next = await updateEntry(trx, entryId, row.version, {
    data: { ...row.data, status: 'final' },
    updated_by: ctx.actor?.userId ?? '',
    updated_at: ctx.clock.now(),
  });
  if (!next) return undefined;
  await keepVersion(trx, ctx, {
    entity: 'entry',
    id: next.id,
    patientId: next.patient_id,
    version: next.version,
    before: snapshotOf(entryToApi(row)),
    after: snapshotOf(entryToApi(next)),
    reason: 'signed',
  });
  return String(next.data.text);
}
