import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { FhirPluginOptions } from '../../kernel/routing.ts';
import { typed } from '../../kernel/routing.ts';
import {
  clinicalHistoryBundle,
  readBinary,
  readClinical,
  searchClinical,
  vreadClinical,
} from './clinical.service.ts';
import { CLINICAL_PARAMS, type ClinicalType } from './clinical-search.ts';
import { sendResource } from './fhir-http.ts';
import {
  patientHistoryBundle,
  readPatient,
  searchPatients,
  vreadPatient,
} from './patient-resource.service.ts';

/**
 * The outbound mappers build every resource on purpose (they are the allow-list of what leaves); the
 * response schema checks the resource type.
 */
export const resourceOf = (type: string) => z.looseObject({ resourceType: z.literal<string>(type) });
export const bundleOut = resourceOf('Bundle');
const idParams = z.object({ id: z.string().max(100) });
const vidParams = z.object({ id: z.string().max(100), vid: z.string().max(20) });
/** Search parameters are parsed by the services (FHIR prefixes, tokens, repeats). */
const searchQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** Which permission reads each type: coverage is registration data, the rest is the clinical record. */
export const READ_PERMISSION: Record<ClinicalType, 'chart:read' | 'patient:read'> = {
  Encounter: 'chart:read',
  Condition: 'chart:read',
  Observation: 'chart:read',
  Procedure: 'chart:read',
  MedicationStatement: 'chart:read',
  AllergyIntolerance: 'chart:read',
  DocumentReference: 'chart:read',
  Coverage: 'patient:read',
};

/** read, vread, history-instance and search-type for Patient and the chart-backed types; Binary read. */
export const resourceRoutes: FastifyPluginAsync<FhirPluginOptions> = async (app) => {
  const r = typed(app);
  const tags = ['fhir'];
  const reads = [
    {
      type: 'Patient',
      permission: 'patient:read',
      read: (ctx: Parameters<typeof readPatient>[0], id: string) => readPatient(ctx, id),
      vread: vreadPatient,
      history: patientHistoryBundle,
      search: searchPatients,
    },
    ...(Object.keys(CLINICAL_PARAMS) as ClinicalType[]).map((type) => ({
      type,
      permission: READ_PERMISSION[type],
      read: (ctx: Parameters<typeof readPatient>[0], id: string) => readClinical(ctx, type, id),
      vread: (ctx: Parameters<typeof readPatient>[0], id: string, vid: string) =>
        vreadClinical(ctx, type, id, vid),
      history: (ctx: Parameters<typeof readPatient>[0], id: string) => clinicalHistoryBundle(ctx, type, id),
      search: (ctx: Parameters<typeof readPatient>[0], q: Record<string, string | string[]>) =>
        searchClinical(ctx, type, q),
    })),
  ];
  for (const t of reads) {
    const config = { permission: t.permission };
    const out = { 200: resourceOf(t.type) };
    r.get(
      `/${t.type}`,
      {
        schema: { tags, summary: `Search ${t.type}`, querystring: searchQuery, response: { 200: bundleOut } },
        config,
      },
      async (req, reply) => sendResource(req, reply, await t.search(req.ctx, req.query)),
    );
    r.get(
      `/${t.type}/:id`,
      { schema: { tags, summary: `Read ${t.type}`, params: idParams, response: out }, config },
      async (req, reply) => sendResource(req, reply, await t.read(req.ctx, req.params.id)),
    );
    r.get(
      `/${t.type}/:id/_history`,
      {
        schema: { tags, summary: `History of a ${t.type}`, params: idParams, response: { 200: bundleOut } },
        config,
      },
      async (req, reply) => sendResource(req, reply, await t.history(req.ctx, req.params.id)),
    );
    r.get(
      `/${t.type}/:id/_history/:vid`,
      {
        schema: { tags, summary: `Read a version of a ${t.type}`, params: vidParams, response: out },
        config,
      },
      async (req, reply) => sendResource(req, reply, await t.vread(req.ctx, req.params.id, req.params.vid)),
    );
  }
  r.get(
    '/Binary/:id',
    {
      schema: {
        tags,
        summary: 'Read a document’s content',
        params: idParams,
        response: { 200: resourceOf('Binary') },
      },
      config: { permission: 'chart:read' },
    },
    async (req, reply) => sendResource(req, reply, await readBinary(req.ctx, req.params.id)),
  );
};
