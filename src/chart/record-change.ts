import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';

/**
 * Something changed an encounter's record (the encounter itself, an entry or a document on it). Other
 * domains subscribe through the chart's index: chart completion re-runs its deficiency rules, inside the
 * same transaction, so a deficiency opens or closes together with the change that caused it (issue 5:
 * "analysis runs … whenever the record changes").
 */
export type RecordChangeListener = (trx: DbOrTx, ctx: RequestContext, encounterId: string) => Promise<void>;

const listeners: RecordChangeListener[] = [];

/** Subscribes (once, at import time of the subscribing domain). */
export function onRecordChange(listener: RecordChangeListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Tells every subscriber; called by the chart's services before their audit write. */
export async function recordChanged(
  trx: DbOrTx,
  ctx: RequestContext,
  encounterId: string | null,
): Promise<void> {
  if (!encounterId) return;
  for (const l of listeners) await l(trx, ctx, encounterId);
}
