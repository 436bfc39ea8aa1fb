import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { idParams } from './patients.schemas.ts';
import {
  restrictedOut,
  restrictedQuery,
  restrictionChange,
  restrictionLabelsOut,
  staffDirectoryOut,
  staffDirectoryQuery,
  staffLinkBody,
  staffLinksOut,
  staffUnlinkBody,
} from './restrictions.schemas.ts';
import {
  linkStaffToPatient,
  patientRestrictions,
  patientStaffLinks,
  restrictedPatients,
  restrictPatient,
  staffDirectory,
  unlinkStaffFromPatient,
  unrestrictPatient,
} from './restrictions.service.ts';

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

  r.get(
    '/patients/:id/staff-links',
    {
      schema: {
        tags,
        summary: 'Members of staff linked to this record (own or family), with history',
        params: idParams,
        response: { 200: staffLinksOut },
      },
      config: { permission: 'patient:restrict' },
    },
    (req) => patientStaffLinks(req.ctx, req.params.id),
  );

  r.post(
    '/patients/:id/staff-links',
    {
      schema: {
        tags,
        summary:
          'Link a member of staff to this record: their own (restricted as employee) or a family member’s',
        params: idParams,
        body: staffLinkBody,
        response: { 200: staffLinksOut },
      },
      config: { permission: 'patient:restrict' },
    },
    (req) => linkStaffToPatient(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/patients/:id/staff-links/remove',
    {
      schema: {
        tags,
        summary: 'End a staff link, with a reason',
        params: idParams,
        body: staffUnlinkBody,
        response: { 200: staffLinksOut },
      },
      config: { permission: 'patient:restrict' },
    },
    (req) => unlinkStaffFromPatient(req.ctx, req.params.id, req.body),
  );

  r.get(
    '/patients/staff-directory',
    {
      schema: {
        tags,
        summary: 'Find a member of staff to link (name or username)',
        querystring: staffDirectoryQuery,
        response: { 200: staffDirectoryOut },
      },
      // Registration clerks pick the staff member at registration; the service checks write or restrict.
      config: { permission: 'patient:read' },
    },
    (req) => staffDirectory(req.ctx, req.query.q),
  );

  r.get(
    '/patients/restricted',
    {
      schema: {
        tags,
        summary: 'Restricted records (VIP, employee, confidential…), filterable by label',
        querystring: restrictedQuery,
        response: { 200: restrictedOut },
      },
      config: { permission: 'patient:restrict' },
    },
    (req) => restrictedPatients(req.ctx, req.query),
  );
};
