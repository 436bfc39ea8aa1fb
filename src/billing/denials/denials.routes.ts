import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import {
  agingQuery,
  agingSchema,
  assignBody,
  denialDetailSchema,
  denialListSchema,
  denialParams,
  denialQuery,
  statusBody,
} from './denials.schemas.ts';
import { assignDenial, denialAging, getDenial, listDenials, setDenialStatus } from './denials.service.ts';

const tags = ['billing'];

/** The denials work queue under /api/billing/denials (issue 13). */
export const denialRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/billing/denials',
    {
      schema: {
        tags,
        summary: 'Denials queue: by status, category, CARC group, payer, age, amount and assignee',
        querystring: denialQuery,
        response: { 200: denialListSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => listDenials(req.ctx, req.query),
  );
  r.get(
    '/billing/denials/aging',
    {
      schema: {
        tags,
        summary: 'Denials aging per payer (0–30 … 120+ days)',
        querystring: agingQuery,
        response: { 200: agingSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => denialAging(req.ctx, req.query),
  );
  r.get(
    '/billing/denials/:id',
    {
      schema: {
        tags,
        summary: 'One denial with its trail and appeals',
        params: denialParams,
        response: { 200: denialDetailSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => getDenial(req.ctx, req.params.id),
  );
  r.post(
    '/billing/denials/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign a denial to a user (null unassigns)',
        params: denialParams,
        body: assignBody,
        response: { 200: denialDetailSchema },
      },
      config: { permission: 'billing:write' },
    },
    (req) => assignDenial(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/billing/denials/:id/status',
    {
      schema: {
        tags,
        summary: 'Move a denial to open, in progress, resolved or written off',
        params: denialParams,
        body: statusBody,
        response: { 200: denialDetailSchema },
      },
      config: { permission: 'billing:write' },
    },
    (req) => setDenialStatus(req.ctx, req.params.id, req.body),
  );
};
