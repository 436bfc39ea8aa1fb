import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, signInCookie, signInWithMfa, totpCode } from '../../test/auth.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const post = (url: string, s: { cookie: string; csrf: string }, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload });
const get = (url: string, s: { cookie: string }) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
const events = (action: string, userId?: string) =>
  t.deps.db
    .selectFrom('audit_event')
    .selectAll()
    .where('action', '=', action)
    .where('outcome', '=', 'success')
    .$if(!!userId, (q) => q.where('resource_id', '=', userId!))
    .execute();

describe('TOTP enrolment', () => {
  it('forces enrolment for patient-data roles, then enrols with a QR code and recovery codes', async () => {
    const u = await createTestUser(t, ['privacy_officer']);
    const s = await signInCookie(t, u.username);
    const me = await get('/api/auth/me', s);
    expect(me.json()).toMatchObject({ mfaRequired: true, mfaEnabled: false });
    const blocked = await get('/api/access/roles', s);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('MFA_ENROLMENT_REQUIRED');

    const enrol = await post('/api/account/mfa/enrol', s);
    expect(enrol.statusCode).toBe(200);
    const { secret, qrDataUrl, otpauthUri } = enrol.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    const row = await t.deps.db
      .selectFrom('access_user')
      .select('mfa_secret')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.mfa_secret).not.toContain(secret);

    const wrong = await post('/api/account/mfa/confirm', s, { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues[0].field).toBe('code');
    const ok = await post('/api/account/mfa/confirm', s, { code: await totpCode(t, secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().recoveryCodes).toHaveLength(10);
    const codes = await t.deps.db
      .selectFrom('access_recovery_code')
      .select('code_hash')
      .where('user_id', '=', u.id)
      .execute();
    expect(codes.map((c) => c.code_hash)).not.toContain(ok.json().recoveryCodes[0]);
    expect((await get('/api/auth/me', s)).json()).toMatchObject({ mfaEnabled: true, mfaPassed: true });
    expect(await events('mfa.enable', u.id)).toHaveLength(1);
  });

  it('applies to administrators (audit:read) but not to bearer tokens', async () => {
    const u = await createTestUser(t, ['administrator']);
    const s = await signInCookie(t, u.username);
    expect((await get('/api/auth/me', s)).json().mfaRequired).toBe(true);
    const bearer = await t.app.inject({ method: 'GET', url: '/api/access/roles', headers: u.headers });
    expect(bearer.statusCode).toBe(200);
  });
});

describe('MFA challenge at sign-in', () => {
  it('refuses everything but the challenge until a code is given, then lets the user in', async () => {
    const u = await createTestUser(t, ['administrator'], { mfa: true });
    const s = await signInCookie(t, u.username);
    expect(s.body.mfaRequired).toBe(true);
    const before = await get('/api/access/roles', s);
    expect(before.json().error.code).toBe('MFA_REQUIRED');
    t.clock.advance(30_000);
    const res = await post('/api/auth/mfa/verify', s, { code: await totpCode(t, u.mfaSecret!) });
    expect(res.statusCode).toBe(200);
    expect((await get('/api/access/roles', s)).statusCode).toBe(200);
  });

  it('refuses a code replayed in the same time step', async () => {
    const u = await createTestUser(t, ['administrator'], { mfa: true });
    // Same clock step as the enrolment code: a replay.
    const s = await signInCookie(t, u.username);
    const res = await post('/api/auth/mfa/verify', s, { code: await totpCode(t, u.mfaSecret!) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('MFA_CODE_INVALID');
  });

  it('accepts a recovery code once', async () => {
    const u = await createTestUser(t, ['administrator'], { mfa: true });
    const code = u.recoveryCodes![0]!;
    const s1 = await signInCookie(t, u.username);
    expect((await post('/api/auth/mfa/verify', s1, { code })).statusCode).toBe(200);
    const s2 = await signInCookie(t, u.username);
    expect((await post('/api/auth/mfa/verify', s2, { code })).statusCode).toBe(401);
  });

  it('counts wrong codes toward lockout', async () => {
    const u = await createTestUser(t, ['administrator'], { mfa: true });
    const s = await signInCookie(t, u.username);
    for (let i = 0; i < 5; i++) await post('/api/auth/mfa/verify', s, { code: '999999' });
    t.clock.advance(30_000);
    const locked = await post('/api/auth/mfa/verify', s, { code: await totpCode(t, u.mfaSecret!) });
    expect(locked.statusCode).toBe(401);
    const lockouts = await t.deps.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'auth.lockout')
      .where('actor_user_id', '=', u.id)
      .execute();
    expect(lockouts).toHaveLength(1);
    t.clock.advanceMinutes(10);
  });
});

describe('disable, reset and policy', () => {
  it('lets a user turn MFA off with the password, and an administrator reset it (audited)', async () => {
    const admin = await createTestUser(t, ['administrator'], { mfa: true });
    const u = await createTestUser(t, ['physician'], { mfa: true });
    const s = await signInWithMfa(t, u);
    const bad = await post('/api/account/mfa/disable', s, { password: 'not my password at all' });
    expect(bad.statusCode).toBe(400);
    expect((await post('/api/account/mfa/disable', s, { password: u.password })).statusCode).toBe(200);
    expect(await events('mfa.disable', u.id)).toHaveLength(1);

    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/access/users/${admin.id}/mfa/reset`,
      headers: admin.headers,
    });
    expect(reset.statusCode).toBe(200);
    expect(await events('mfa.reset', admin.id)).toHaveLength(1);
  });

  it('lets an administrator turn the policy off (audited), which lifts the enrolment requirement', async () => {
    const admin = await createTestUser(t, ['administrator']);
    const u = await createTestUser(t, ['coder']);
    const s = await signInCookie(t, u.username);
    expect((await get('/api/auth/me', s)).json().mfaRequired).toBe(true);
    const put = (mfaRequired: boolean) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/access/policy',
        headers: admin.headers,
        payload: { mfaRequired },
      });
    expect((await put(false)).json()).toEqual({ mfaRequired: false });
    expect((await get('/api/auth/me', s)).json().mfaRequired).toBe(false);
    const changes = await events('policy.update');
    expect(changes.at(-1)?.details).toEqual({ before: true, after: false });
    await put(true);
  });
});
