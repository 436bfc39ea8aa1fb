import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import { idParams, okSchema } from '../access.schemas.ts';
import { BREAK_GLASS_REASONS, declareBreakGlass } from '../break-glass.service.ts';
import {
  auditFilterQuery,
  auditPageSchema,
  auditSearchQuery,
  breakGlassQueueQuery,
  breakGlassViewSchema,
  checkpointQuery,
  checkpointSchema,
  declareBreakGlassBody,
  declaredSchema,
  pageQuery,
  patientParams,
  reasonsSchema,
  reviewBody,
} from './audit.schemas.ts';
import { currentCheckpoint } from './audit-log.service.ts';
import {
  breakGlassQueue,
  exportAuditCsv,
  patientAccessReport,
  reviewBreakGlass,
  searchAudit,
} from './audit-search.service.ts';

const tags = ['audit'];
const permission = 'audit:read';

/** Audit search, reports and CSV export; break-the-glass declaration and review. */
export const auditRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);

  r.get(
    '/access/audit',
    {
      schema: {
        tags,
        summary: 'Search the audit trail',
        querystring: auditSearchQuery,
        response: { 200: auditPageSchema },
      },
      config: { permission },
    },
    (req) => {
      const { offset, limit, ...filter } = req.query;
      return searchAudit(req.ctx, filter, { offset, limit });
    },
  );

  r.get(
    '/access/audit/patients/:patientId',
    {
      schema: {
        tags,
        summary: "Who accessed this patient's record",
        params: patientParams,
        querystring: pageQuery,
        response: { 200: auditPageSchema },
      },
      config: { permission },
    },
    (req) => patientAccessReport(req.ctx, req.params.patientId, req.query),
  );

  r.get(
    '/access/audit/export.csv',
    {
      schema: {
        tags,
        summary: 'Export a search as CSV (audited)',
        querystring: auditFilterQuery,
        response: { 200: z.string() },
      },
      config: { permission },
    },
    async (req, reply) => {
      const csv = await exportAuditCsv(req.ctx, req.query);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="audit-export.csv"');
      return csv;
    },
  );

  r.get(
    '/audit/checkpoint',
    {
      schema: {
        tags,
        summary: 'The latest signed audit-log checkpoint (and a consistency proof from an earlier size)',
        querystring: checkpointQuery,
        response: { 200: checkpointSchema },
      },
      config: { permission },
    },
    (req) => currentCheckpoint(req.ctx.db, req.ctx.config, req.query.from),
  );

  r.get(
    '/access/break-glass',
    {
      schema: {
        tags,
        summary: 'Break-the-glass review queue',
        querystring: breakGlassQueueQuery,
        response: { 200: breakGlassViewSchema },
      },
      config: { permission },
    },
    (req) => {
      const { status, ...page } = req.query;
      return breakGlassQueue(req.ctx, status, page);
    },
  );

  r.post(
    '/access/break-glass/:id/review',
    {
      schema: {
        tags,
        summary: 'Acknowledge or escalate',
        params: idParams,
        body: reviewBody,
        response: { 200: okSchema },
      },
      config: { permission },
    },
    async (req) => {
      await reviewBreakGlass(req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  );

  r.get(
    '/access/break-glass/reasons',
    {
      schema: { tags, summary: 'Reasons offered for break-the-glass', response: { 200: reasonsSchema } },
      config: { permission: 'breakglass:use' },
    },
    async () => Object.entries(BREAK_GLASS_REASONS).map(([code, label]) => ({ code, label })),
  );

  r.post(
    '/access/break-glass',
    {
      schema: {
        tags,
        summary: 'Declare an emergency to open a restricted record',
        body: declareBreakGlassBody,
        response: { 200: declaredSchema },
      },
      config: { permission: 'breakglass:use' },
    },
    async (req) => {
      const r = await declareBreakGlass(req.ctx, req.body);
      return { id: r.id, expiresAt: r.expiresAt.toISOString() };
    },
  );
};
