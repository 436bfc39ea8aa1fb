import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import { appealDenial, appealLetter, resubmitDenial } from './appeals.service.ts';
import {
  agingQuery,
  agingSchema,
  appealBody,
  appealParams,
  assignBody,
  denialDetailSchema,
  denialListSchema,
  denialParams,
  denialQuery,
  resubmitBody,
  resubmitResultSchema,
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
  r.post(
    '/billing/denials/:id/appeals',
    {
      schema: {
        tags,
        summary: 'Appeal a denial: write the letter, record the appeal, mark the claim appealed',
        params: denialParams,
        body: appealBody,
        response: { 200: denialDetailSchema },
      },
      config: { permission: 'billing:write' },
    },
    (req) => appealDenial(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/billing/denials/:id/appeals/:appealId/letter',
    {
      schema: { tags, summary: 'The appeal letter (PDF)', params: appealParams },
      config: { permission: 'billing:read' },
    },
    async (req, reply) => {
      const f = await appealLetter(req.ctx, req.params.id, req.params.appealId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${f.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(f.pdf));
    },
  );
  r.post(
    '/billing/denials/:id/resubmit',
    {
      schema: {
        tags,
        summary: 'Send the claim again as a corrected claim (CLM05-3 = 7) or a void (8)',
        params: denialParams,
        body: resubmitBody,
        response: { 200: resubmitResultSchema },
      },
      config: { permission: 'billing:write' },
    },
    (req) => resubmitDenial(req.ctx, req.params.id, req.body),
  );
};
