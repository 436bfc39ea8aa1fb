import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '../kernel/errors.ts';
import { recordDenied } from './audit/audit.service.ts';
import { accessErrors } from './errors.ts';
import { isPermission } from './permissions.ts';
import { type ResolvedSession, resolveSession, SESSION_COOKIE } from './sessions.service.ts';
import { resolveApiToken } from './tokens.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session?: ResolvedSession;
  }
}

/**
 * Route access levels besides named permissions:
 * - `public`: anyone (sign-in, health, OpenAPI, FHIR metadata);
 * - `session`: a session exists, even if MFA is not yet passed (MFA challenge, sign-out, who am I);
 * - `authenticated`: fully signed in, even if a password change is pending (change password).
 */
export const ACCESS_LEVELS = ['public', 'session', 'authenticated'] as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authenticate(req: FastifyRequest): Promise<void> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    if (!(await resolveApiToken(req.ctx, header.slice(7).trim()))) throw accessErrors.tokenInvalid();
    return;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (cookie) req.session = await resolveSession(req.ctx, cookie);
}

/**
 * The central gate: every /api and /fhir route declares a permission (checked at start-up against the
 * matrix), and every request is checked here before validation or the handler run, so a route cannot
 * forget it. Refusals for lack of permission are audited.
 */
export function installAccessGate(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const p = route.config?.permission;
    if (p && !ACCESS_LEVELS.includes(p as (typeof ACCESS_LEVELS)[number]) && !isPermission(p)) {
      throw new Error(`Route ${route.method} ${route.url} declares unknown permission "${p}"`);
    }
  });

  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config?.permission;
    if (!permission) return; // unknown route or static file: the not-found handler answers
    if (permission === 'public') {
      // Public routes still learn who is calling when they can (e.g. sign-in page state), never require it.
      await authenticate(req).catch(() => undefined);
      return;
    }
    await authenticate(req);
    const actor = req.ctx.actor;
    if (!actor) throw req.cookies[SESSION_COOKIE] ? accessErrors.sessionExpired() : unauthorized();
    const session = req.session;
    if (session) {
      // Double-submit token on top of SameSite=Strict cookies (defence in depth against CSRF).
      if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken)
        throw accessErrors.csrf();
      if (permission === 'session') return;
      if (!session.mfaPassed) throw accessErrors.mfaRequired();
      const selfService = permission === 'authenticated' || permission === 'self:manage';
      if (session.mustChangePassword && !selfService) throw accessErrors.passwordChangeRequired();
      // Policy: MFA for every role that reaches patient data; until enrolled only self-service works.
      // Bearer tokens are issued by an administrator for integrations and are not subject to it.
      if (session.mfaRequired && !session.mfaEnabled && !selfService)
        throw accessErrors.mfaEnrolmentRequired();
    }
    if (permission === 'session' || permission === 'authenticated') return;
    if (!actor.permissions.has(permission)) {
      await recordDenied(req.ctx, {
        action: 'access.denied',
        details: { permission, route: `${req.method} ${req.routeOptions.url}` },
      });
      throw accessErrors.forbidden(permission);
    }
  });
}
