import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { idParams } from './queries.schemas.ts';
import { addendumBody, noteSignaturesSchema, signBody } from './signature.schemas.ts';
import { addAddendum, noteSignatures, signNote } from './signature.service.ts';

const tags = ['completion'];

/** Signing notes with attestation, co-signature and addenda (issue 5). */
export const signatureRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/completion/notes/:id/signatures',
    {
      schema: {
        tags,
        summary: "A note's signatures and addenda",
        params: idParams,
        response: { 200: noteSignaturesSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => noteSignatures(req.ctx, req.params.id),
  );
  r.post(
    '/completion/notes/:id/sign',
    {
      schema: {
        tags,
        summary: 'Sign (or co-sign) a note with attestation',
        params: idParams,
        body: signBody,
        response: { 200: noteSignaturesSchema },
      },
      config: { permission: 'chart:sign' },
    },
    (req) => signNote(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/completion/notes/:id/addenda',
    {
      schema: {
        tags,
        summary: 'Add a signed addendum to a signed note',
        params: idParams,
        body: addendumBody,
        response: { 200: noteSignaturesSchema },
      },
      config: { permission: 'chart:sign' },
    },
    (req) => addAddendum(req.ctx, req.params.id, req.body),
  );
};
