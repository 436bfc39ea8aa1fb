import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { confirmMfaEnrolment, startMfaEnrolment } from '../src/access/mfa.service.ts';
import type { Role } from '../src/access/permissions.ts';
import { createApiToken } from '../src/access/tokens.service.ts';
import { createUser } from '../src/access/users.service.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import type { TestApp } from './app.ts';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
  /** `Authorization: Bearer …` headers for app.inject. */
  headers: { authorization: string };
  /** The TOTP secret when created with `{ mfa: true }` (generate codes with totpCode). */
  mfaSecret?: string;
  /** Unused recovery codes when created with `{ mfa: true }`. */
  recoveryCodes?: string[];
}

export const TEST_PASSWORD = 'correct horse battery staple 42';

/** The TOTP code for a secret at the test app's clock (RFC 6238, 30-second steps). */
export function totpCode(t: TestApp, secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
}

/**
 * Creates a user with the given roles and an API token, for requests through app.inject.
 * @param opts.mfa - also enrol TOTP MFA (returns mfaSecret and recoveryCodes)
 * @example const clerk = await createTestUser(t, ['registration_clerk']);
 *          await t.app.inject({ method: 'GET', url: '/api/patients', headers: clerk.headers });
 */
export async function createTestUser(
  t: TestApp,
  roles: Role[],
  opts: { username?: string; mfa?: boolean; mustChangePassword?: boolean } = {},
): Promise<TestUser> {
  const ctx = cliContext(t.deps);
  const username =
    opts.username ?? `${roles[0] ?? 'user'}-${randomBytes(3).toString('hex')}`.replace(/_/g, '-');
  const { id } = await createUser(ctx, {
    username,
    fullName: `Test ${username}`,
    roles,
    password: TEST_PASSWORD,
    mustChangePassword: opts.mustChangePassword ?? false,
  });
  const { token } = await createApiToken(ctx, id, { name: 'test' });
  const user: TestUser = {
    id,
    username,
    password: TEST_PASSWORD,
    token,
    headers: { authorization: `Bearer ${token}` },
  };
  if (opts.mfa) {
    const { secret } = await startMfaEnrolment(ctx, id);
    const { recoveryCodes } = await confirmMfaEnrolment(ctx, id, await totpCode(t, secret));
    user.mfaSecret = secret;
    user.recoveryCodes = recoveryCodes;
  }
  return user;
}

/** Signs in with username and password through the API; returns the cookie and CSRF headers to reuse. */
export async function signInCookie(t: TestApp, username: string, password = TEST_PASSWORD) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ck_session');
  return { cookie: `ck_session=${cookie?.value}`, csrf: res.json().csrfToken as string, body: res.json() };
}

/**
 * Signs in a user created with `{ mfa: true }` and passes the TOTP challenge. Moves the clock on by one
 * 30-second step first, because a code is accepted only once (replay protection).
 */
export async function signInWithMfa(t: TestApp, user: TestUser) {
  if (!user.mfaSecret) throw new Error('signInWithMfa needs a user created with { mfa: true }');
  const s = await signInCookie(t, user.username, user.password);
  t.clock.advance(30_000);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/mfa/verify',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    payload: { code: await totpCode(t, user.mfaSecret) },
  });
  if (res.statusCode !== 200) throw new Error(`MFA failed: ${res.body}`);
  return s;
}
