import type { DomainModule } from '../kernel/routing.ts';
import { centralCli } from './central.cli.ts';
import { centralRoutes } from './central.routes.ts';

/** Public surface of the central cancer registry (issue 16): other domains import only from here. */
export { sendSubmission } from './central.cli.ts';

export const centralDomain: DomainModule = {
  name: 'central',
  api: async (app, deps) => {
    // The central registry's API exists only on a central deployment (docs/central.md).
    if (deps.config.CHARTKEEPER_MODE !== 'central') return;
    await centralRoutes.call(app, app, deps);
  },
  cli: centralCli,
};
