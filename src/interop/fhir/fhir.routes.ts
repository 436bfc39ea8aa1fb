import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { FhirPluginOptions } from '../../kernel/routing.ts';
import { typed } from '../../kernel/routing.ts';
import { adminRoutes } from './admin.routes.ts';
import { capabilityStatement } from './capability.ts';
import { claimRoutes } from './claims.routes.ts';
import { fhirErrorHandler } from './fhir-http.ts';
import { resourceRoutes } from './resources.routes.ts';
import { writeRoutes } from './writes.routes.ts';

/**
 * The FHIR base: metadata and the resource facade over the domain services. Other domains may register
 * their own `fhir` plugins beside it (e.g. CodeSystem operations).
 */
export const fhirBaseRoutes: FastifyPluginAsync<FhirPluginOptions> = async (app, opts) => {
  // Issues that carry an IssueType (code-invalid, required…) keep it in the OperationOutcome.
  app.setErrorHandler(fhirErrorHandler);
  await resourceRoutes(app, opts);
  await writeRoutes(app, opts);
  await adminRoutes(app, opts);
  await claimRoutes(app, opts);
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
