import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { contactHistory, followupDue, followupRates, recordContact } from './followup.service.ts';
import { createLetterBatch, letterBatchPdf } from './followup-letters.service.ts';
import { runPassiveFollowup } from './passive-followup.service.ts';
import {
  batchParams,
  contactBody,
  contactHistorySchema,
  contactResultSchema,
  dueListSchema,
  followupDueQuery,
  followupRateSchema,
  letterBatchBody,
  letterBatchSchema,
  passiveResultSchema,
  registryPatientParams,
} from './registry.schemas.ts';

const tags = ['registry'];
const read = { permission: 'registry:read' } as const;
const write = { permission: 'registry:write' } as const;

/** Registry follow-up (issue 14 "Follow-up"): the due list, the CoC rate, contacts. */
export const followupRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/registry/followup/due',
    {
      schema: {
        tags,
        summary: 'Follow-up due list (annual from the diagnosis anniversary; lost after 15 months)',
        querystring: followupDueQuery,
        response: { 200: dueListSchema },
      },
      config: read,
    },
    (req) => followupDue(req.ctx, req.query),
  );
  r.get(
    '/registry/followup/rate',
    {
      schema: {
        tags,
        summary: 'CoC-style follow-up rate, all analytic cases and the last five years',
        response: { 200: followupRateSchema },
      },
      config: read,
    },
    (req) => followupRates(req.ctx),
  );
  r.post(
    '/registry/followup/passive',
    {
      schema: {
        tags,
        summary: 'Run passive follow-up now (later encounters, results, death records)',
        response: { 200: passiveResultSchema },
      },
      config: write,
    },
    (req) => runPassiveFollowup(req.ctx),
  );
  r.get(
    '/registry/patients/:id/followup',
    {
      schema: {
        tags,
        summary: "A registry patient's follow-up contacts, newest first",
        params: registryPatientParams,
        response: { 200: contactHistorySchema },
      },
      config: read,
    },
    (req) => contactHistory(req.ctx, req.params.id),
  );
  r.post(
    '/registry/patients/:id/followup',
    {
      schema: {
        tags,
        summary: 'Record a follow-up contact (sets #1750 Date of Last Contact and #1760 Vital Status)',
        params: registryPatientParams,
        body: contactBody,
        response: { 200: contactResultSchema },
      },
      config: write,
    },
    (req) => recordContact(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/registry/followup/letters',
    {
      schema: {
        tags,
        summary: 'Open a mail-merge batch of follow-up letters (the named patients, or everyone due)',
        body: letterBatchBody,
        response: { 200: letterBatchSchema },
      },
      config: write,
    },
    (req) => createLetterBatch(req.ctx, req.body),
  );
  r.get(
    '/registry/followup/letters/:batchId/pdf',
    {
      schema: { tags, summary: 'A letter batch as one PDF (a page a letter)', params: batchParams },
      config: read,
    },
    async (req, reply) => {
      const pdf = await letterBatchPdf(req.ctx, req.params.batchId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="followup-letters-${req.params.batchId}.pdf"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf));
    },
  );
};
