import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  documentPageSchema,
  documentSchema,
  enteredInErrorBody,
  idParams,
  pageQuery,
  patientParams,
  versionListSchema,
} from './chart.schemas.ts';
import {
  documentVersions,
  downloadDocument,
  listDocuments,
  markDocumentInError,
  type UploadedFile,
  uploadDocument,
} from './documents.service.ts';
import { chartErrors } from './errors.ts';

const tags = ['chart'];

/** Reads a multipart upload: text fields and at most one file, refusing files over the size limit. */
async function readUpload(req: FastifyRequest, limit: number) {
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  for await (const part of req.parts({ limits: { fileSize: limit, files: 1, fields: 10 } })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw chartErrors.fileTooLarge(limit);
        throw e;
      });
      file = { declaredType: part.mimetype, bytes };
    } else fields[part.fieldname] = String(part.value);
  }
  return { fields, file };
}

/** Uploaded documents: multipart in, file streamed out only after the access check. */
export const documentRoutes: FastifyPluginAsync<AppDeps> = async (app, deps) => {
  // Registered in this scope only: the rest of the API takes JSON.
  await app.register(fastifyMultipart, { limits: { fileSize: deps.config.DOCUMENT_MAX_BYTES } });
  const r = typed(app);
  r.get(
    '/patients/:patientId/documents',
    {
      schema: {
        tags,
        summary: "List the patient's documents",
        params: patientParams,
        querystring: pageQuery.pick({ limit: true, offset: true }),
        response: { 200: documentPageSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => listDocuments(req.ctx, req.params.patientId, req.query),
  );
  r.post(
    '/patients/:patientId/documents',
    {
      schema: {
        tags,
        summary:
          'Upload a PDF, PNG or JPEG (multipart: documentType, serviceDate, title, encounterId?, file)',
        consumes: ['multipart/form-data'],
        params: patientParams,
        response: { 201: documentSchema },
      },
      config: { permission: 'chart:write' },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw chartErrors.unsupportedFile('Send the document as multipart/form-data.');
      const { fields, file } = await readUpload(req, deps.config.DOCUMENT_MAX_BYTES);
      return reply.status(201).send(await uploadDocument(req.ctx, req.params.patientId, fields, file));
    },
  );
  r.get(
    '/documents/:id/content',
    {
      schema: { tags, summary: 'The document file (audited download)', params: idParams },
      config: { permission: 'chart:read' },
    },
    async (req, reply) => {
      const { doc, stream } = await downloadDocument(req.ctx, req.params.id);
      return reply
        .type(doc.mediaType)
        .header('content-disposition', `inline; filename="document-${doc.id}"`)
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
  r.post(
    '/documents/:id/entered-in-error',
    {
      schema: {
        tags,
        summary: 'Mark a document entered-in-error with a reason',
        params: idParams,
        body: enteredInErrorBody,
        response: { 200: documentSchema },
      },
      config: { permission: 'chart:write' },
    },
    (req) => markDocumentInError(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/documents/:id/versions',
    {
      schema: {
        tags,
        summary: 'Version history of a document',
        params: idParams,
        response: { 200: versionListSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => documentVersions(req.ctx, req.params.id),
  );
};
