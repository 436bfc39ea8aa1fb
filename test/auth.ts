import { randomBytes } from 'node:crypto';
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
}

export const TEST_PASSWORD = 'correct horse battery staple 42';

/**
 * Creates a user with the given roles and an API token, for requests through app.inject.
 * @example const clerk = await createTestUser(t, ['registration_clerk']);
 *          await t.app.inject({ method: 'GET', url: '/api/patients', headers: clerk.headers });
 */
export async function createTestUser(
  t: TestApp,
  roles: Role[],
  opts: { username?: string } = {},
): Promise<TestUser> {
  const ctx = cliContext(t.deps);
  const username =
    opts.username ?? `${roles[0] ?? 'user'}-${randomBytes(3).toString('hex')}`.replace(/_/g, '-');
  const { id } = await createUser(ctx, {
    username,
    fullName: `Test ${username}`,
    roles,
    password: TEST_PASSWORD,
  });
  const { token } = await createApiToken(ctx, id, { name: 'test' });
  return { id, username, password: TEST_PASSWORD, token, headers: { authorization: `Bearer ${token}` } };
}

/** Signs in with username and password through the API; returns the cookie and CSRF headers to reuse. */
export async function signInCookie(t: TestApp, username: string, password = TEST_PASSWORD) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ck_session');
  return { cookie: `ck_session=${cookie?.value}`, csrf: res.json().csrfToken as string, body: res.json() };
}
