import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { idParams, okSchema } from './access.schemas.ts';
import {
  activeBody,
  createdUserSchema,
  createFacilityBody,
  createUserBody,
  facilityListSchema,
  facilitySchema,
  resetPasswordBody,
  revokedSchema,
  updateUserBody,
  userListQuery,
  userListSchema,
} from './admin.schemas.ts';
import {
  adminCreateUser,
  createFacility,
  facilities,
  listUsers,
  resetPassword,
  revokeUserSessions,
  setUserActive,
  updateUser,
} from './admin.service.ts';

const tags = ['administration'];
const permission = 'user:admin';
const ok = { ok: true as const };

/** User and facility administration. */
export const adminRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);

  r.get(
    '/access/users',
    {
      schema: { tags, summary: 'List users', querystring: userListQuery, response: { 200: userListSchema } },
      config: { permission },
    },
    (req) => listUsers(req.ctx, req.query),
  );

  r.post(
    '/access/users',
    {
      schema: { tags, summary: 'Create a user', body: createUserBody, response: { 200: createdUserSchema } },
      config: { permission },
    },
    (req) => adminCreateUser(req.ctx, req.body),
  );

  r.patch(
    '/access/users/:id',
    {
      schema: {
        tags,
        summary: 'Edit a user',
        params: idParams,
        body: updateUserBody,
        response: { 200: okSchema },
      },
      config: { permission },
    },
    async (req) => {
      await updateUser(req.ctx, req.params.id, req.body);
      return ok;
    },
  );

  r.put(
    '/access/users/:id/active',
    {
      schema: {
        tags,
        summary: 'Disable or enable a user',
        params: idParams,
        body: activeBody,
        response: { 200: okSchema },
      },
      config: { permission },
    },
    async (req) => {
      await setUserActive(req.ctx, req.params.id, req.body.active);
      return ok;
    },
  );

  r.post(
    '/access/users/:id/password-reset',
    {
      schema: {
        tags,
        summary: 'Set a temporary password (forces a change)',
        params: idParams,
        body: resetPasswordBody,
        response: { 200: okSchema },
      },
      config: { permission },
    },
    async (req) => {
      await resetPassword(req.ctx, req.params.id, req.body.password);
      return ok;
    },
  );

  r.post(
    '/access/users/:id/sessions/revoke',
    {
      schema: { tags, summary: "End a user's sessions", params: idParams, response: { 200: revokedSchema } },
      config: { permission },
    },
    (req) => revokeUserSessions(req.ctx, req.params.id),
  );

  r.get(
    '/access/facilities',
    {
      schema: { tags, summary: 'List facilities', response: { 200: facilityListSchema } },
      config: { permission },
    },
    (req) => facilities(req.ctx),
  );

  r.post(
    '/access/facilities',
    {
      schema: {
        tags,
        summary: 'Create a facility',
        body: createFacilityBody,
        response: { 200: facilitySchema },
      },
      config: { permission },
    },
    (req) => createFacility(req.ctx, req.body),
  );
};
