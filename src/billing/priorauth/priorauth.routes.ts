import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import {
  priorAuthCreate,
  priorAuthDetailSchema,
  priorAuthListSchema,
  priorAuthParams,
  priorAuthQuery,
  priorAuthUpdate,
} from './priorauth.schemas.ts';
import { changePriorAuth, createPriorAuth, getPriorAuth, listPriorAuths } from './priorauth.service.ts';

const tags = ['billing'];

/** Prior authorizations under /api/billing/prior-auths (issue 13). */
export const priorAuthRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/billing/prior-auths',
    {
      schema: {
        tags,
        summary: 'Prior authorizations by patient, payer, status, code and date',
        querystring: priorAuthQuery,
        response: { 200: priorAuthListSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => listPriorAuths(req.ctx, req.query),
  );
  r.post(
    '/billing/prior-auths',
    {
      schema: {
        tags,
        summary: 'Record a prior authorization request (codes, units, validity, status, number)',
        body: priorAuthCreate,
        response: { 200: priorAuthDetailSchema },
      },
      config: { permission: 'billing:write' },
    },
    (req) => createPriorAuth(req.ctx, req.body),
  );
  r.get(
    '/billing/prior-auths/:id',
    {
      schema: {
        tags,
        summary: 'One prior authorization with its history',
        params: priorAuthParams,
        response: { 200: priorAuthDetailSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => getPriorAuth(req.ctx, req.params.id),
  );
  r.post(
    '/billing/prior-auths/:id',
    {
      schema: {
        tags,
        summary: 'Change a prior authorization (status, number, units, validity)',
        params: priorAuthParams,
        body: priorAuthUpdate,
        response: { 200: priorAuthDetailSchema },
      },
      config: { permission: 'billing:write' },
    },
    (req) => changePriorAuth(req.ctx, req.params.id, req.body),
  );
};
