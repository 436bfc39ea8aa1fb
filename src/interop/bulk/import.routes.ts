import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import {
  importJobPageSchema,
  importJobSchema,
  importReportSchema,
  jobParams,
  pageQuery,
  rejectPageSchema,
} from './bulk.schemas.ts';
import { bulkErrors } from './errors.ts';
import {
  getImportJob,
  importReport,
  listImportJobs,
  listImportRejects,
  startUploadImport,
} from './import-jobs.service.ts';

const tags = ['interop'];
/** Largest uploaded file: Synthea bundles are under 1 MiB, bulk NDJSON files stay under 50 MiB each. */
const MAX_UPLOAD = 256 * 1024 * 1024;

/** FHIR bulk import from the web app: upload, then poll the background job and read its report. */
export const importRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD, files: 200 } });
  const r = typed(app);
  r.post(
    '/interop/imports',
    {
      schema: {
        tags,
        summary: 'Upload FHIR Bundles or NDJSON files (multipart, .gz accepted) and start an import job',
        consumes: ['multipart/form-data'],
        response: { 202: importJobSchema },
      },
      config: { permission: 'fhir:bulk' },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw bulkErrors.noFiles();
      return reply.status(202).send(await startUploadImport(req.ctx, req.parts()));
    },
  );
  r.get(
    '/interop/imports',
    {
      schema: {
        tags,
        summary: 'Import jobs, newest first',
        querystring: pageQuery,
        response: { 200: importJobPageSchema },
      },
      config: { permission: 'fhir:bulk' },
    },
    (req) => listImportJobs(req.ctx, req.query),
  );
  r.get(
    '/interop/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import job: status, progress and counts per type',
        params: jobParams,
        response: { 200: importJobSchema },
      },
      config: { permission: 'fhir:bulk' },
    },
    (req) => getImportJob(req.ctx, req.params.id),
  );
  r.get(
    '/interop/imports/:id/rejects',
    {
      schema: {
        tags,
        summary: 'Rejected resources of a job with their reasons',
        params: jobParams,
        querystring: pageQuery,
        response: { 200: rejectPageSchema },
      },
      config: { permission: 'fhir:bulk' },
    },
    (req) => listImportRejects(req.ctx, req.params.id, req.query),
  );
  r.get(
    '/interop/imports/:id/report',
    {
      schema: {
        tags,
        summary: 'The full import report (counts per type and every rejected resource)',
        params: jobParams,
        response: { 200: importReportSchema },
      },
      config: { permission: 'fhir:bulk' },
    },
    async (req, reply) => {
      reply.header('content-disposition', `attachment; filename="fhir-import-${req.params.id}.json"`);
      return importReport(req.ctx, req.params.id);
    },
  );
};
