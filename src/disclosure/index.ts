import type { DomainModule } from '../kernel/routing.ts';
import { disclosureRoutes } from './disclosure.routes.ts';
import { fulfilmentRoutes } from './fulfilment.routes.ts';
import { disclosureMergeHandlers } from './patient-merge.ts';

/** Privacy monitoring enters violations found in review in the accounting (issue 23, 164.528). */
export {
  type ImpermissibleAccess,
  impermissibleAccessEntry,
  recordImpermissibleAccess,
  violationPurpose,
} from './violations.service.ts';

/** Its queue on the "My work" page (issue 20). */
export { disclosureWorkQueues } from './work-queues.ts';

/** Release of information: requests, authorization checks, packets, delivery and the accounting of disclosures. */
export const disclosureDomain: DomainModule = {
  name: 'disclosure',
  mergeHandlers: disclosureMergeHandlers,
  api: async (app, deps) => {
    // Route files split by concept, one plugin scope (called directly so the /api prefix is kept).
    await disclosureRoutes.call(app, app, deps);
    await fulfilmentRoutes.call(app, app, deps);
  },
};
