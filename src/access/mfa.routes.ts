import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { unauthorized } from '../kernel/errors.ts';
import { typed } from '../kernel/routing.ts';
import {
  idParams,
  mfaCodeBody,
  mfaEnrolmentSchema,
  okSchema,
  passwordBody,
  policySchema,
  recoveryCodesSchema,
} from './access.schemas.ts';
import {
  confirmMfaEnrolment,
  disableOwnMfa,
  resetUserMfa,
  startMfaEnrolment,
  verifyMfa,
} from './mfa.service.ts';
import { getSecurityPolicy, setSecurityPolicy } from './policy.service.ts';

const tags = ['access'];

/** TOTP MFA (RFC 6238): the sign-in challenge, self-service enrolment, administrator reset and policy. */
export const mfaRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  const userId = (actor: { userId: string } | undefined) => {
    if (!actor) throw unauthorized();
    return actor.userId;
  };

  r.post(
    '/auth/mfa/verify',
    {
      schema: {
        tags,
        summary: 'Finish sign-in with an authenticator or recovery code',
        body: mfaCodeBody,
        response: { 200: okSchema },
      },
      config: { permission: 'session', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req) => {
      if (!req.session) throw unauthorized();
      await verifyMfa(req.ctx, req.session.sessionId, req.body.code);
      return { ok: true as const };
    },
  );

  r.post(
    '/account/mfa/enrol',
    {
      schema: { tags, summary: 'Start TOTP enrolment (QR code)', response: { 200: mfaEnrolmentSchema } },
      config: { permission: 'self:manage' },
    },
    (req) => startMfaEnrolment(req.ctx, userId(req.ctx.actor)),
  );

  r.post(
    '/account/mfa/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm enrolment with a code; returns recovery codes once',
        body: mfaCodeBody,
        response: { 200: recoveryCodesSchema },
      },
      config: { permission: 'self:manage' },
    },
    (req) => confirmMfaEnrolment(req.ctx, userId(req.ctx.actor), req.body.code),
  );

  r.post(
    '/account/mfa/disable',
    {
      schema: { tags, summary: 'Turn my MFA off', body: passwordBody, response: { 200: okSchema } },
      config: { permission: 'self:manage' },
    },
    async (req) => {
      await disableOwnMfa(req.ctx, req.body.password);
      return { ok: true as const };
    },
  );

  r.post(
    '/access/users/:id/mfa/reset',
    {
      schema: { tags, summary: "Reset a user's MFA", params: idParams, response: { 200: okSchema } },
      config: { permission: 'user:admin' },
    },
    async (req) => {
      await resetUserMfa(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/access/policy',
    {
      schema: { tags, summary: 'Security policy', response: { 200: policySchema } },
      config: { permission: 'user:admin' },
    },
    (req) => getSecurityPolicy(req.ctx),
  );

  r.put(
    '/access/policy',
    {
      schema: {
        tags,
        summary: 'Change the security policy',
        body: policySchema,
        response: { 200: policySchema },
      },
      config: { permission: 'user:admin' },
    },
    (req) => setSecurityPolicy(req.ctx, req.body),
  );
};
