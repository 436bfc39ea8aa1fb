import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { exportNaaccrText } from './export.service.ts';
import {
  exportQuery,
  idParams,
  tumourDetailSchema,
  tumourListQuery,
  tumourListSchema,
} from './registry.schemas.ts';
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
  r.get(
    '/registry/export.xml',
    {
      schema: {
        tags,
        summary: 'Selected tumours as NAACCR XML (record type A or I, dictionary v25 or v26)',
        querystring: exportQuery,
        response: { 200: z.string() },
      },
      config: { permission: 'registry:read' },
    },
    async (req, reply) => {
      const xml = await exportNaaccrText(req.ctx, req.query);
      reply.header('content-type', 'application/xml; charset=utf-8');
      reply.header(
        'content-disposition',
        `attachment; filename="naaccr-${req.query.recordType}-v${req.query.version.slice(0, 2)}.xml"`,
      );
      return xml;
    },
  );
};
