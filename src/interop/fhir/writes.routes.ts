import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../kernel/context.ts';
import type { FhirPluginOptions } from '../../kernel/routing.ts';
import { typed } from '../../kernel/routing.ts';
import { WRITABLE } from './capabilities.ts';
import { createClinical, updateClinical } from './clinical-write.service.ts';
import { createCoverage } from './coverage.service.ts';
import { parseIfMatch, sendResource } from './fhir-http.ts';
import { createPatient, updatePatientResource } from './patient-resource.service.ts';
import { resourceOf } from './resources.routes.ts';

/** The body is any JSON: the validator and the inbound mappers report every problem with its FHIRPath. */
const anyBody = z.unknown();
const idParams = z.object({ id: z.string().max(100) });

type Create = (ctx: RequestContext, body: unknown) => Promise<import('@medplum/fhirtypes').Resource>;
type Update = (
  ctx: RequestContext,
  id: string,
  body: unknown,
  ifMatch: number | undefined,
) => Promise<import('@medplum/fhirtypes').Resource>;

/** create (POST, 201 + Location) and update (PUT, version-aware) for the types backed by a domain write. */
export const writeRoutes: FastifyPluginAsync<FhirPluginOptions> = async (app) => {
  const r = typed(app);
  const tags = ['fhir'];
  for (const type of WRITABLE) {
    const permission = type === 'Patient' ? 'patient:write' : 'chart:write';
    const create: Create =
      type === 'Patient' ? createPatient : (ctx, body) => createClinical(ctx, type, body);
    const update: Update =
      type === 'Patient'
        ? updatePatientResource
        : (ctx, id, body, m) => updateClinical(ctx, type, id, body, m);
    r.post(
      `/${type}`,
      {
        schema: { tags, summary: `Create a ${type}`, body: anyBody, response: { 201: resourceOf(type) } },
        config: { permission },
      },
      async (req, reply) => sendResource(req, reply, await create(req.ctx, req.body), 201),
    );
    r.put(
      `/${type}/:id`,
      {
        schema: {
          tags,
          summary: `Update a ${type} (new version)`,
          params: idParams,
          body: anyBody,
          response: { 200: resourceOf(type) },
        },
        config: { permission },
      },
      async (req, reply) =>
        sendResource(
          req,
          reply,
          await update(req.ctx, req.params.id, req.body, parseIfMatch(req.headers['if-match'])),
        ),
    );
  }
  r.post(
    '/Coverage',
    {
      schema: { tags, summary: 'Add a Coverage', body: anyBody, response: { 201: resourceOf('Coverage') } },
      config: { permission: 'patient:write' },
    },
    async (req, reply) => sendResource(req, reply, await createCoverage(req.ctx, req.body), 201),
  );
};
