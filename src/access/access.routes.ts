import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import {
  loginBody,
  loginResult,
  meSchema,
  okSchema,
  roleMatrixSchema,
  setupBody,
  setupStatusQuery,
  setupStatusSchema,
} from './access.schemas.ts';
import { roleMatrix, whoAmI } from './me.service.ts';
import { SESSION_COOKIE, type SignInResult, signIn, signOut } from './sessions.service.ts';
import { completeSetup, setupStatus } from './setup.service.ts';

export const accessRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);

  r.post(
    '/auth/login',
    {
      schema: {
        tags: ['access'],
        summary: 'Sign in with username and password',
        body: loginBody,
        response: { 200: loginResult },
      },
      config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) =>
      startSession(reply, req.protocol, await signIn(req.ctx, req.body.username, req.body.password)),
  );

  r.get(
    '/setup/status',
    {
      schema: {
        tags: ['access'],
        summary: 'Is this first-run setup link valid?',
        querystring: setupStatusQuery,
        response: { 200: setupStatusSchema },
      },
      config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    (req) => setupStatus(req.ctx, req.query.token),
  );

  r.post(
    '/setup',
    {
      schema: {
        tags: ['access'],
        summary: 'First run: create the first administrator',
        body: setupBody,
        response: { 200: loginResult },
      },
      config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => startSession(reply, req.protocol, await completeSetup(req.ctx, req.body)),
  );

  r.post(
    '/auth/logout',
    {
      schema: { tags: ['access'], summary: 'Sign out', response: { 200: okSchema } },
      config: { permission: 'session' },
    },
    async (req, reply) => {
      if (req.session) await signOut(req.ctx, req.session.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/auth/me',
    {
      schema: { tags: ['access'], summary: 'The signed-in user and session', response: { 200: meSchema } },
      config: { permission: 'session' },
    },
    (req) => whoAmI(req.ctx, req.session),
  );

  r.get(
    '/access/roles',
    {
      schema: { tags: ['access'], summary: 'Role → permission matrix', response: { 200: roleMatrixSchema } },
      config: { permission: 'user:admin' },
    },
    async () => roleMatrix(),
  );
};

function startSession(reply: FastifyReply, protocol: string, result: SignInResult) {
  // A browser-session cookie (no Expires): closing the browser on a shared workstation ends it; the
  // server enforces the idle and absolute limits itself.
  reply.setCookie(SESSION_COOKIE, result.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: protocol === 'https',
    path: '/',
  });
  return {
    mfaRequired: result.mfaRequired,
    csrfToken: result.csrfToken,
    expiresAt: result.expiresAt.toISOString(),
  };
}
