import type { DomainModule } from '../kernel/routing.ts';
import { jobsRoutes } from './jobs.routes.ts';
import { systemRoutes } from './system.routes.ts';

/** System information and the jobs screen (the kernel's job queue, for the administrator). */
export const systemDomain: DomainModule = {
  name: 'system',
  api: async (app, deps) => {
    // Route files split by concept, one plugin scope (called directly so the /api prefix is kept).
    await systemRoutes.call(app, app, deps);
    await jobsRoutes.call(app, app, deps);
  },
};
