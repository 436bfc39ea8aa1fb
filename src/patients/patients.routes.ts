import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { matchCandidates } from './match.service.ts';
import {
  candidatesOut,
  patientOut,
  patientReadOut,
  searchBody,
  searchOut,
  searchQuery,
  versionsOut,
} from './patients.responses.ts';
import { idParams, matchInput, registerInput, updateInput } from './patients.schemas.ts';
import { getPatient, patientVersions, registerPatient, updatePatient } from './patients.service.ts';
import { searchPatients } from './search.service.ts';

const tags = ['patients'];

export const patientsRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);

  // Body validation is attached, not thrown, so the service can report shape errors and date rules
  // (which need the request clock) together in one VALIDATION_FAILED (issue 4, bad input).
  r.post(
    '/patients',
    {
      schema: { tags, summary: 'Register a new patient', body: registerInput, response: { 201: patientOut } },
      config: { permission: 'patient:write' },
      attachValidation: true,
    },
    async (req, reply) => reply.status(201).send(await registerPatient(req.ctx, req.body)),
  );

  r.get(
    '/patients',
    {
      schema: {
        tags,
        summary: 'Search by name, date of birth, MRN or phone',
        querystring: searchQuery,
        response: { 200: searchOut },
      },
      config: { permission: 'patient:read' },
    },
    (req) => searchPatients(req.ctx, req.query),
  );

  r.post(
    '/patients/search',
    {
      schema: {
        tags,
        summary: 'Search (also by SSN, kept out of URLs)',
        body: searchBody,
        response: { 200: searchOut },
      },
      config: { permission: 'patient:read' },
    },
    (req) => searchPatients(req.ctx, req.body),
  );

  r.post(
    '/patients/match-candidates',
    {
      schema: {
        tags,
        summary: 'Likely existing records for a registration',
        body: matchInput,
        response: { 200: candidatesOut },
      },
      config: { permission: 'patient:write' },
    },
    (req) => matchCandidates(req.ctx, req.body),
  );

  r.get(
    '/patients/:id',
    {
      schema: {
        tags,
        summary: 'Face-sheet demographics, identifiers and coverage',
        params: idParams,
        response: { 200: patientReadOut },
      },
      config: { permission: 'patient:read' },
    },
    (req) => getPatient(req.ctx, req.params.id),
  );

  r.put(
    '/patients/:id',
    {
      schema: {
        tags,
        summary: 'Update demographics (versioned)',
        params: idParams,
        body: updateInput,
        response: { 200: patientOut },
      },
      config: { permission: 'patient:write' },
      attachValidation: true,
    },
    (req) => updatePatient(req.ctx, req.params.id, req.body),
  );

  r.get(
    '/patients/:id/versions',
    {
      schema: { tags, summary: 'Version history', params: idParams, response: { 200: versionsOut } },
      config: { permission: 'patient:read' },
    },
    (req) => patientVersions(req.ctx, req.params.id),
  );
};
