import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  buildBody,
  buildResultSchema,
  claimDetailSchema,
  claimListQuery,
  claimListSchema,
  idParams,
  payerListSchema,
} from './billing.schemas.ts';
import { buildClaims } from './claims.service.ts';
import { getClaim, listClaims } from './claims-read.service.ts';
import { claimCms1500 } from './paper/cms1500.service.ts';
import { listPayers } from './payers.service.ts';
import { scrubberRoutes } from './scrubber/scrubber.routes.ts';
import { batchRoutes } from './x12/batch.routes.ts';

const tags = ['billing'];

/** The biller's claims under /api/billing (issue 13). */
export const billingRoutes: FastifyPluginAsync<AppDeps> = async (app, deps) => {
  const r = typed(app);
  r.get(
    '/billing/claims',
    {
      schema: {
        tags,
        summary: 'Claim queue',
        querystring: claimListQuery,
        response: { 200: claimListSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => listClaims(req.ctx, req.query),
  );
  r.get(
    '/billing/claims/:id',
    {
      schema: {
        tags,
        summary: 'One claim with lines and history',
        params: idParams,
        response: { 200: claimDetailSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => getClaim(req.ctx, req.params.id),
  );
  r.get(
    '/billing/claims/:id/cms1500.pdf',
    {
      schema: {
        tags,
        summary: 'The CMS-1500 (02/12) paper claim form of a professional claim (PDF)',
        params: idParams,
      },
      config: { permission: 'billing:read' },
    },
    async (req, reply) => {
      const f = await claimCms1500(req.ctx, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${f.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(f.pdf));
    },
  );
  r.get(
    '/billing/payers',
    {
      schema: {
        tags,
        summary: 'Payers with filing indicator, plan type, timely-filing limit and prior-authorization codes',
        response: { 200: payerListSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => listPayers(req.ctx),
  );
  r.post(
    '/billing/claims/build',
    {
      schema: {
        tags,
        summary: 'Capture charges from final coding and build claims',
        body: buildBody,
        response: { 200: buildResultSchema },
      },
      config: { permission: 'billing:write' },
    },
    (req) => buildClaims(req.ctx, req.body),
  );
  await scrubberRoutes.call(app, app, deps);
  await batchRoutes.call(app, app, deps);
};
