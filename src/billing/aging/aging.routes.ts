import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import { agingSchema } from '../denials/denials.schemas.ts';
import { arAging } from './aging.service.ts';

/** Accounts-receivable aging under /api/billing/aging (issue 13). */
export const agingRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  typed(app).get(
    '/billing/aging',
    {
      schema: {
        tags: ['billing'],
        summary: 'A/R aging per payer: open claim balances by days since submission (0–30 … 120+)',
        response: { 200: agingSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => arAging(req.ctx),
  );
};
