import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../kernel/errors.ts';
import { typed } from '../kernel/routing.ts';
import { getImportJob, listImportJobs, startImportJob, type UploadInput } from './import-job.service.ts';

/** The largest code-set upload: the FY2026 ICD-10-CM order file is about 14 MB uncompressed. */
export const CODE_FILE_MAX_BYTES = 128 * 1_048_576;
const ADMIN = { permission: 'code:admin' };
const tags = ['coding'];

/** A code-set import job as the API sends it (exported for the web's types, docs/adr/0005). */
export const jobSchema = z.object({
  id: z.string(),
  /** The job on the job queue (the jobs screen), null for imports from before it. */
  jobId: z.string().nullable(),
  kind: z.string(),
  version: z.string().nullable(),
  sourceName: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

async function readUpload(req: FastifyRequest): Promise<UploadInput> {
  if (!req.isMultipart())
    throw new AppError(
      'UNSUPPORTED_FILE',
      'Send the file as multipart/form-data (fields kind, version, file).',
      415,
    );
  const fields: Record<string, string> = {};
  let file: UploadInput['file'];
  for await (const part of req.parts({ limits: { fileSize: CODE_FILE_MAX_BYTES, files: 1, fields: 5 } })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(
            'FILE_TOO_LARGE',
            'The file is larger than 128 MB; upload it gzip-compressed.',
            413,
          );
        throw e;
      });
      file = { name: part.filename, bytes };
    } else fields[part.fieldname] = String(part.value);
  }
  return { fields, file };
}

/** /api/codes/imports: upload a code-set file from the administration page and follow its progress. */
export const importJobRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyMultipart, { limits: { fileSize: CODE_FILE_MAX_BYTES } });
  const r = typed(app);
  r.post(
    '/codes/imports',
    {
      schema: {
        tags,
        summary: 'Upload a code-set file (multipart: kind, version?, file); the load runs as a job',
        consumes: ['multipart/form-data'],
        response: { 202: jobSchema },
      },
      config: ADMIN,
    },
    async (req, reply) => reply.status(202).send(await startImportJob(req.ctx, await readUpload(req))),
  );
  r.get(
    '/codes/imports',
    {
      schema: {
        tags,
        summary: 'Recent code-set import jobs',
        response: { 200: z.object({ items: z.array(jobSchema) }) },
      },
      config: ADMIN,
    },
    (req) => listImportJobs(req.ctx),
  );
  r.get(
    '/codes/imports/:id',
    {
      schema: {
        tags,
        summary: 'One import job: progress and outcome',
        params: z.object({ id: z.uuid('must be an id') }),
        response: { 200: jobSchema },
      },
      config: ADMIN,
    },
    (req) => getImportJob(req.ctx, req.params.id),
  );
};
