import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { RequestContext } from '../kernel/context.ts';
import { randomToken, sha256Hex } from '../kernel/crypto.ts';
import { withTransaction } from '../kernel/db.ts';
import { notFound, unauthorized, validationFailed } from '../kernel/errors.ts';
import { cipherFor } from '../kernel/keyring.ts';
import { findUserById, markSessionMfaPassed, updateSignInState } from './access.queries.ts';
import { recordAudit, recordDenied } from './audit/audit.service.ts';
import { accessErrors } from './errors.ts';
import {
  consumeRecoveryCode,
  countUnusedRecoveryCodes,
  replaceRecoveryCodes,
  setMfaLastStep,
  setMfaSecret,
} from './mfa.queries.ts';
import { verifyPassword } from './passwords.ts';
import { registerFailure } from './sessions.service.ts';

const ISSUER = 'Chartkeeper';
const RECOVERY_CODES = 10;

/** The TOTP secret is encrypted at rest (DESIGN invariant 6) with the data key, never stored in clear. */
const fieldCipher = (ctx: RequestContext) => cipherFor(ctx.config);

/** Recovery codes are 50-bit random values; a salted SHA-256 suffices (no offline guessing at that size). */
const recoveryHash = (userId: string, code: string) =>
  sha256Hex(`${userId}:${code.replace(/[\s-]/g, '').toUpperCase()}`);

function newRecoveryCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const raw = randomToken(10);
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[raw.charCodeAt(i) % alphabet.length];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** RFC 6238 verification at the injected clock, one step of drift either way, never the same step twice. */
async function checkTotp(
  ctx: RequestContext,
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const r = await verify({
    secret,
    token: code,
    epoch: Math.floor(ctx.clock.now().getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep == null ? {} : { afterTimeStep: lastStep }),
  });
  return r.valid && 'timeStep' in r ? r.timeStep : undefined;
}

export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

/**
 * Starts TOTP enrolment: a new secret (encrypted at rest), its otpauth URI and a QR code. MFA is not on
 * until a code from the app is confirmed.
 */
export async function startMfaEnrolment(ctx: RequestContext, userId: string): Promise<MfaEnrolment> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw notFound('The user');
  if (user.mfa_enabled) throw accessErrors.mfaAlreadyEnabled();
  const secret = generateSecret();
  const otpauthUri = generateURI({ issuer: ISSUER, label: user.username, secret });
  await withTransaction(ctx.db, async (trx) => {
    await setMfaSecret(trx, userId, {
      mfa_secret: fieldCipher(ctx).encrypt(secret),
      mfa_enabled: false,
      mfa_last_step: null,
      updated_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, { action: 'mfa.enrol_start', resourceType: 'User', resourceId: userId });
  });
  return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 }) };
}

/** Confirms enrolment with a code from the app; turns MFA on and issues one-time recovery codes. */
export async function confirmMfaEnrolment(
  ctx: RequestContext,
  userId: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw notFound('The user');
  if (user.mfa_enabled) throw accessErrors.mfaAlreadyEnabled();
  if (!user.mfa_secret) throw accessErrors.mfaNotStarted();
  const step = await checkTotp(
    ctx,
    fieldCipher(ctx).decrypt(user.mfa_secret, `user/${user.id}`),
    code.trim(),
    null,
  );
  if (step === undefined) {
    throw validationFailed([{ field: 'code', message: 'That code did not match. Enter the current code.' }]);
  }
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await withTransaction(ctx.db, async (trx) => {
    await setMfaSecret(trx, userId, {
      mfa_secret: user.mfa_secret,
      mfa_enabled: true,
      mfa_last_step: step,
      updated_at: ctx.clock.now(),
    });
    await replaceRecoveryCodes(
      trx,
      userId,
      codes.map((c) => recoveryHash(userId, c)),
    );
    // The session that enrolled has just proved the second factor.
    if (ctx.actor?.sessionId && ctx.actor.userId === userId)
      await markSessionMfaPassed(trx, ctx.actor.sessionId);
    await recordAudit(trx, ctx, { action: 'mfa.enable', resourceType: 'User', resourceId: userId });
  });
  return { recoveryCodes: codes };
}

/**
 * The second step of sign-in: a TOTP code or an unused recovery code. Failures count toward lockout
 * exactly like wrong passwords (NIST SP 800-63B §5.2.2 rate limiting).
 */
