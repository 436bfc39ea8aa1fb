import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import { finalizeCoding, holdForQuery, releaseHold, reopenCoding } from './coding-status.service.ts';
import { codingHistory, getCodingScreen, saveCoding } from './encounter-coding.service.ts';
import { codingQueue, productivityReport } from './queue.service.ts';
import {
  codingRecordSchema,
  codingScreenSchema,
  codingVersionListSchema,
  encounterParams,
  holdBody,
  productivityQuerySchema,
  productivitySchema,
  queuePageSchema,
  queueQuerySchema,
  reopenBody,
  saveCodingBody,
  versionBody,
} from './workbench.schemas.ts';

const CODER = { permission: 'coding:write' };
const tags = ['coding'];
const record = { 200: codingRecordSchema };

/** /api/coding: the coder work queue, the coding screen, status changes and the productivity report. */
export const workbenchRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/coding/queue',
    {
      schema: {
        tags,
        summary: 'Encounters ready to code',
        querystring: queueQuerySchema,
        response: { 200: queuePageSchema },
      },
      config: CODER,
    },
    (req) => codingQueue(req.ctx, req.query),
  );
  r.get(
    '/coding/encounters/:encounterId',
    {
      schema: {
        tags,
        summary: 'Coding screen: encounter, chart notes and documents, codes and stored edits',
        params: encounterParams,
        response: { 200: codingScreenSchema },
      },
      config: CODER,
    },
    (req) => getCodingScreen(req.ctx, req.params.encounterId),
  );
  r.put(
    '/coding/encounters/:encounterId',
    {
      schema: {
        tags,
        summary: 'Save the codes (runs and stores the coding edits)',
        params: encounterParams,
        body: saveCodingBody,
        response: record,
      },
      config: CODER,
    },
    (req) => saveCoding(req.ctx, req.params.encounterId, req.body),
  );
  const change = (summary: string) => ({ tags, summary, params: encounterParams, response: record });
  r.post(
    '/coding/encounters/:encounterId/hold',
    { schema: { ...change('Hold for a clinician query'), body: holdBody }, config: CODER },
    (req) => holdForQuery(req.ctx, req.params.encounterId, req.body),
  );
  r.post(
    '/coding/encounters/:encounterId/release',
    { schema: { ...change('Take off hold once the query is answered'), body: versionBody }, config: CODER },
    (req) => releaseHold(req.ctx, req.params.encounterId, req.body),
  );
  r.post(
    '/coding/encounters/:encounterId/finalize',
    { schema: { ...change('Re-run the edits and make the coding final'), body: versionBody }, config: CODER },
    (req) => finalizeCoding(req.ctx, req.params.encounterId, req.body),
  );
  r.post(
    '/coding/encounters/:encounterId/reopen',
    { schema: { ...change('Reopen final coding for a correction'), body: reopenBody }, config: CODER },
    (req) => reopenCoding(req.ctx, req.params.encounterId, req.body),
  );
  r.get(
    '/coding/encounters/:encounterId/versions',
    {
      schema: {
        tags,
        summary: 'Coding history of the encounter',
        params: encounterParams,
        response: { 200: codingVersionListSchema },
      },
      config: CODER,
    },
    (req) => codingHistory(req.ctx, req.params.encounterId),
  );
  r.get(
    '/coding/productivity',
    {
      schema: {
        tags,
        summary: 'Encounters coded per coder per day, and edits hit',
        querystring: productivityQuerySchema,
        response: { 200: productivitySchema },
      },
      config: CODER,
    },
    (req) => productivityReport(req.ctx, req.query),
  );
};
