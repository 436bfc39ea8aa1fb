import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { operationOutcome } from '../../kernel/http-errors.ts';
import type { FhirPluginOptions } from '../../kernel/routing.ts';
import { typed } from '../../kernel/routing.ts';
import {
  exportFileParams,
  exportIdParams,
  exportQuery,
  manifestSchema,
  operationOutcomeSchema,
} from './bulk.schemas.ts';
import { cancelExport, exportFile, exportStatus, startExport } from './export-job.service.ts';

const tags = ['fhir'];
/** An informational OperationOutcome (R4 issue-severity `information`) for 202 answers. */
const info = (diagnostics: string) => ({
  resourceType: 'OperationOutcome' as const,
  issue: [{ severity: 'information', code: 'informational', diagnostics }],
});
const config = { permission: 'fhir:bulk' };

/**
 * FHIR Bulk Data export (Bulk Data Access IG, R4 async pattern http://hl7.org/fhir/R4/async.html):
 * kick-off answers 202 with Content-Location, the status URL answers 202 until the manifest is ready.
 */
export const exportRoutes: FastifyPluginAsync<FhirPluginOptions> = async (app, opts) => {
  const r = typed(app);
  const base = opts.config.publicUrl;
  const kickOff =
    (level: 'system' | 'patient') =>
    async (
      req: FastifyRequest<{ Querystring: { _type?: string; _since?: string; _outputFormat?: string } }>,
      reply: FastifyReply,
    ) => {
      const q = req.query;
      const id = await startExport(
        req.ctx,
        level,
        { types: q._type?.split(','), since: q._since, outputFormat: q._outputFormat },
        `${base}${req.url}`,
      );
      reply.header('content-location', `${base}/fhir/$export-status/${id}`);
      return reply.status(202).send(info('The export has started; poll the Content-Location URL.'));
    };
  const kick = { tags, querystring: exportQuery, response: { 202: operationOutcomeSchema } };
  r.get(
    '/$export',
    { schema: { ...kick, summary: 'Bulk export of every patient (system level)' }, config },
    kickOff('system'),
  );
  r.get(
    '/Patient/$export',
    { schema: { ...kick, summary: 'Bulk export of all patients (patient level)' }, config },
    kickOff('patient'),
  );
  r.get(
    '/$export-status/:id',
    {
      schema: {
        tags,
        summary: 'Status of a bulk export: 202 while running, 200 with the manifest',
        params: exportIdParams,
        response: { 200: manifestSchema, 202: operationOutcomeSchema, 500: operationOutcomeSchema },
      },
      config,
    },
    async (req, reply) => {
      const s = await exportStatus(req.ctx, req.params.id, base);
      reply.type('application/json');
      if (s.state === 'running') {
        reply.header('x-progress', 'in progress').header('retry-after', '2');
        return reply.status(202).send(info('The export is still running.'));
      }
      if (s.state === 'failed')
        return reply.status(500).send(operationOutcome(500, s.message, 'EXPORT_FAILED') as never);
      return reply.status(200).send(s.manifest);
    },
  );
  r.delete(
    '/$export-status/:id',
    {
      schema: {
        tags,
        summary: 'Cancel a bulk export and delete its files',
        params: exportIdParams,
        response: { 202: operationOutcomeSchema },
      },
      config,
    },
    async (req, reply) => {
      await cancelExport(req.ctx, req.params.id);
      return reply.status(202).send(info('The export was cancelled and its files deleted.'));
    },
  );
  r.get(
    '/$export-file/:id/:file',
    {
      schema: { tags, summary: 'One NDJSON output file of a finished export', params: exportFileParams },
      config,
    },
    async (req, reply) => {
      const stream = await exportFile(req.ctx, req.params.id, req.params.file);
      return reply.type('application/fhir+ndjson').send(stream);
    },
  );
};
