import type { MergeHandler } from '../kernel/hooks.ts';
import type { DomainModule } from '../kernel/routing.ts';
import { chartRoutes } from './chart.routes.ts';
import { MOVABLE_TABLES, moveRows, moveRowsBack } from './chart-merge.queries.ts';

export { type EncounterForBilling, encountersForBilling } from './billing-source.ts';
export { putBlob } from './blob-store.ts';
export { type CasefindingEntry, entriesForCasefinding } from './casefinding.service.ts';
/** Public surface of the chart domain: other domains import only from here. */
export type { ChartDocument, ChartEntry, Encounter } from './chart.schemas.ts';
export { documentToApi, encounterToApi, entryToApi } from './chart-mappers.ts';
export { moveChartToSurvivor, restoreChartFromMerge } from './chart-merge.ts';
export {
  chartVersionRows,
  type EncounterCriteria,
  type EntryCriteria,
  encounterPatients,
  searchDocumentRows,
  searchEncounterRows,
  searchEntryRows,
} from './criteria.queries.ts';
export {
  documentDirectory,
  encounterDirectory,
  encounterHasNote,
  entryDirectory,
} from './directory.queries.ts';
export { documentVersions, downloadDocument } from './documents.service.ts';
export {
  type EncounterItemDocument,
  type EncounterItemEntry,
  encounterItems,
} from './encounter-items.service.ts';
export {
  changeEncounterStatus,
  createEncounter,
  type EncounterInput,
  encounterVersions,
  getEncounter,
  markEncounterInError,
  updateEncounter,
} from './encounters.service.ts';
export { createEntry, entryVersions, getEntry, markEntryInError, updateEntry } from './entries.service.ts';
export { ENTRY_KINDS, type EntryKind } from './entry-kinds.ts';
export { reopenEncounter } from './feed.service.ts';
export { type LatestContact, latestContactsForFollowup } from './followup-source.service.ts';
export {
  chartForExport,
  type ImportedEncounter,
  type ImportedEntry,
  type ImportResult,
  importEncounters,
  importEntries,
} from './import.service.ts';
export {
  assertItemVisible,
  documentFingerprint,
  hiddenItemsOf,
  ITEM_LABELS,
  type ItemLabel,
} from './labels.service.ts';
export { finalizeNote } from './note-lock.ts';
export { encounterTies } from './privacy-source.queries.ts';
export { type ChartForRelease, chartForRelease, readDocumentBytes } from './release-source.ts';

// A patient merge moves every chart table's rows to the survivor inside the merge transaction, and an
// unmerge moves exactly those rows back (issue 4: "all clinical data … move to the survivor").
const chartMergeHandlers: MergeHandler[] = MOVABLE_TABLES.map((table) => ({
  name: table,
  move: (trx, survivorId, retiredId) => moveRows(trx, table, retiredId, survivorId),
  restore: async (trx, retiredId, ids, survivorId) => {
    await moveRowsBack(trx, table, ids, survivorId, retiredId);
  },
}));

export const chartDomain: DomainModule = {
  name: 'chart',
  api: chartRoutes,
  mergeHandlers: chartMergeHandlers,
};
