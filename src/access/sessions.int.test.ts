import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, signInCookie, type TestUser } from '../../test/auth.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { createApiToken } from './tokens.service.ts';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createTestUser(t, ['administrator']);
});
afterAll(() => t.close());

const actions = async (action: string) =>
  t.deps.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('seq').execute();

describe('password sign-in and sessions', () => {
  it('signs in, answers who I am, and signs out (all audited)', async () => {
    const s = await signInCookie(t, admin.username);
    expect(s.body.mfaRequired).toBe(false);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: admin.username }, roles: ['administrator'] });
    expect(me.json().permissions).toContain('user:admin');
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(out.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
    expect(
      (await actions('auth.login')).some((e) => e.outcome === 'success' && e.actor_user_id === admin.id),
    ).toBe(true);
    expect((await actions('auth.logout')).length).toBe(1);
  });

  it('sets an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: admin.username, password: admin.password },
    });
    const c = res.cookies.find((x) => x.name === 'ck_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'x'.repeat(12) },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: admin.username, password: 'x'.repeat(12) },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    const failures = (await actions('auth.login')).filter((e) => e.outcome === 'denied');
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it('locks the account after 5 failures for a growing period, without saying so', async () => {
    const u = await createTestUser(t, ['coder']);
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: `wrong password ${i}!` },
      });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('INVALID_CREDENTIALS');
    expect((await actions('auth.lockout')).some((e) => e.actor_user_id === u.id)).toBe(true);
    t.clock.advanceMinutes(6);
    // A second lockout without a successful sign-in in between lasts longer (10 minutes).
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: `wrong again ${i}!!` },
      });
    }
    t.clock.advanceMinutes(6);
    const stillLocked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    });
    expect(stillLocked.statusCode).toBe(401);
    t.clock.advanceMinutes(5);
    await signInCookie(t, u.username);
  });

  it('ends a session after 15 idle minutes, and audits the expiry', async () => {
    const s = await signInCookie(t, admin.username);
    t.clock.advanceMinutes(14);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(200);
    t.clock.advanceMinutes(14);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(200);
    t.clock.advanceMinutes(16);
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    expect((await actions('auth.session_expired')).at(-1)?.details).toMatchObject({ reason: 'idle-timeout' });
  });

  it('ends a session at its absolute limit even when active', async () => {
    const s = await signInCookie(t, admin.username);
    for (let i = 1; i < 60; i++) {
      t.clock.advanceMinutes(14);
      const r = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
      if (r.statusCode === 401) {
        expect(i * 14).toBeGreaterThan(720);
        expect((i - 1) * 14).toBeLessThanOrEqual(720);
        return;
      }
    }
    throw new Error('session never expired');
  });

  it('refuses state-changing cookie requests without the CSRF token', async () => {
    const s = await signInCookie(t, admin.username);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });
});

describe('API tokens', () => {
  it('acts with the user permissions and stops working when expired', async () => {
    const ctx = cliContext(t.deps);
    const tok = await createApiToken(ctx, admin.id, { name: 'short', expiresInMs: 60 * 60_000 });
    const h = { authorization: `Bearer ${tok.token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/access/roles', headers: h })).statusCode).toBe(
      200,
    );
    t.clock.advanceMinutes(61);
    const res = await t.app.inject({ method: 'GET', url: '/api/access/roles', headers: h });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_INVALID');
  });

  it('stores only a hash of the token', async () => {
    const rows = await t.deps.db.selectFrom('access_api_token').select('token_hash').execute();
    for (const r of rows) expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.some((r) => r.token_hash.includes(admin.token))).toBe(false);
  });
});

describe('password policy (NIST SP 800-63B)', () => {
  it('rejects short, common and username-containing passwords, listing every reason', async () => {
    const { createUser } = await import('./users.service.ts');
    const ctx = cliContext(t.deps);
    await expect(
      createUser(ctx, { username: 'pat', fullName: 'P', roles: ['coder'], password: 'short' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      createUser(ctx, {
        username: 'jsmith',
        fullName: 'J',
        roles: ['coder'],
        password: 'jsmith-is-my-password',
      }),
    ).rejects.toMatchObject({
      details: { issues: [{ field: 'password', message: 'The password must not contain your username.' }] },
    });
    await expect(
      createUser(ctx, { username: 'kim', fullName: 'K', roles: ['coder'], password: 'passwordpassword' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
