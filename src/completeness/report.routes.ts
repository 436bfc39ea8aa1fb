import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { encounterChartStatus } from './chart-status.service.ts';
import { delinquencyCsv } from './delinquency.ts';
import { idParams } from './queries.schemas.ts';
import { delinquencyReport } from './report.service.ts';

const tags = ['completion'];
const day = z.iso.date('must be a real date (YYYY-MM-DD)');
const periodQuery = z.object({ from: day, to: day });
const line = z.object({
  key: z.string(),
  label: z.string(),
  openDeficiencies: z.number().int(),
  delinquentDeficiencies: z.number().int(),
  averageDaysOpen: z.number(),
  delinquentCharts: z.number().int(),
  discharges: z.number().int(),
  delinquencyRate: z.number(),
});
/** Exported for the web's types (docs/adr/0005). */
export const reportSchema = z.object({
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  totals: z.object({ discharges: z.number().int(), delinquentCharts: z.number().int() }),
  byClinician: z.array(line),
  byService: z.array(line),
});
const statusSchema = z.object({
  encounterId: z.string(),
  patientId: z.string(),
  status: z.enum(['incomplete', 'complete', 'coded', 'final']),
  openDeficiencies: z.number().int(),
  openQueries: z.number().int(),
  coded: z.boolean(),
});

/** The delinquency report (JSON and CSV) and chart status per encounter (issue 5). */
export const reportRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/completion/reports/delinquency',
    {
      schema: {
        tags,
        summary: 'Delinquency per clinician and service',
        querystring: periodQuery,
        response: { 200: reportSchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => delinquencyReport(req.ctx, req.query),
  );
  r.get(
    '/completion/reports/delinquency.csv',
    {
      schema: {
        tags,
        summary: 'Delinquency report as CSV',
        querystring: periodQuery,
        response: { 200: z.string() },
      },
      config: { permission: 'completion:manage' },
    },
    async (req, reply) => {
      const report = await delinquencyReport(req.ctx, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="delinquency-${req.query.from}-${req.query.to}.csv"`,
        )
        .send(delinquencyCsv(report));
    },
  );
  r.get(
    '/completion/encounters/:id/status',
    {
      schema: {
        tags,
        summary: 'Chart status of an encounter',
        params: idParams,
        response: { 200: statusSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => encounterChartStatus(req.ctx, req.params.id),
  );
};
