import type { DomainModule } from '../kernel/routing.ts';
import { queryRoutes } from './queries.routes.ts';

/** Public surface of the chart-completion domain: other domains import only from here. */
export { amendmentsForEntries } from './amendment.service.ts';
export {
  type OpenQueryInput,
  openClinicianQuery,
  openQueriesForEncounter,
} from './clinician-query.service.ts';

export const completenessDomain: DomainModule = {
  name: 'completeness',
  api: async (app, deps) => {
    await queryRoutes.call(app, app, deps);
  },
};
