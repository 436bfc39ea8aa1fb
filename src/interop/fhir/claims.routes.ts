import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { FhirPluginOptions } from '../../kernel/routing.ts';
import { typed } from '../../kernel/routing.ts';
import {
  CLAIM_PARAMS,
  type ClaimResourceType,
  readClaimResource,
  searchClaimResources,
} from './claims.service.ts';
import { sendResource } from './fhir-http.ts';
import { bundleOut, resourceOf } from './resources.routes.ts';

const idParams = z.object({ id: z.string().max(100) });
const searchQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** Read and search of Claim, ClaimResponse and ExplanationOfBenefit: the biller's data (billing:read). */
export const claimRoutes: FastifyPluginAsync<FhirPluginOptions> = async (app) => {
  const r = typed(app);
  const tags = ['fhir'];
  const config = { permission: 'billing:read' };
  for (const type of Object.keys(CLAIM_PARAMS) as ClaimResourceType[]) {
    r.get(
      `/${type}`,
      {
        schema: { tags, summary: `Search ${type}`, querystring: searchQuery, response: { 200: bundleOut } },
        config,
      },
      async (req, reply) => sendResource(req, reply, await searchClaimResources(req.ctx, type, req.query)),
    );
    r.get(
      `/${type}/:id`,
      {
        schema: { tags, summary: `Read ${type}`, params: idParams, response: { 200: resourceOf(type) } },
        config,
      },
      async (req, reply) => sendResource(req, reply, await readClaimResource(req.ctx, type, req.params.id)),
    );
  }
};
