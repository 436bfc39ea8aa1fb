import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  codeParams,
  idParams,
  linkTallySchema,
  personListSchema,
  receiptSchema,
  sourceBody,
  sourceCreatedSchema,
  sourceListSchema,
  sourceSchema,
  statsSchema,
  submissionListSchema,
} from './central.schemas.ts';
import { linkPending } from './linkage.service.ts';
import { centralStats, registryPersons } from './persons.service.ts';
import { addSource, revoke, sources } from './sources.service.ts';
import {
  receiveSubmission,
  sourceOfToken,
  submissionInbox,
  submissionReceipt,
} from './submissions.service.ts';

const tags = ['central'];

const bearer = (header: string | undefined) =>
  header?.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;

/** The central registry API (issue 16); registered only when CHARTKEEPER_MODE=central. */
export const centralRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  // NAACCR XML bodies are not buffered: the service reads the request as a stream (large files).
  app.addContentTypeParser(
    ['application/xml', 'text/xml', 'application/octet-stream'],
    (_req, payload, done) => done(null, payload),
  );
  const r = typed(app);
  r.post(
    '/central/submissions',
    {
      schema: {
        tags,
        summary: 'Submit a NAACCR XML file as a reporting source (Authorization: Bearer <source token>)',
        response: { 200: receiptSchema },
      },
      // The source token is the credential (checked, and refusals audited, by the service).
      config: { permission: 'public' },
    },
    async (req) => {
      const source = await sourceOfToken(req.ctx, bearer(req.headers.authorization));
      const name = req.headers['x-file-name'];
      return receiveSubmission(
        req.ctx,
        source,
        req.body as AsyncIterable<Buffer>,
        typeof name === 'string' ? name : undefined,
      );
    },
  );
  r.get(
    '/central/submissions',
    {
      schema: { tags, summary: 'The submission inbox', response: { 200: submissionListSchema } },
      config: { permission: 'registry:read' },
    },
    (req) => submissionInbox(req.ctx),
  );
  r.get(
    '/central/submissions/:id',
    {
      schema: { tags, summary: 'A submission receipt', params: idParams, response: { 200: receiptSchema } },
      config: { permission: 'registry:read' },
    },
    (req) => submissionReceipt(req.ctx, req.params.id),
  );
  r.get(
    '/central/sources',
    {
      schema: { tags, summary: 'Reporting sources', response: { 200: sourceListSchema } },
      config: { permission: 'registry:read' },
    },
    (req) => sources(req.ctx),
  );
  r.post(
    '/central/sources',
    {
      schema: {
        tags,
        summary: 'Register a reporting source (the token is shown once)',
        body: sourceBody,
        response: { 200: sourceCreatedSchema },
      },
      config: { permission: 'registry:write' },
    },
    (req) => addSource(req.ctx, req.body),
  );
  r.post(
    '/central/sources/:code/revoke',
    {
      schema: { tags, summary: 'Revoke a source token', params: codeParams, response: { 200: sourceSchema } },
      config: { permission: 'registry:write' },
    },
    (req) => revoke(req.ctx, req.params.code),
  );
  r.post(
    '/central/link',
    {
      schema: { tags, summary: 'Link and consolidate pending records', response: { 200: linkTallySchema } },
      config: { permission: 'registry:write' },
    },
    (req) => linkPending(req.ctx),
  );
  r.get(
    '/central/persons',
    {
      schema: {
        tags,
        summary: 'Registry persons and their source records',
        response: { 200: personListSchema },
      },
      config: { permission: 'registry:read' },
    },
    async (req) => ({ items: await registryPersons(req.ctx) }),
  );
  r.get(
    '/central/stats',
    {
      schema: { tags, summary: 'Central registry counts', response: { 200: statsSchema } },
      config: { permission: 'registry:read' },
    },
    (req) => centralStats(req.ctx),
  );
};
