import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { alertDetail, alertQueue, reviewPrivacyAlert, userAccessProfile } from './alerts.service.ts';
import {
  alertDetail as alertDetailSchema,
  alertList,
  alertQuery,
  policyOut,
  policySchema,
  profileQuery,
  reviewBody,
  scanBody,
  thresholdsOut,
  thresholdsSchema,
  userProfile,
} from './privacy.schemas.ts';
import { policy, requestScan, thresholds, updatePolicy, updateThresholds } from './privacy.service.ts';

const tags = ['privacy'];
const idParams = z.object({ id: z.string().uuid() });
// Every privacy-monitoring route is the privacy officer's (issue 23); the gate audits refusals.
const config = { permission: 'privacy:monitor' };

export const privacyRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/privacy/alerts',
    {
      schema: {
        tags,
        summary: 'The privacy alert queue',
        querystring: alertQuery,
        response: { 200: alertList },
      },
      config,
    },
    (req) => alertQueue(req.ctx, req.query),
  );
  r.get(
    '/privacy/alerts/:id',
    {
      schema: {
        tags,
        summary: 'An alert with its evidence timeline',
        params: idParams,
        response: { 200: alertDetailSchema },
      },
      config,
    },
    (req) => alertDetail(req.ctx, req.params.id),
  );
  r.post(
    '/privacy/alerts/:id/review',
    {
      schema: {
        tags,
        summary: 'Move an alert: under review, closed as appropriate, closed as violation (with notes)',
        params: idParams,
        body: reviewBody,
        response: { 200: alertDetailSchema },
      },
      config,
    },
    (req) => reviewPrivacyAlert(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/privacy/scans',
    {
      schema: {
        tags,
        summary: 'Scan the audit trail now (a job); since a day, or today',
        body: scanBody,
        response: { 202: z.object({ jobId: z.string() }) },
      },
      config,
    },
    async (req, reply) => reply.code(202).send(await requestScan(req.ctx, req.body.since)),
  );
  r.get(
    '/privacy/users/:id/profile',
    {
      schema: {
        tags,
        summary: "A user's access profile: charts opened per day",
        params: idParams,
        querystring: profileQuery,
        response: { 200: userProfile },
      },
      config,
    },
    (req) => userAccessProfile(req.ctx, req.params.id, req.query.days),
  );
  r.get(
    '/privacy/thresholds',
    { schema: { tags, summary: 'The monitoring thresholds', response: { 200: thresholdsOut } }, config },
    (req) => thresholds(req.ctx),
  );
  r.put(
    '/privacy/thresholds',
    {
      schema: {
        tags,
        summary: 'Change the monitoring thresholds',
        body: thresholdsSchema,
        response: { 200: thresholdsOut },
      },
      config,
    },
    (req) => updateThresholds(req.ctx, req.body),
  );
  r.get(
    '/privacy/policy',
    {
      schema: {
        tags,
        summary: 'The privacy policy (privacy.accountViolations)',
        response: { 200: policyOut },
      },
      config,
    },
    (req) => policy(req.ctx),
  );
  r.put(
    '/privacy/policy',
    {
      schema: {
        tags,
        summary: 'Change the privacy policy',
        body: policySchema,
        response: { 200: policyOut },
      },
      config,
    },
    (req) => updatePolicy(req.ctx, req.body),
  );
};
