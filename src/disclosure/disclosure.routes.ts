import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  captureAuthorization,
  overrideCheck,
  revokeAuthorization,
  runCheck,
} from './authorization.service.ts';
import {
  accountingSchema,
  authorizationFormSchema,
  checkResultSchema,
  newRequestSchema,
  queueQuerySchema,
  queueSchema,
  requestSchema,
  transitionSchema,
} from './disclosure.schemas.ts';
import { accountingReport, denyRequest, releaseRequest } from './release.service.ts';
import { createRequest, getRequest, grantExtension, listQueue, verifyIdentity } from './request.service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['release of information'];

export const disclosureRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  const read = { permission: 'disclosure:read' };
  const write = { permission: 'disclosure:release' };

  r.get(
    '/disclosure/requests',
    {
      schema: { tags, summary: 'ROI queue', querystring: queueQuerySchema, response: { 200: queueSchema } },
      config: read,
    },
    (req) => listQueue(req.ctx, req.query),
  );
  r.post(
    '/disclosure/requests',
    {
      schema: {
        tags,
        summary: 'Take in a request',
        body: newRequestSchema,
        response: { 201: requestSchema },
      },
      config: write,
    },
    async (req, reply) => reply.status(201).send(await createRequest(req.ctx, req.body)),
  );
  r.get(
    '/disclosure/requests/:id',
    { schema: { tags, params: idParams, response: { 200: requestSchema } }, config: read },
    (req) => getRequest(req.ctx, req.params.id),
  );
  r.post(
    '/disclosure/requests/:id/verify-identity',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ method: z.string(), version: z.number().int() }),
        response: { 200: requestSchema },
      },
      config: write,
    },
    (req) => verifyIdentity(req.ctx, req.params.id, req.body.method, req.body.version),
  );
  r.post(
    '/disclosure/requests/:id/extension',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ reason: z.string() }),
        response: { 200: requestSchema },
      },
      config: write,
    },
    (req) => grantExtension(req.ctx, req.params.id, req.body.reason),
  );
  r.post(
    '/disclosure/requests/:id/authorization',
    {
      schema: {
        tags,
        summary: 'Capture the signed authorization',
        params: idParams,
        body: authorizationFormSchema,
        response: { 200: checkResultSchema },
      },
      config: write,
    },
    (req) => captureAuthorization(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/disclosure/requests/:id/check',
    {
      schema: {
        tags,
        summary: 'Run the authorization check',
        params: idParams,
        response: { 200: checkResultSchema },
      },
      config: write,
    },
    (req) => runCheck(req.ctx, req.params.id),
  );
  r.post(
    '/disclosure/requests/:id/override',
    {
      schema: {
        tags,
        summary: 'Privacy officer override',
        params: idParams,
        body: z.object({ reason: z.string() }),
        response: { 200: checkResultSchema },
      },
      config: { permission: 'disclosure:override' },
    },
    (req) => overrideCheck(req.ctx, req.params.id, req.body.reason),
  );
  r.post(
    '/disclosure/requests/:id/release',
    {
      schema: {
        tags,
        params: idParams,
        body: transitionSchema.extend({ description: z.string().max(500).optional() }),
        response: { 200: requestSchema },
      },
      config: write,
    },
    (req) => releaseRequest(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/disclosure/requests/:id/deny',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ reason: z.string(), version: z.number().int() }),
        response: { 200: requestSchema },
      },
      config: write,
    },
    (req) => denyRequest(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/disclosure/authorizations/:id/revoke',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
        response: { 200: z.object({ stopped: z.number().int() }) },
      },
      config: write,
    },
    (req) => revokeAuthorization(req.ctx, req.params.id, req.body.receivedOn),
  );
  r.get(
    '/patients/:id/disclosures',
    {
      schema: {
        tags,
        summary: 'Accounting of disclosures (45 CFR 164.528)',
        params: idParams,
        querystring: z.object({
          from: z.string().optional(),
          includeExempt: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: accountingSchema },
      },
      config: read,
    },
    (req) => accountingReport(req.ctx, req.params.id, req.query.from, req.query.includeExempt === 'true'),
  );
};
