import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { registryDashboard } from './dashboard.service.ts';
import { dashboardSchema } from './registry.schemas.ts';

/** The registry dashboard (issue 14 "registry dashboard (cases by site, year, stage)"). */
export const dashboardRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  typed(app).get(
    '/registry/dashboard',
    {
      schema: {
        tags: ['registry'],
        summary: 'Cases by SEER site recode, diagnosis year and SEER Summary Stage 2018',
        response: { 200: dashboardSchema },
      },
      config: { permission: 'registry:read' },
    },
    (req) => registryDashboard(req.ctx),
  );
};
