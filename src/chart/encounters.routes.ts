import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  createEncounterBody,
  encounterDetailSchema,
  encounterPageSchema,
  encounterSchema,
  encounterStatusBody,
  enteredInErrorBody,
  idParams,
  pageQuery,
  patientParams,
  updateEncounterBody,
  versionListSchema,
} from './chart.schemas.ts';
import {
  changeEncounterStatus,
  createEncounter,
  encounterVersions,
  getEncounter,
  listEncounters,
  markEncounterInError,
  updateEncounter,
} from './encounters.service.ts';

const tags = ['chart'];

/** Appointments and inpatient stays, their life cycle and outcomes. */
export const encounterRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/patients/:patientId/encounters',
    {
      schema: {
        tags,
        summary: "List the patient's encounters, newest first",
        params: patientParams,
        querystring: pageQuery.pick({ limit: true, offset: true }),
        response: { 200: encounterPageSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => listEncounters(req.ctx, req.params.patientId, req.query),
  );
  r.post(
    '/patients/:patientId/encounters',
    {
      schema: {
        tags,
        summary: 'Schedule an appointment or record an inpatient stay',
        params: patientParams,
        body: createEncounterBody,
        response: { 201: encounterSchema },
      },
      config: { permission: 'chart:write' },
    },
    async (req, reply) =>
      reply.status(201).send(await createEncounter(req.ctx, req.params.patientId, req.body)),
  );
  r.get(
    '/encounters/:id',
    {
      schema: {
        tags,
        summary: 'An encounter with its outcomes',
        params: idParams,
        response: { 200: encounterDetailSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => getEncounter(req.ctx, req.params.id),
  );
  r.put(
    '/encounters/:id',
    {
      schema: {
        tags,
        summary: 'Change details or outcome (disposition, follow-up, discharge) of an encounter',
        params: idParams,
        body: updateEncounterBody,
        response: { 200: encounterSchema },
      },
      config: { permission: 'chart:write' },
    },
    (req) => updateEncounter(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/encounters/:id/status',
    {
      schema: {
        tags,
        summary: 'Move an encounter along its life cycle',
        params: idParams,
        body: encounterStatusBody,
        response: { 200: encounterSchema },
      },
      config: { permission: 'chart:write' },
    },
    (req) => changeEncounterStatus(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/encounters/:id/entered-in-error',
    {
      schema: {
        tags,
        summary: 'Mark an encounter entered-in-error with a reason',
        params: idParams,
        body: enteredInErrorBody,
        response: { 200: encounterSchema },
      },
      config: { permission: 'chart:write' },
    },
    (req) => markEncounterInError(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/encounters/:id/versions',
    {
      schema: {
        tags,
        summary: 'Version history of an encounter',
        params: idParams,
        response: { 200: versionListSchema },
      },
      config: { permission: 'chart:read' },
    },
    (req) => encounterVersions(req.ctx, req.params.id),
  );
};
