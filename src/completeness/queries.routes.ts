import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  amendmentListQuery,
  amendmentPageSchema,
  amendmentSchema,
  decisionBody,
  extendBody,
  requestAmendmentBody,
  statementBody,
} from './amendment.schemas.ts';
import {
  addStatement,
  decideAmendment,
  extendAmendment,
  getAmendment,
  listAmendments,
  requestAmendment,
} from './amendment.service.ts';
import { answerQuery, createQuery, getQuery, listQueries } from './clinician-query.service.ts';
import {
  answerQueryBody,
  idParams,
  openQueryBody,
  patientParams,
  queryListQuery,
  queryPageSchema,
  querySchema,
} from './queries.schemas.ts';

const tags = ['completion'];

/** Clinician queries and amendment requests (issue 5). */
export const queryRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.post(
    '/completion/queries',
    {
      schema: {
        tags,
        summary: 'Ask a clinician a query',
        body: openQueryBody,
        response: { 201: querySchema },
      },
      config: { permission: 'completion:manage' },
    },
    async (req, reply) => reply.status(201).send(await createQuery(req.ctx, req.body)),
  );
  r.get(
    '/completion/queries',
    {
      schema: {
        tags,
        summary: 'All clinician queries (HIM)',
        querystring: queryListQuery,
        response: { 200: queryPageSchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => listQueries(req.ctx, req.query),
  );
  r.get(
    '/completion/my-queries',
    {
      schema: {
        tags,
        summary: 'Queries addressed to me',
        querystring: queryListQuery,
        response: { 200: queryPageSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => listQueries(req.ctx, req.query, true),
  );
  r.get(
    '/completion/queries/:id',
    {
      schema: { tags, summary: 'One clinician query', params: idParams, response: { 200: querySchema } },
      config: { permission: 'chart:read' },
    },
    (req) => getQuery(req.ctx, req.params.id),
  );
  r.post(
    '/completion/queries/:id/answer',
    {
      schema: {
        tags,
        summary: 'Answer a query addressed to me',
        params: idParams,
        body: answerQueryBody,
        response: { 200: querySchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => answerQuery(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/patients/:patientId/amendments',
    {
      schema: {
        tags,
        summary: "Record a patient's amendment request (45 CFR 164.526)",
        params: patientParams,
        body: requestAmendmentBody,
        response: { 201: amendmentSchema },
      },
      config: { permission: 'completion:manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await requestAmendment(req.ctx, req.params.patientId, req.body)),
  );
  r.get(
    '/completion/amendments',
    {
      schema: {
        tags,
        summary: 'Amendment requests (HIM)',
        querystring: amendmentListQuery,
        response: { 200: amendmentPageSchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => listAmendments(req.ctx, req.query),
  );
  r.get(
    '/completion/my-amendments',
    {
      schema: {
        tags,
        summary: 'Amendment requests routed to me',
        querystring: amendmentListQuery,
        response: { 200: amendmentPageSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => listAmendments(req.ctx, req.query, true),
  );
  r.get(
    '/completion/amendments/:id',
    {
      schema: {
        tags,
        summary: 'One amendment request',
        params: idParams,
        response: { 200: amendmentSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => getAmendment(req.ctx, req.params.id),
  );
  r.post(
    '/completion/amendments/:id/extension',
    {
      schema: {
        tags,
        summary: 'Record the one 30-day extension',
        params: idParams,
        body: extendBody,
        response: { 200: amendmentSchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => extendAmendment(req.ctx, req.params.id, req.body.reason),
  );
  r.post(
    '/completion/amendments/:id/decision',
    {
      schema: {
        tags,
        summary: 'Accept or deny an amendment request',
        params: idParams,
        body: decisionBody,
        response: { 200: amendmentSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => decideAmendment(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/completion/amendments/:id/statements',
    {
      schema: {
        tags,
        summary: 'Append a statement of disagreement or a rebuttal',
        params: idParams,
        body: statementBody,
        response: { 200: amendmentSchema },
      },
      config: { permission: 'completion:manage' },
    },
    (req) => addStatement(req.ctx, req.params.id, req.body),
  );
};
