import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  activateBody,
  rollbackBody,
  rollbackOut,
  trainOut,
  versionOut,
  versionParams,
  versionsOut,
  versionsQuery,
} from './matcher.schemas.ts';
import {
  activateMatcherVersion,
  getMatcherVersion,
  listMatcherVersions,
  requestMatcherTraining,
  rollbackMatcher,
} from './matcher-admin.service.ts';

const tags = ['patients'];
const config = { permission: 'patient:matcher' };

export const matcherRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/patients/matcher/versions',
    {
      schema: {
        tags,
        summary: 'Stored matcher weight versions, newest first',
        querystring: versionsQuery,
        response: { 200: versionsOut },
      },
      config,
    },
    (req) => listMatcherVersions(req.ctx, req.query.page, req.query.pageSize),
  );
  r.get(
    '/patients/matcher/versions/:version',
    {
      schema: { tags, summary: 'One matcher version', params: versionParams, response: { 200: versionOut } },
      config,
    },
    (req) => getMatcherVersion(req.ctx, req.params.version),
  );
  r.post(
    '/patients/matcher/versions/:version/activate',
    {
      schema: {
        tags,
        summary: 'Make a stored version the active matcher weights (with a reason)',
        params: versionParams,
        body: activateBody,
        response: { 200: versionOut },
      },
      config,
    },
    (req) => activateMatcherVersion(req.ctx, req.params.version, req.body),
  );
  r.post(
    '/patients/matcher/rollback',
    {
      schema: {
        tags,
        summary: 'Go back to the previous active version (or the starting weights)',
        body: rollbackBody,
        response: { 200: rollbackOut },
      },
      config,
    },
    (req) => rollbackMatcher(req.ctx, req.body),
  );
  r.post(
    '/patients/matcher/train',
    {
      schema: { tags, summary: 'Re-estimate the weights now (queues a job)', response: { 202: trainOut } },
      config,
    },
    async (req, reply) => reply.status(202).send(await requestMatcherTraining(req.ctx)),
  );
};
