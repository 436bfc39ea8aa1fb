import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../kernel/context.ts';
import type { FhirPluginOptions } from '../../kernel/routing.ts';
import { typed } from '../../kernel/routing.ts';
import {
  readAuditEvent,
  readOrganization,
  readPractitioner,
  searchAuditEvents,
  searchOrganizations,
  searchPractitioners,
} from './admin.service.ts';
import { sendResource } from './fhir-http.ts';
import { matchPatients } from './match.service.ts';
import { readProvenance, searchProvenance } from './provenance.service.ts';
import { bundleOut, resourceOf } from './resources.routes.ts';
import type { RawQuery } from './search-params.ts';

const idParams = z.object({ id: z.string().max(100) });
const searchQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** Read-only types: who (Practitioner, Organization), what happened (AuditEvent, Provenance). */
const READ_ONLY: {
  type: string;
  permission: string;
  read: (ctx: RequestContext, id: string) => Promise<Resource>;
  search: (ctx: RequestContext, q: RawQuery) => Promise<Bundle>;
}[] = [
  // Users and facilities hold no patient data: any signed-in user may look them up.
  { type: 'Practitioner', permission: 'authenticated', read: readPractitioner, search: searchPractitioners },
  { type: 'Organization', permission: 'authenticated', read: readOrganization, search: searchOrganizations },
  // Issue 8: the audit trail over FHIR is for the privacy officer only.
  { type: 'AuditEvent', permission: 'audit:fhir', read: readAuditEvent, search: searchAuditEvents },
  // The target's own access rule (chart:read or patient:read) is checked by the service.
  { type: 'Provenance', permission: 'patient:read', read: readProvenance, search: searchProvenance },
];

export const adminRoutes: FastifyPluginAsync<FhirPluginOptions> = async (app) => {
  const r = typed(app);
  const tags = ['fhir'];
  for (const t of READ_ONLY) {
    const config = { permission: t.permission };
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
      {
        schema: { tags, summary: `Read ${t.type}`, params: idParams, response: { 200: resourceOf(t.type) } },
        config,
      },
      async (req, reply) => sendResource(req, reply, await t.read(req.ctx, req.params.id)),
    );
  }
  r.post(
    '/Patient/$match',
    {
      schema: { tags, summary: 'Patient $match (MPI)', body: z.unknown(), response: { 200: bundleOut } },
      config: { permission: 'patient:read' },
    },
    async (req, reply) => sendResource(req, reply, await matchPatients(req.ctx, req.body)),
  );
};

/** Search parameters of the read-only types, for the CapabilityStatement. */
export const ADMIN_PARAMS = {
  Practitioner: [
    { name: '_id', type: 'token' },
    { name: 'name', type: 'string' },
  ],
  Organization: [{ name: '_id', type: 'token' }],
  AuditEvent: [
    { name: 'patient', type: 'reference' },
    { name: 'agent', type: 'reference' },
    { name: 'date', type: 'date' },
    { name: 'outcome', type: 'token' },
    { name: 'subtype', type: 'token' },
  ],
  Provenance: [{ name: 'target', type: 'reference' }],
} as const;