export async function verifyMfa(ctx: RequestContext, sessionId: string, code: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const user = await findUserById(ctx.db, actor.userId);
  if (!user?.mfa_enabled || !user.mfa_secret) throw accessErrors.mfaNotStarted();
  const now = ctx.clock.now();
  const locked = user.locked_until != null && user.locked_until > now;
  const text = code.trim();
  const step = locked
    ? undefined
    : await checkTotp(
        ctx,
        fieldCipher(ctx).decrypt(user.mfa_secret, `user/${user.id}`),
        text,
        user.mfa_last_step,
      );
  const ok =
    !locked &&
    (step !== undefined || (await consumeRecoveryCode(ctx.db, user.id, recoveryHash(user.id, text), now)));
  if (!ok) {
    if (!locked) await registerFailure(ctx, user);
    await recordDenied(ctx, { action: 'auth.mfa', details: { reason: locked ? 'locked' : 'bad-code' } });
    throw accessErrors.mfaCodeInvalid();
  }
  await withTransaction(ctx.db, async (trx) => {
    if (step !== undefined) await setMfaLastStep(trx, user.id, step);
    await updateSignInState(trx, user.id, { failed_attempts: 0, lockouts: 0, locked_until: null });
    await markSessionMfaPassed(trx, sessionId);
    await recordAudit(trx, ctx, {
      action: 'auth.login',
      resourceType: 'Session',
      resourceId: sessionId,
      details: { method: step !== undefined ? 'totp' : 'recovery-code' },
    });
  });
}

/** Turns MFA off for the signed-in user after re-checking the password (they can then enrol again). */
export async function disableOwnMfa(ctx: RequestContext, password: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const user = await findUserById(ctx.db, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, password))) {
    await recordDenied(ctx, { action: 'mfa.disable', resourceType: 'User', resourceId: actor.userId });
    throw validationFailed([{ field: 'password', message: 'That is not your current password.' }]);
  }
  await clearMfa(ctx, actor.userId, 'mfa.disable');
}

/** Administrator reset: the user must enrol again (e.g. a lost phone). */
export async function resetUserMfa(ctx: RequestContext, userId: string): Promise<void> {
  if (!(await findUserById(ctx.db, userId))) throw notFound('The user');
  await clearMfa(ctx, userId, 'mfa.reset');
}

async function clearMfa(ctx: RequestContext, userId: string, action: string): Promise<void> {
  await withTransaction(ctx.db, async (trx) => {
    await setMfaSecret(trx, userId, {
      mfa_secret: null,
      mfa_enabled: false,
      mfa_last_step: null,
      updated_at: ctx.clock.now(),
    });
    await replaceRecoveryCodes(trx, userId, []);
    await recordAudit(trx, ctx, { action, resourceType: 'User', resourceId: userId });
  });
}

export async function recoveryCodesLeft(ctx: RequestContext, userId: string): Promise<number> {
  return countUnusedRecoveryCodes(ctx.db, userId);
}

/**
 * Re-confirms the signed-in user's identity for an attestation (e.g. signing a note, issue 5): their
 * password, or a TOTP code (never the same step twice). A wrong answer counts toward lockout like a
 * failed sign-in and is audited; the caller learns which method was used.
 */
export async function reconfirmIdentity(
  ctx: RequestContext,
  proof: { password?: string | undefined; mfaCode?: string | undefined },
): Promise<'password' | 'mfa'> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw unauthorized();
  const now = ctx.clock.now();
  const locked = user.locked_until != null && user.locked_until > now;
  let method: 'password' | 'mfa' | undefined;
  if (!locked && proof.mfaCode && user.mfa_enabled && user.mfa_secret) {
    const secret = fieldCipher(ctx).decrypt(user.mfa_secret, `user/${user.id}`);
    const step = await checkTotp(ctx, secret, proof.mfaCode.trim(), user.mfa_last_step);
    if (step !== undefined) {
      await setMfaLastStep(ctx.db, user.id, step);
      method = 'mfa';
    }
  } else if (!locked && proof.password && user.password_hash) {
    if (await verifyPassword(user.password_hash, proof.password)) method = 'password';
  }
  if (!method) {
    if (!locked) await registerFailure(ctx, user);
    await recordDenied(ctx, {
      action: 'auth.reconfirm',
      details: { reason: locked ? 'locked' : 'bad-proof' },
    });
    const field = proof.mfaCode ? 'mfaCode' : 'password';
    throw validationFailed([{ field, message: 'does not confirm your identity; try again' }]);
  }
  return method;
}
