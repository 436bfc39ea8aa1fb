import type { DomainModule } from '../../kernel/routing.ts';
import { analyticsCli } from './analytics.cli.ts';
import { analyticsRoutes } from './analytics.routes.ts';

/**
 * Registry analytics (issue 15): survival (Kaplan–Meier, log-rank, life tables, relative survival),
 * incidence and small-cell suppression. Reads registry data only through `registry.tumoursForAnalysis`.
 */
export { analyseSurvival, type SurvivalResult } from './analysis.ts';

export const registryAnalyticsDomain: DomainModule = {
  name: 'registry-analytics',
  api: async (app, deps) => {
    await analyticsRoutes.call(app, app, deps);
  },
  cli: analyticsCli,
};
