import type { RequestContext } from './context.ts';
import type { DbOrTx, Tx } from './db.ts';

/** Who merges and when, for handlers that write history (e.g. a label copied to the survivor). */
export interface MergeStep {
  at: Date;
  /** The actor's display name (as on the merge record). */
  by: string;
  /** The acting user's id, when a user (not a job or the CLI) merges. */
  userId: string | null;
}

/**
 * Moves one domain's patient-scoped rows at a patient merge and puts them back at an unmerge. Each domain
 * declares its handlers on its `DomainModule`; the patients domain calls every handler inside the merge
 * transaction, so a merge moves everything or nothing.
 */
export interface MergeHandler {
  /** Stable name; the ids a handler moved are kept on the merge record under it. */
  name: string;
  /** Re-points (or copies) the retired record's rows to the survivor; returns the ids it moved or made. */
  move(trx: Tx, survivorId: string, retiredId: string, step: MergeStep): Promise<string[]>;
  /** Undoes exactly what `move` did for those ids (only rows still with the survivor). */
  restore(trx: Tx, retiredId: string, movedIds: string[], survivorId: string, step: MergeStep): Promise<void>;
}

/** Tells which of the encounters pass a check (e.g. which are coded). */
export type EncounterCheck = (db: DbOrTx, encounterIds: string[]) => Promise<Set<string>>;

/** Questions chart completion asks other domains to place a chart (incomplete → complete → coded → final). */
export interface ChartStatusChecks {
  /** Encounters whose coding is done (answered by the coding domain). */
  coded?: EncounterCheck;
}

/**
 * Something changed an encounter's record (the encounter, an entry or a document on it). Listeners run
 * inside the same transaction, before the chart's audit write.
 */
export type RecordChangeListener = (trx: DbOrTx, ctx: RequestContext, encounterId: string) => Promise<void>;

/** What one domain contributes to the others at run time, declared on its `DomainModule`. */
export interface DomainHookDeclarations {
  name: string;
  mergeHandlers?: MergeHandler[];
  chartStatusChecks?: ChartStatusChecks;
  onRecordChange?: RecordChangeListener;
}

/** The hooks of every domain, collected once from the list in src/app.ts and carried in `AppDeps`. */
export interface DomainHooks {
  mergeHandlers: readonly MergeHandler[];
  chartStatus: { coded: EncounterCheck };
  recordChangeListeners: readonly RecordChangeListener[];
}

const noneCoded: EncounterCheck = async () => new Set();

/**
 * Collects the hooks the domains declare, in list order (merge handlers run in that order and are undone
 * in reverse). Fails on a duplicate merge handler name or two answers to the same chart-status question,
 * so a wiring mistake stops start-up instead of silently dropping data at a merge.
 */
export function collectHooks(domains: readonly DomainHookDeclarations[]): DomainHooks {
  const mergeHandlers: MergeHandler[] = [];
  const recordChangeListeners: RecordChangeListener[] = [];
  let coded: EncounterCheck | undefined;
  for (const d of domains) {
    for (const h of d.mergeHandlers ?? []) {
      if (mergeHandlers.some((x) => x.name === h.name))
        throw new Error(`Merge handler ${h.name} is declared twice (domain ${d.name})`);
      mergeHandlers.push(h);
    }
    if (d.chartStatusChecks?.coded) {
      if (coded) throw new Error(`Two domains answer the chart-status check "coded" (${d.name})`);
      coded = d.chartStatusChecks.coded;
    }
    if (d.onRecordChange) recordChangeListeners.push(d.onRecordChange);
  }
  return { mergeHandlers, chartStatus: { coded: coded ?? noneCoded }, recordChangeListeners };
}
