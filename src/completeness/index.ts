import type { DomainModule } from '../kernel/routing.ts';
import { analyseOnChange } from './analysis.service.ts';
import { completenessCli } from './completeness.cli.ts';
import { deficiencyRoutes } from './deficiency.routes.ts';
import { nightlyJob } from './nightly.ts';
import { completenessMergeHandlers } from './patient-merge.ts';
import { queryRoutes } from './queries.routes.ts';
import { reportRoutes } from './report.routes.ts';
import { signatureRoutes } from './signature.routes.ts';

/** Public surface of the chart-completion domain: other domains import only from here. */
export { amendmentsForEntries } from './amendment.service.ts';
export {
  type ChartStatus,
  chartStatusOf,
} from './chart-status.service.ts';
export {
  type OpenQueryInput,
  openClinicianQuery,
  openQueriesForEncounter,
} from './clinician-query.service.ts';
/** Its queues on the "My work" page (issue 20). */
export { completenessWorkQueues } from './work-queues.ts';

export const completenessDomain: DomainModule = {
  name: 'completeness',
  mergeHandlers: completenessMergeHandlers,
  // Every change to an encounter's record re-runs the deficiency rules in the same transaction (issue 5).
  onRecordChange: analyseOnChange,
  api: async (app, deps) => {
    await queryRoutes.call(app, app, deps);
    await deficiencyRoutes.call(app, app, deps);
    await signatureRoutes.call(app, app, deps);
    await reportRoutes.call(app, app, deps);
  },
  cli: completenessCli,
  // The nightly analysis: a scheduled job at COMPLETION_NIGHTLY_AT (UTC), none when it is off.
  jobs: [nightlyJob],
};
