import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import {
  remitImportBody,
  remitImportResult,
  remitListSchema,
  worklistQuery,
  worklistSchema,
} from './remit.schemas.ts';
import { importRemit } from './remit.service.ts';
import { listRemits, remitWorklist } from './worklist.service.ts';

const tags = ['billing'];

/** 835 remittance under /api/billing/remits (issue 13). */
export const remitRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.post(
    '/billing/remits',
    {
      // An 835 of 10,000 claims is a few megabytes.
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import an 835 remittance: check it balances, match claims and lines, post payments',
        body: remitImportBody,
        response: { 200: remitImportResult },
      },
      config: { permission: 'billing:write' },
    },
    (req) => importRemit(req.ctx, req.body.content, req.body.fileName),
  );
  r.get(
    '/billing/remits',
    {
      schema: {
        tags,
        summary: 'Imported remittances',
        querystring: worklistQuery,
        response: { 200: remitListSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => listRemits(req.ctx, req.query.limit),
  );
  r.get(
    '/billing/remits/worklist',
    {
      schema: {
        tags,
        summary: 'Remittance work list: unmatched claims and lines',
        querystring: worklistQuery,
        response: { 200: worklistSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => remitWorklist(req.ctx, req.query.limit),
  );
};
