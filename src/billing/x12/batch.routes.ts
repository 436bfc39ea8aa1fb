import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import {
  batchBody,
  batchIdParams,
  batchListSchema,
  batchResultSchema,
  claimIdParams,
  previewSchema,
} from './batch.schemas.ts';
import { batchClaims, batchFile, claim837Preview, recentBatches } from './batch.service.ts';

const tags = ['billing'];

/** 837 batches and previews under /api/billing (issue 13). Files written by the API go to DATA_DIR/outbox/837. */
export const batchRoutes: FastifyPluginAsync<AppDeps> = async (app, deps) => {
  const r = typed(app);
  r.get(
    '/billing/claims/:id/837',
    {
      schema: {
        tags,
        summary:
          'The 837 a claim would be sent as (nothing stored); 422 with findings when it fails the scrubber',
        params: claimIdParams,
        response: { 200: previewSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => claim837Preview(req.ctx, req.params.id),
  );
  r.post(
    '/billing/batches',
    {
      schema: {
        tags,
        summary:
          'Write every ready claim as 837 files (one per payer and claim type) and mark them submitted',
        body: batchBody,
        response: { 200: batchResultSchema },
      },
      config: { permission: 'billing:write' },
    },
    (req) =>
      batchClaims(req.ctx, {
        payerId: req.body.payerId,
        usage: req.body.usage,
        outDir: path.join(deps.config.dataDir, 'outbox', '837'),
      }),
  );
  r.get(
    '/billing/batches',
    {
      schema: { tags, summary: 'Recent 837 batches', response: { 200: batchListSchema } },
      config: { permission: 'billing:read' },
    },
    async (req) => ({ items: await recentBatches(req.ctx) }),
  );
  r.get(
    '/billing/batches/:id/file',
    {
      schema: {
        tags,
        summary: 'Download a batch as written (X12 837)',
        params: batchIdParams,
        response: { 200: z.string() },
      },
      config: { permission: 'billing:read' },
    },
    async (req, reply) => {
      const f = await batchFile(req.ctx, req.params.id);
      reply.header('content-type', 'application/edi-x12; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${f.file}"`);
      return f.content;
    },
  );
};
