import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  bannerSchema,
  createEntryBody,
  enteredInErrorBody,
  entryPageSchema,
  entrySchema,
  idParams,
  lookupBody,
  pageQuery,
  patientParams,
  summarySchema,
  updateEntryBody,
  versionListSchema,
} from './chart.schemas.ts';
import { documentRoutes } from './documents.routes.ts';
import { encounterRoutes } from './encounters.routes.ts';
import {
  createEntry,
  entryVersions,
  getEntry,
  listCollection,
  markEntryInError,
  updateEntry,
} from './entries.service.ts';
import { COLLECTIONS, type Collection } from './entry-kinds.ts';
import { labelRoutes } from './labels.routes.ts';
import { getBanner, getChartSummary, lookupChart } from './summary.service.ts';

const tags = ['chart'];

/** The clinical record under /api/patients/:patientId/… and /api/chart-entries/:id (issue 4). */
export const chartRoutes: FastifyPluginAsync<AppDeps> = async (app, opts) => {
  const r = typed(app);
  r.get(
    '/patients/:patientId/chart',
    {
      schema: {
        tags,
        summary: 'The whole chart of a patient',
        params: patientParams,
        response: { 200: summarySchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => getChartSummary(req.ctx, req.params.patientId),
  );
  r.post(
    '/chart/lookup',
    {
      schema: {
        tags,
        summary: 'Find the chart of a patient by exact MRN',
        body: lookupBody,
        response: { 200: z.object({ patientId: z.string() }) },
      },
      config: { permission: 'chart:read' },
    },
    (req) => lookupChart(req.ctx, req.body.mrn),
  );
  r.get(
    '/patients/:patientId/chart/banner',
    {
      schema: {
        tags,
        summary: 'Patient banner for chart screens',
        params: patientParams,
        response: { 200: bannerSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => getBanner(req.ctx, req.params.patientId),
  );
  for (const collection of Object.keys(COLLECTIONS) as Collection[]) {
    r.get(
      `/patients/:patientId/${collection}`,
      {
        schema: {
          tags,
          summary: `List the patient's ${collection}`,
          params: patientParams,
          querystring: pageQuery,
          response: { 200: entryPageSchema },
        },
        config: { permission: 'chart:read' },
      },
      (req) => listCollection(req.ctx, req.params.patientId, collection, req.query),
    );
    r.post(
      `/patients/:patientId/${collection}`,
      {
        schema: {
          tags,
          summary: `Record an entry in the patient's ${collection} (kinds: ${COLLECTIONS[collection].join(', ')})`,
          params: patientParams,
          body: createEntryBody,
          response: { 201: entrySchema },
        },
        config: { permission: 'chart:write' },
      },
      async (req, reply) =>
        reply.status(201).send(await createEntry(req.ctx, req.params.patientId, collection, req.body)),
    );
  }
  r.get(
    '/chart-entries/:id',
    {
      schema: { tags, summary: 'One chart entry', params: idParams, response: { 200: entrySchema } },
      config: { permission: 'chart:read' },
    },
    (req) => getEntry(req.ctx, req.params.id),
  );
  r.put(
    '/chart-entries/:id',
    {
      schema: {
        tags,
        summary: 'Correct an entry (new version; 409 if someone changed it meanwhile)',
        params: idParams,
        body: updateEntryBody,
        response: { 200: entrySchema },
      },
      config: { permission: 'chart:write' },
    },
    (req) => updateEntry(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/chart-entries/:id/entered-in-error',
    {
      schema: {
        tags,
        summary: 'Mark an entry entered-in-error with a reason (it stays in the history)',
        params: idParams,
        body: enteredInErrorBody,
        response: { 200: entrySchema },
      },
      config: { permission: 'chart:write' },
    },
    (req) => markEntryInError(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/chart-entries/:id/versions',
    {
      schema: {
        tags,
        summary: 'Version history of an entry',
        params: idParams,
        response: { 200: versionListSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => entryVersions(req.ctx, req.params.id),
  );
  // Child scopes inherit the /api prefix already; pass the dependencies without it.
  const { prefix: _prefix, ...deps } = opts as AppDeps & { prefix?: string };
  await app.register(encounterRoutes, deps);
  await app.register(documentRoutes, deps);
  await app.register(labelRoutes, deps);
};
