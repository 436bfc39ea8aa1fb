import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  accessReport,
  accountingLetter,
  createAccountingRequest,
  listAccountingRequests,
} from './accounting.service.ts';
import { deliver, downloadByLink, invoicePdf } from './delivery.service.ts';
import {
  accessReportQuery,
  accessReportSchema,
  accountingRequestBody,
  accountingRequestSchema,
  buildPacketBody,
  deliveryBody,
  deliverySchema,
  downloadBody,
  packetSchema,
  preferenceBody,
  preferenceListSchema,
  reviewBody,
  settingsSchema,
} from './fulfilment.schemas.ts';
import { buildPacket, getPacket, packetPdf, reviewPacket } from './packet.service.ts';
import { endPreference, listPreferences, recordPreference } from './preferences.service.ts';
import { getSettings, updateSettings } from './settings.service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['release of information'];

/** PDFs go out inline (for the preview frame), never cached by the browser. */
const pdf = (reply: FastifyReply, f: { bytes: Uint8Array; filename: string }) =>
  reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${f.filename}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(f.bytes));

/** Fulfilment: packets, quality review, delivery, patient preferences, accounting and access reports. */
export const fulfilmentRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  const read = { permission: 'disclosure:read' };
  const write = { permission: 'disclosure:release' };
  const rq = '/disclosure/requests/:id';

  r.post(
    `${rq}/packet`,
    {
      schema: {
        tags,
        summary: 'Build the release packet',
        params: idParams,
        body: buildPacketBody,
        response: { 200: packetSchema },
      },
      config: write,
    },
    (req) => buildPacket(req.ctx, req.params.id, req.body),
  );
  r.get(
    `${rq}/packet`,
    {
      schema: { tags, summary: 'The latest packet', params: idParams, response: { 200: packetSchema } },
      config: read,
    },
    (req) => getPacket(req.ctx, req.params.id),
  );
  r.get(
    `${rq}/packet/pdf`,
    { schema: { tags, summary: 'The packet PDF (preview)', params: idParams }, config: read },
    async (req, reply) => pdf(reply, await packetPdf(req.ctx, req.params.id)),
  );
  r.post(
    `${rq}/packet/review`,
    {
      schema: {
        tags,
        summary: 'Second-person quality review',
        params: idParams,
        body: reviewBody,
        response: { 200: packetSchema },
      },
      config: write,
    },
    (req) => reviewPacket(req.ctx, req.params.id, req.body),
  );
  r.post(
    `${rq}/delivery`,
    {
      schema: {
        tags,
        summary: 'Send by secure link or record mailing',
        params: idParams,
        body: deliveryBody,
        response: { 200: deliverySchema },
      },
      config: write,
    },
    (req) => deliver(req.ctx, req.params.id, req.body),
  );
  r.get(
    `${rq}/invoice/pdf`,
    { schema: { tags, summary: 'Fee invoice', params: idParams }, config: read },
    async (req, reply) => pdf(reply, await invoicePdf(req.ctx, req.params.id)),
  );
  r.post(
    '/disclosure/download',
    {
      schema: {
        tags,
        summary: 'Recipient download through a secure link (token and code in the body)',
        body: downloadBody,
      },
      config: { permission: 'public' },
    },
    async (req, reply) => pdf(reply, await downloadByLink(req.ctx, req.body.token, req.body.code)),
  );
  r.get(
    '/disclosure/settings',
    { schema: { tags, summary: 'Release settings', response: { 200: settingsSchema } }, config: read },
    (req) => getSettings(req.ctx),
  );
  r.put(
    '/disclosure/settings',
    {
      schema: {
        tags,
        summary: 'Change release settings',
        body: settingsSchema,
        response: { 200: settingsSchema },
      },
      config: { permission: 'disclosure:override' },
    },
    (req) => updateSettings(req.ctx, req.body),
  );
  r.get(
    '/patients/:id/disclosure-preferences',
    {
      schema: {
        tags,
        summary: 'Restrictions and confidential communications (164.522)',
        params: idParams,
        response: { 200: preferenceListSchema },
      },
      config: read,
    },
    (req) => listPreferences(req.ctx, req.params.id),
  );
  r.post(
    '/patients/:id/disclosure-preferences',
    {
      schema: {
        tags,
        summary: 'Record a restriction or confidential communication',
        params: idParams,
        body: preferenceBody,
        response: { 200: preferenceListSchema },
      },
      config: write,
    },
    (req) => recordPreference(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/disclosure-preferences/:id/end',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ reason: z.string() }),
        response: { 200: preferenceListSchema },
      },
      config: write,
    },
    (req) => endPreference(req.ctx, req.params.id, req.body.reason),
  );
  r.post(
    '/patients/:id/accounting-requests',
    {
      schema: {
        tags,
        summary: 'Track a request for an accounting of disclosures',
        params: idParams,
        body: accountingRequestBody,
        response: { 201: accountingRequestSchema },
      },
      config: write,
    },
    async (req, reply) =>
      reply.status(201).send(await createAccountingRequest(req.ctx, req.params.id, req.body)),
  );
  r.get(
    '/patients/:id/accounting-requests',
    {
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(accountingRequestSchema) }) },
      },
      config: read,
    },
    (req) => listAccountingRequests(req.ctx, req.params.id),
  );
  r.get(
    '/patients/:id/disclosures/letter',
    {
      schema: {
        tags,
        summary: 'Printable accounting of disclosures',
        params: idParams,
        querystring: z.object({ requestId: z.uuid().optional() }),
      },
      config: read,
    },
    async (req, reply) => pdf(reply, await accountingLetter(req.ctx, req.params.id, req.query.requestId)),
  );
  r.get(
    '/patients/:id/access-report',
    {
      schema: {
        tags,
        summary: 'Who accessed this record',
        params: idParams,
        querystring: accessReportQuery,
        response: { 200: accessReportSchema },
      },
      config: read,
    },
    (req) => accessReport(req.ctx, req.params.id, req.query),
  );
};
