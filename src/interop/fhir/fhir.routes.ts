import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { FhirPluginOptions } from '../../kernel/routing.ts';
import { typed } from '../../kernel/routing.ts';
import { capabilityStatement } from './capability.ts';

/** The FHIR base: metadata. Resource routes come from domains' `fhir` plugins, registered beside it. */
export const fhirBaseRoutes: FastifyPluginAsync<FhirPluginOptions> = async (app, opts) => {
  typed(app).get(
    '/metadata',
    {
      schema: {
        tags: ['fhir'],
        summary: 'FHIR R4 CapabilityStatement',
        response: { 200: z.looseObject({ resourceType: z.literal('CapabilityStatement') }) },
      },
      config: { permission: 'public' },
    },
    async (_req, reply) => {
      reply.type('application/fhir+json');
      return capabilityStatement(opts.config.publicUrl, opts.clock.now(), opts.resources());
    },
  );
};
