import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  browseQuerySchema,
  browseResultSchema,
  codedEncounterSchema,
  codeResultSchema,
  codeSystemSchema,
  codeVersionListSchema,
  diffQuerySchema,
  diffResultSchema,
  editsResultSchema,
  importSampleResultSchema,
  searchQuerySchema,
  searchResultSchema,
} from './coding.schemas.ts';
import { runEdits } from './edits.service.ts';
import { CodingErrors } from './errors.ts';
import { importSample } from './sample.service.ts';
import { browseCodes, getCode, searchCodes } from './search.service.ts';
import { diffVersions, listCodeVersions } from './versions.service.ts';

const READ = { permission: 'code:read' };
const ADMIN = { permission: 'code:admin' };
const tags = ['coding'];

/** /api/codes: search, lookup, hierarchy, versions, diff, sample load and coding edits. */
export const codingRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/codes/search',
    {
      schema: {
        tags,
        summary: 'Search codes by code prefix or words',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema },
      },
      config: READ,
    },
    (req) => searchCodes(req.ctx, req.query),
  );
  r.get(
    '/codes/browse',
    {
      schema: {
        tags,
        summary: 'ICD-10-CM hierarchy: chapters, categories, codes',
        querystring: browseQuerySchema,
        response: { 200: browseResultSchema },
      },
      config: READ,
    },
    (req) => browseCodes(req.ctx, req.query),
  );
  r.get(
    '/codes/versions',
    {
      schema: {
        tags,
        summary: 'Loaded code-set versions with counts',
        response: { 200: codeVersionListSchema },
      },
      config: READ,
    },
    async (req) => ({ versions: await listCodeVersions(req.ctx) }),
  );
  r.get(
    '/codes/:system/diff',
    {
      schema: {
        tags,
        summary: 'Codes added, deleted and revised between two versions',
        params: z.object({ system: codeSystemSchema }),
        querystring: diffQuerySchema,
        response: { 200: diffResultSchema },
      },
      config: READ,
    },
    (req) => diffVersions(req.ctx, req.params.system, req.query.from, req.query.to),
  );
  r.get(
    '/codes/:system/:code',
    {
      schema: {
        tags,
        summary: 'One code, billable and valid on the date of service',
        params: z.object({ system: codeSystemSchema, code: z.string().max(12) }),
        querystring: z.object({
          date: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
          version: z.string().max(40).optional(),
        }),
        response: { 200: codeResultSchema },
      },
      config: READ,
    },
    async (req) => {
      const found = await getCode(req.ctx, req.params.system, req.params.code, req.query);
      if (!found) throw CodingErrors.codeNotFound(req.params.system, req.params.code);
      return found;
    },
  );
  r.post(
    '/codes/edits',
    {
      schema: {
        tags,
        summary: 'Run the coding edits on a coded encounter draft',
        body: codedEncounterSchema,
        response: { 200: editsResultSchema },
      },
      config: READ,
    },
    async (req) => ({ findings: await runEdits(req.ctx, req.body) }),
  );
  r.post(
    '/codes/import-sample',
    {
      schema: {
        tags,
        summary: 'Load the shipped public-domain sample code sets',
        response: { 200: importSampleResultSchema },
      },
      config: ADMIN,
    },
    async (req) => ({ imports: await importSample(req.ctx) }),
  );
};
