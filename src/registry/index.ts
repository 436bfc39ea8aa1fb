import type { DomainModule } from '../kernel/routing.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { followupRoutes } from './followup.routes.ts';
import { passiveFollowupOnChange } from './passive-followup.service.ts';
import { registryMergeHandlers } from './patient-merge.ts';
import { registryCli } from './registry.cli.ts';
import { registryRoutes } from './registry.routes.ts';

/** Public surface of the facility cancer registry (issue 14): other domains import only from here. */
export { registryCommand } from './registry.cli.ts';
export {
  type AnalysisFilter,
  type TumourForAnalysis,
  tumoursForAnalysis,
} from './tumour.service.ts';
export { registryWorkQueues } from './work-queues.ts';

export const registryDomain: DomainModule = {
  name: 'registry',
  // Tumours, their registry patient and suspense hits follow the survivor at a patient merge, and back.
  mergeHandlers: registryMergeHandlers,
  // Passive follow-up (issue 14): a later encounter or result on the chart moves the date of last contact.
  onRecordChange: passiveFollowupOnChange,
  api: async (app, deps) => {
    await registryRoutes.call(app, app, deps);
    await followupRoutes.call(app, app, deps);
    await dashboardRoutes.call(app, app, deps);
  },
  cli: registryCli,
};
// Issue 16 (central registry): submissions are validated with the same reader and dictionary edits.
export { dictionaryFor, SUPPORTED_VERSIONS } from './dictionary.service.ts';
export { type NaaccrPatientRecord, NaaccrReader, NaaccrSyntaxError } from './naaccr-reader.ts';
