import type { AppDeps, RequestContext } from '../kernel/context.ts';
import { randomToken, safeEqual, sha256Hex } from '../kernel/crypto.ts';
import { AppError } from '../kernel/errors.ts';
import { countUsers } from './access.queries.ts';
import { deleteSetting, readSetting, writeSetting } from './mfa.queries.ts';
import { type SignInResult, signIn } from './sessions.service.ts';
import { createUser } from './users.service.ts';

/**
 * First run: while no user exists the server prints a one-time setup link. Only the token's hash is
 * kept (kernel_setting), a new one replaces it at every start, and it is deleted once used.
 */
export const SETUP_KEY = 'access.setup_token';

const setupClosed = () =>
  new AppError(
    'SETUP_UNAVAILABLE',
    'This setup link is invalid or already used. Restart the server to print a new one, or sign in.',
    403,
  );

/** Issues a fresh setup token when no user exists; returns the link to print, or undefined. */
export async function issueSetupLink(deps: AppDeps): Promise<string | undefined> {
  if ((await countUsers(deps.db)) > 0) return undefined;
  const token = randomToken(24);
  await writeSetting(deps.db, SETUP_KEY, { hash: sha256Hex(token) }, deps.clock.now());
  return `${deps.config.publicUrl}/setup?token=${token}`;
}

async function tokenValid(ctx: RequestContext, token: string): Promise<boolean> {
  const stored = (await readSetting(ctx.db, SETUP_KEY)) as { hash?: string } | undefined;
  return !!stored?.hash && safeEqual(stored.hash, sha256Hex(token)) && (await countUsers(ctx.db)) === 0;
}

export async function setupStatus(ctx: RequestContext, token: string): Promise<{ valid: boolean }> {
  return { valid: await tokenValid(ctx, token) };
}

/**
 * Creates the first administrator and signs them in; the MFA policy then takes them straight to
 * two-factor enrolment.
 */
export async function completeSetup(
  ctx: RequestContext,
  input: { token: string; username: string; fullName: string; password: string },
): Promise<SignInResult> {
  if (!(await tokenValid(ctx, input.token))) throw setupClosed();
  await createUser(ctx, {
    username: input.username,
    fullName: input.fullName,
    roles: ['administrator'],
    password: input.password,
  });
  await deleteSetting(ctx.db, SETUP_KEY);
  return signIn(ctx, input.username, input.password);
}
