import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { FhirCapabilityResource, FhirPluginOptions } from '../kernel/routing.ts';
import { typed } from '../kernel/routing.ts';
import { lookupCode, validateCode } from './fhir.service.ts';

/** CapabilityStatement entry: CodeSystem with the $lookup and $validate-code operations. */
export const codeSystemCapability: FhirCapabilityResource = {
  type: 'CodeSystem',
  interaction: [],
  operation: [
    { name: 'lookup', definition: 'http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup' },
    { name: 'validate-code', definition: 'http://hl7.org/fhir/OperationDefinition/CodeSystem-validate-code' },
  ],
};

const opQuery = z.object({
  system: z.string().max(200),
  code: z.string().min(1).max(20),
  version: z.string().max(40).optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/)
    .optional(),
  display: z.string().max(500).optional(),
});
/**
 * CodeSystem/$validate-code names the code system `url` (FHIR R4 codesystem-operation-validate-code);
 * `system` is ValueSet/$validate-code's name for it, accepted here as an alias because clients send it.
 */
const validateQuery = opQuery.extend({
  url: z.string().max(200).optional(),
  system: z.string().max(200).optional(),
});
const parameters = z.looseObject({ resourceType: z.literal('Parameters') });

/**
 * FHIR R4 terminology operations over the loaded code sets (http://hl7.org/fhir/R4/codesystem-operation-lookup.html
 * and codesystem-operation-validate-code.html), GET form with query parameters.
 */
export const codingFhirRoutes: FastifyPluginAsync<FhirPluginOptions> = async (app) => {
  const r = typed(app);
  r.get(
    '/CodeSystem/$lookup',
    {
      schema: {
        tags: ['fhir'],
        summary: 'CodeSystem $lookup',
        querystring: opQuery,
        response: { 200: parameters },
      },
      config: { permission: 'code:read' },
    },
    async (req, reply) => {
      reply.type('application/fhir+json');
      return lookupCode(req.ctx, req.query);
    },
  );
  r.get(
    '/CodeSystem/$validate-code',
    {
      schema: {
        tags: ['fhir'],
        summary: 'CodeSystem $validate-code (url, or system as an alias)',
        querystring: validateQuery,
        response: { 200: parameters },
      },
      config: { permission: 'code:read' },
    },
    async (req, reply) => {
      reply.type('application/fhir+json');
      return validateCode(req.ctx, req.query);
    },
  );
};
