import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import {
  cohortCountBody,
  cohortCountResponse,
  incidenceBody,
  incidenceResponse,
  lifeTableBody,
  lifeTableResponse,
  survivalBody,
  survivalResponse,
} from './analytics.schemas.ts';
import {
  registryCohortCount,
  registryIncidence,
  registryLifeTable,
  registrySurvival,
  registrySurvivalReport,
} from './analytics.service.ts';

const tags = ['registry analytics'];
const read = { permission: 'registry:read' } as const;

/** Survival, life tables and incidence over the registry's tumours (issue 15 contract); aggregates only. */
export const analyticsRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.post(
    '/registry/survival',
    {
      schema: {
        tags,
        summary: 'Kaplan–Meier curves, medians and log-rank over a registry cohort (small cells suppressed)',
        body: survivalBody,
        response: { 200: survivalResponse },
      },
      config: read,
    },
    (req) => registrySurvival(req.ctx, req.body),
  );
  r.post(
    '/registry/survival/report',
    {
      schema: {
        tags,
        summary: 'The survival result as a PDF report with the Kaplan–Meier chart (small cells suppressed)',
        body: survivalBody,
      },
      config: read,
    },
    async (req, reply) => {
      const f = await registrySurvivalReport(req.ctx, req.body);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(f.bytes));
    },
  );
  r.post(
    '/registry/lifetable',
    {
      schema: {
        tags,
        summary: 'Actuarial life table (and Ederer II relative survival) over a registry cohort',
        body: lifeTableBody,
        response: { 200: lifeTableResponse },
      },
      config: read,
    },
    (req) => registryLifeTable(req.ctx, req.body),
  );
  r.post(
    '/registry/incidence',
    {
      schema: {
        tags,
        summary: 'Incidence counts, crude and age-adjusted rates (2000 U.S. standard) with suppression',
        body: incidenceBody,
        response: { 200: incidenceResponse },
      },
      config: read,
    },
    (req) => registryIncidence(req.ctx, req.body),
  );
  r.post(
    '/registry/cohort',
    {
      schema: {
        tags,
        summary: 'Live counts of a registry cohort and its groups (small cells suppressed)',
        body: cohortCountBody,
        response: { 200: cohortCountResponse },
      },
      config: read,
    },
    (req) => registryCohortCount(req.ctx, req.body),
  );
};
