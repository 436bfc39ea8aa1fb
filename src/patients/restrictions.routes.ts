import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { idParams } from './patients.schemas.ts';
import { restrictionChange, restrictionLabelsOut } from './restrictions.schemas.ts';
import { patientRestrictions, restrictPatient, unrestrictPatient } from './restrictions.service.ts';

const tags = ['patients'];

export const restrictionRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);

  r.get(
    '/patients/:id/restriction-labels',
    {
      schema: {
        tags,
        summary: 'Restriction labels on the record and their history',
        params: idParams,
        response: { 200: restrictionLabelsOut },
      },
      config: { permission: 'patient:restrict' },
    },
    (req) => patientRestrictions(req.ctx, req.params.id),
  );

  r.post(
    '/patients/:id/restriction-labels',
    {
      schema: {
        tags,
        summary: 'Restrict the record (VIP, employee, confidential…) with a reason',
        params: idParams,
        body: restrictionChange,
        response: { 200: restrictionLabelsOut },
      },
      config: { permission: 'patient:restrict' },
    },
    (req) => restrictPatient(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/patients/:id/restriction-labels/remove',
    {
      schema: {
        tags,
        summary: 'Remove a restriction label, with a reason',
        params: idParams,
        body: restrictionChange,
        response: { 200: restrictionLabelsOut },
      },
      config: { permission: 'patient:restrict' },
    },
    (req) => unrestrictPatient(req.ctx, req.params.id, req.body),
  );
};
