import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { idParams, tumourDetailSchema, tumourListQuery, tumourListSchema } from './registry.schemas.ts';
import { getTumour, listTumours } from './tumour.service.ts';

const tags = ['registry'];

/** Registry tumours through the API, keyed by NAACCR XML ids (issue 14 "Same items through the API"). */
export const registryRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/registry/tumours',
    {
      schema: {
        tags,
        summary: 'List registry tumours',
        querystring: tumourListQuery,
        response: { 200: tumourListSchema },
      },
      config: { permission: 'registry:read' },
    },
    (req) => listTumours(req.ctx, req.query),
  );
  r.get(
    '/registry/tumours/:id',
    {
      schema: {
        tags,
        summary: 'One tumour keyed by NAACCR XML ids',
        params: idParams,
        response: { 200: tumourDetailSchema },
      },
      config: { permission: 'registry:read' },
    },
    (req) => getTumour(req.ctx, req.params.id),
  );
};
