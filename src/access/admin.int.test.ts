import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, signInWithMfa, type TestUser } from '../../test/auth.ts';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createTestUser(t, ['administrator']);
});
afterAll(() => t.close());

const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, who = admin) =>
  t.app.inject({ method, url, headers: who.headers, payload });
const audited = (action: string, id: string) =>
  t.deps.db
    .selectFrom('audit_event')
    .select('id')
    .where('action', '=', action)
    .where('resource_id', '=', id)
    .execute();

describe('user administration', () => {
  it('creates a user with a forced password change, edits roles and facilities, and lists with search', async () => {
    const f = await req('POST', '/api/access/facilities', { code: 'main', name: 'Main Hospital' });
    expect(f.json()).toMatchObject({ code: 'MAIN' });
    const created = await req('POST', '/api/access/users', {
      username: 'dmorgan',
      fullName: 'Dana Morgan',
      credentials: 'RHIT',
      roles: ['him_clerk'],
      facilityIds: [f.json().id],
      password: 'welcome to the hospital 1',
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().id;
    const edit = await req('PATCH', `/api/access/users/${id}`, {
      roles: ['him_clerk', 'coder'],
      credentials: 'RHIA',
    });
    expect(edit.statusCode).toBe(200);
    const list = await req('GET', '/api/access/users?q=morgan');
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).toMatchObject({
      username: 'dmorgan',
      credentials: 'RHIA',
      roles: ['coder', 'him_clerk'],
      facilityIds: [f.json().id],
      mustChangePassword: true,
    });
    expect(await audited('user.update', id)).toHaveLength(1);
    expect(await audited('facility.create', f.json().id)).toHaveLength(1);
  });

  it('lists every problem with a new user at once and creates nothing', async () => {
    const res = await req('POST', '/api/access/users', {
      username: '!',
      fullName: ' ',
      roles: [],
      password: 'x',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'fullName', 'roles', 'password']));
    expect((await req('GET', '/api/access/users?q=!')).json().total).toBe(0);
  });

  it('disables a user, which ends their sessions, and enables again', async () => {
    const u = await createTestUser(t, ['coder'], { mfa: true });
    const s = await signInWithMfa(t, u);
    expect((await req('PUT', `/api/access/users/${u.id}/active`, { active: false })).statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(401);
    expect((await req('PUT', `/api/access/users/${u.id}/active`, { active: true })).statusCode).toBe(200);
    expect(await audited('user.disable', u.id)).toHaveLength(1);
    expect(await audited('user.enable', u.id)).toHaveLength(1);
  });

  it("revokes a user's sessions", async () => {
    const u = await createTestUser(t, ['coder'], { mfa: true });
    await signInWithMfa(t, u);
    const res = await req('POST', `/api/access/users/${u.id}/sessions/revoke`);
    expect(res.json()).toEqual({ revoked: 1 });
  });

  it('refuses all of it to a non-administrator (audited)', async () => {
    const clerk = await createTestUser(t, ['registration_clerk']);
    const res = await req('GET', '/api/access/users', undefined, clerk);
    expect(res.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'access.denied')
      .where('actor_user_id', '=', clerk.id)
      .execute();
    expect(denied).toHaveLength(1);
  });
});
