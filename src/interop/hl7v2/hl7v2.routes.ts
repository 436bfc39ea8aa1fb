import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import {
  idParams,
  listQuery,
  messageDetail,
  messagePage,
  receipt,
  replayResult,
  submitBody,
} from './hl7v2.schemas.ts';
import { getMessage, listMessages, replayMessage } from './monitor.service.ts';
import { submitMessage } from './receive.service.ts';

const tags = ['hl7v2'];

/** The interface monitor (docs/hl7v2.md). */
export const hl7v2Routes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/hl7v2/messages',
    {
      schema: {
        tags,
        summary: 'Received HL7 v2 messages, newest first, with counts of the last 24 hours',
        querystring: listQuery,
        response: { 200: messagePage },
      },
      config: { permission: 'interface:read' },
    },
    (req) => listMessages(req.ctx, req.query),
  );
  r.get(
    '/hl7v2/messages/:id',
    {
      schema: {
        tags,
        summary: 'One message: raw text, the ACK sent, every processing attempt',
        params: idParams,
        response: { 200: messageDetail },
      },
      config: { permission: 'interface:read' },
    },
    (req) => getMessage(req.ctx, req.params.id),
  );
  r.post(
    '/hl7v2/messages/:id/replay',
    {
      schema: {
        tags,
        summary: 'Process a rejected message again (an accepted one is never applied twice)',
        params: idParams,
        response: { 200: replayResult },
      },
      config: { permission: 'interface:manage' },
    },
    (req) => replayMessage(req.ctx, req.params.id),
  );
  r.post(
    '/hl7v2/messages',
    {
      schema: {
        tags,
        summary: 'Submit one HL7 v2 message by hand; answers its ACK as an MLLP sender would get it',
        body: submitBody,
        response: { 200: receipt },
      },
      config: { permission: 'interface:manage' },
    },
    (req) => submitMessage(req.ctx, req.body.text),
  );
};
