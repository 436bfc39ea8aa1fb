import type { DomainModule } from '../kernel/routing.ts';
import { codingCli } from './coding.cli.ts';
import { codingRoutes } from './coding.routes.ts';
import { codeSystemCapability, codingFhirRoutes } from './fhir.routes.ts';
import { importJobRoutes } from './import-job.routes.ts';
import { codesetImportJob } from './import-job.service.ts';
import { seedSampleIfEmpty } from './sample.service.ts';
import { codedEncounterIds, moveCodingRows, moveCodingRowsBack } from './workbench/workbench.queries.ts';
import { workbenchRoutes } from './workbench/workbench.routes.ts';

/** The coding edits (pure over code tables, no patient data): billing's scrubber re-runs them on a claim. */
export type { CodedEncounter } from './coding.schemas.ts';
export type { Finding as CodingFinding } from './edits/index.ts';
export { runEdits as codingEdits } from './edits.service.ts';
/** ICD-O-3 codes known to the loaded code sets (registry edits). */
export { type Icdo3Known, icdo3Known } from './icdo3-lookup.ts';
export { seedSampleIfEmpty } from './sample.service.ts';
/** Public surface of coding: other domains import only from here. */
export { type FinalCoding, finalCodingForBilling } from './workbench/billing-source.ts';
export {
  type FinalCodedEncounter,
  finalCodedEncounters,
  type SourcePage,
} from './workbench/casefinding.service.ts';
export { finalizeCoding } from './workbench/coding-status.service.ts';
export { saveCoding } from './workbench/encounter-coding.service.ts';
/** Its queue on the "My work" page (issue 20). */
export { codingWorkQueues } from './workbench/work-queues.ts';

/**
 * Code sets (ICD-10-CM/PCS, HCPCS, CPT by licence file, ICD-O-3), search, FHIR terminology, coding edits
 * and the encounter coding workbench (queue, coding screen, status, productivity).
 */
export const codingDomain: DomainModule = {
  name: 'coding',
  // Encounter coding follows its encounter at a patient merge, and back at an unmerge (the coding
  // history keeps the patient it was written under, like the chart's version history).
  mergeHandlers: [
    {
      name: 'coding_encounter',
      move: (trx, survivorId, retiredId) => moveCodingRows(trx, retiredId, survivorId),
      restore: (trx, retiredId, ids, survivorId) => moveCodingRowsBack(trx, ids, survivorId, retiredId),
    },
  ],
  // Chart completion shows a chart as coded once its coding is done (incomplete → complete → coded → final).
  chartStatusChecks: { coded: codedEncounterIds },
  api: async (app, deps) => {
    // Route files split by concept, one plugin scope (called directly so the /api prefix is kept).
    await codingRoutes.call(app, app, deps);
    await workbenchRoutes.call(app, app, deps);
    // Multipart uploads stay in their own scope: the rest of the API takes JSON.
    await app.register(importJobRoutes);
  },
  fhir: codingFhirRoutes,
  fhirResources: () => [codeSystemCapability],
  cli: codingCli,
  // Code-set uploads from the administration page load as jobs on the job queue.
  jobs: [codesetImportJob],
  seed: async (deps) => {
    const ctx = { ...deps, requestId: 'seed', channel: 'job' as const, operator: 'system:seed' };
    await seedSampleIfEmpty(ctx);
  },
};
