import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, signInCookie, signInWithMfa } from '../../test/auth.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

type S = { cookie: string; csrf: string };
const call = (method: 'GET' | 'POST' | 'DELETE', url: string, s: S, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload });

describe('my account: password', () => {
  it('changes the password, listing every problem at once and leaving it unchanged on error', async () => {
    const u = await createTestUser(t, ['biller'], { mfa: true });
    const s = await signInWithMfa(t, u);
    const bad = await call('POST', '/api/account/password', s, {
      currentPassword: 'wrong current password',
      newPassword: 'short',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['currentPassword', 'newPassword']));
    await signInCookie(t, u.username); // old password still works
    const ok = await call('POST', '/api/account/password', s, {
      currentPassword: u.password,
      newPassword: 'a brand new passphrase 77',
    });
    expect(ok.statusCode).toBe(200);
    await expect(signInCookie(t, u.username)).rejects.toThrow();
    expect((await signInCookie(t, u.username, 'a brand new passphrase 77')).body.mfaRequired).toBe(true);
  });

  it('forces a change after an administrator reset: only self-service works until then', async () => {
    const admin = await createTestUser(t, ['administrator']);
    const u = await createTestUser(t, ['administrator'], { mfa: true });
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/access/users/${u.id}/password-reset`,
      headers: admin.headers,
      payload: { password: 'temporary passphrase 2026' },
    });
    expect(reset.statusCode).toBe(200);
    const s = await signInWithMfa(t, { ...u, password: 'temporary passphrase 2026' });
    const blocked = await call('GET', '/api/access/roles', s);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const me = await call('GET', '/api/auth/me', s);
    expect(me.json().mustChangePassword).toBe(true);
    const ok = await call('POST', '/api/account/password', s, {
      currentPassword: 'temporary passphrase 2026',
      newPassword: 'my own passphrase 2026',
    });
    expect(ok.statusCode).toBe(200);
    expect((await call('GET', '/api/access/roles', s)).statusCode).toBe(200);
  });
});

describe('my account: sessions and tokens', () => {
  it('lists my sessions, marks the current one and revokes another', async () => {
    const u = await createTestUser(t, ['biller'], { mfa: true });
    const other = await signInWithMfa(t, u);
    const s = await signInWithMfa(t, u);
    const list = await call('GET', '/api/account/sessions', s);
    expect(list.json()).toHaveLength(2);
    const otherRow = list.json().find((x: { current: boolean }) => !x.current);
    expect((await call('DELETE', `/api/account/sessions/${otherRow.id}`, s)).statusCode).toBe(200);
    expect((await call('GET', '/api/auth/me', other)).statusCode).toBe(401);
  });

  it("cannot revoke another user's session", async () => {
    const a = await createTestUser(t, ['biller'], { mfa: true });
    const b = await createTestUser(t, ['biller'], { mfa: true });
    const sa = await signInWithMfa(t, a);
    const sb = await signInWithMfa(t, b);
    const bSession = (await call('GET', '/api/account/sessions', sb)).json()[0].id;
    expect((await call('DELETE', `/api/account/sessions/${bSession}`, sa)).statusCode).toBe(404);
  });

  it('creates a token shown once, shows its last use, and revokes it', async () => {
    const u = await createTestUser(t, ['biller'], { mfa: true });
    const s = await signInWithMfa(t, u);
    const created = await call('POST', '/api/account/tokens', s, {
      name: 'billing script',
      expiresInDays: 30,
    });
    expect(created.statusCode).toBe(200);
    const { id, token } = created.json();
    await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    const list = (await call('GET', '/api/account/tokens', s)).json();
    const row = list.find((x: { id: string }) => x.id === id);
    expect(row.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(token);
    expect((await call('DELETE', `/api/account/tokens/${id}`, s)).statusCode).toBe(200);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
  });
});
