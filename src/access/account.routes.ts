import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  changePasswordBody,
  createdTokenSchema,
  createTokenBody,
  idParams,
  okSchema,
  sessionListSchema,
  tokenListSchema,
} from './access.schemas.ts';
import {
  changeOwnPassword,
  createOwnToken,
  listOwnSessions,
  listOwnTokens,
  revokeOwnSession,
  revokeOwnToken,
} from './account.service.ts';

const tags = ['account'];
const permission = 'self:manage';
const ok = { ok: true as const };

/** My account: password, sessions and API tokens (the MFA routes live in mfa.routes.ts). */
export const accountRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);

  r.post(
    '/account/password',
    {
      schema: { tags, summary: 'Change my password', body: changePasswordBody, response: { 200: okSchema } },
      config: { permission, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req) => {
      await changeOwnPassword(req.ctx, req.body);
      return ok;
    },
  );

  r.get(
    '/account/sessions',
    {
      schema: { tags, summary: 'My live sessions', response: { 200: sessionListSchema } },
      config: { permission },
    },
    (req) => listOwnSessions(req.ctx),
  );

  r.delete(
    '/account/sessions/:id',
    {
      schema: { tags, summary: 'End one of my sessions', params: idParams, response: { 200: okSchema } },
      config: { permission },
    },
    async (req) => {
      await revokeOwnSession(req.ctx, req.params.id);
      return ok;
    },
  );

  r.get(
    '/account/tokens',
    {
      schema: { tags, summary: 'My API tokens', response: { 200: tokenListSchema } },
      config: { permission },
    },
    (req) => listOwnTokens(req.ctx),
  );

  r.post(
    '/account/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (shown once)',
        body: createTokenBody,
        response: { 200: createdTokenSchema },
      },
      config: { permission },
    },
    (req) => createOwnToken(req.ctx, req.body),
  );

  r.delete(
    '/account/tokens/:id',
    {
      schema: { tags, summary: 'Revoke one of my API tokens', params: idParams, response: { 200: okSchema } },
      config: { permission },
    },
    async (req) => {
      await revokeOwnToken(req.ctx, req.params.id);
      return ok;
    },
  );
};
