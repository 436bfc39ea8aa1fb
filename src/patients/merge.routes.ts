import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  deferBody,
  duplicatesOut,
  duplicatesQuery,
  mergeBody,
  mergeIdParams,
  mergeOut,
  mergesOut,
  okOut,
  pairIdParams,
  sweepOut,
  sweepStatusOut,
} from './merge.schemas.ts';
import { mergePatients, patientMerges, unmergePatients } from './merge.service.ts';
import { idParams } from './patients.schemas.ts';
import { deferPair, listDuplicates, markNotDuplicate } from './review.service.ts';
import { startSweep, sweepStatus } from './sweep.service.ts';

const tags = ['patients'];

export const mergeRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/patients/duplicates',
    {
      schema: {
        tags,
        summary: 'Review queue of likely duplicates, by grade; open or deferred',
        querystring: duplicatesQuery,
        response: { 200: duplicatesOut },
      },
      config: { permission: 'patient:merge' },
    },
    (req) => listDuplicates(req.ctx, req.query),
  );
  r.post(
    '/patients/duplicates/:pairId/defer',
    {
      schema: {
        tags,
        summary: 'Put a pair aside with a note of what is awaited',
        params: pairIdParams,
        body: deferBody,
        response: { 200: okOut },
      },
      config: { permission: 'patient:merge' },
    },
    (req) => deferPair(req.ctx, req.params.pairId, req.body.note),
  );
  r.post(
    '/patients/duplicates/:pairId/reopen',
    {
      schema: {
        tags,
        summary: 'Return a deferred pair to the queue',
        params: pairIdParams,
        response: { 200: okOut },
      },
      config: { permission: 'patient:merge' },
    },
    (req) => deferPair(req.ctx, req.params.pairId, null),
  );
  r.post(
    '/patients/duplicates/:pairId/not-duplicate',
    {
      schema: {
        tags,
        summary: 'Mark a pair as different people (remembered)',
        params: pairIdParams,
        response: { 200: okOut },
      },
      config: { permission: 'patient:merge' },
    },
    (req) => markNotDuplicate(req.ctx, req.params.pairId),
  );
  r.post(
    '/patients/duplicates/sweep',
    {
      schema: { tags, summary: 'Start a duplicate sweep over the whole index', response: { 202: sweepOut } },
      config: { permission: 'patient:merge' },
    },
    async (req, reply) => reply.status(202).send((await startSweep(req.ctx)).sweep),
  );
  r.get(
    '/patients/duplicates/sweep',
    {
      schema: { tags, summary: 'Progress of the latest sweep', response: { 200: sweepStatusOut } },
      config: { permission: 'patient:merge' },
    },
    async (req) => ({ sweep: await sweepStatus(req.ctx) }),
  );
  r.post(
    '/patients/merges',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate into the surviving record',
        body: mergeBody,
        response: { 200: mergeOut },
      },
      config: { permission: 'patient:merge' },
    },
    (req) => mergePatients(req.ctx, req.body),
  );
  r.post(
    '/patients/merges/:mergeId/unmerge',
    {
      schema: {
        tags,
        summary: 'Undo a merge, restoring both records',
        params: mergeIdParams,
        response: { 200: mergeOut },
      },
      config: { permission: 'patient:merge' },
    },
    (req) => unmergePatients(req.ctx, req.params.mergeId),
  );
  r.get(
    '/patients/:id/merges',
    {
      schema: {
        tags,
        summary: 'Merges involving this record',
        params: idParams,
        response: { 200: mergesOut },
      },
      config: { permission: 'patient:read' },
    },
    (req) => patientMerges(req.ctx, req.params.id),
  );
};
