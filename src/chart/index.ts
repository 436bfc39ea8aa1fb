import type { DomainModule } from '../kernel/routing.ts';
import { registerMergeHandler } from '../patients/index.ts';
import { chartRoutes } from './chart.routes.ts';
import { MOVABLE_TABLES, moveRows, moveRowsBack } from './chart-merge.queries.ts';

/** Public surface of the chart domain: other domains import only from here. */
export { putBlob } from './blob-store.ts';
export type { ChartDocument, ChartEntry, Encounter } from './chart.schemas.ts';
export { moveChartToSurvivor, restoreChartFromMerge } from './chart-merge.ts';
export { ITEM_LABELS, type ItemLabel } from './labels.service.ts';
export { type ChartForRelease, chartForRelease, readDocumentBytes } from './release-source.ts';

// A patient merge moves every chart table's rows to the survivor inside the merge transaction, and an
// unmerge moves exactly those rows back (issue 4: "all clinical data … move to the survivor").
for (const table of MOVABLE_TABLES) {
  registerMergeHandler({
    name: table,
    move: (trx, survivorId, retiredId) => moveRows(trx, table, retiredId, survivorId),
    restore: async (trx, retiredId, ids, survivorId) => {
      await moveRowsBack(trx, table, ids, survivorId, retiredId);
    },
  });
}

export const chartDomain: DomainModule = { name: 'chart', api: chartRoutes };
