import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { idParams, patientParams } from './chart.schemas.ts';
import { clearItemLabel, ITEM_LABELS, listItemLabels, setItemLabel } from './labels.service.ts';

const tags = ['chart'];
const labelBody = z.object({ label: z.string(), reason: z.string() });
const labelsOut = z.object({ labels: z.array(z.string()) });
const listOut = z.object({
  items: z.array(
    z.object({
      entityType: z.enum(['entry', 'document']),
      entityId: z.string(),
      label: z.string(),
      reason: z.string(),
      setAt: z.string(),
    }),
  ),
});

/** Sensitivity labels on single entries and documents (issue 6), set and removed with a reason. */
export const labelRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  const write = { permission: 'chart:write' };
  for (const [entity, base] of [
    ['entry', '/chart-entries/:id'],
    ['document', '/documents/:id'],
  ] as const) {
    r.post(
      `${base}/labels`,
      {
        schema: {
          tags,
          summary: `Label a ${entity} as sensitive (${ITEM_LABELS.join(', ')})`,
          params: idParams,
          body: labelBody,
          response: { 200: labelsOut },
        },
        config: write,
      },
      (req) => setItemLabel(req.ctx, entity, req.params.id, req.body),
    );
    r.post(
      `${base}/labels/remove`,
      {
        schema: {
          tags,
          summary: `Remove a sensitivity label from a ${entity}, with a reason`,
          params: idParams,
          body: labelBody,
          response: { 200: labelsOut },
        },
        config: write,
      },
      (req) => clearItemLabel(req.ctx, entity, req.params.id, req.body),
    );
  }
  r.get(
    '/patients/:patientId/sensitivity-labels',
    {
      schema: {
        tags,
        summary: "Sensitivity labels on the patient's entries and documents",
        params: patientParams,
        response: { 200: listOut },
      },
      config: { permission: 'chart:read' },
    },
    (req) => listItemLabels(req.ctx, req.params.patientId),
  );
};
