import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { ACCESS_LEVELS } from './gate.ts';
import { ALL_ROLES, ROLE_PERMISSIONS, type Role } from './permissions.ts';

let t: TestApp;
const users = new Map<Role, TestUser>();

beforeAll(async () => {
  t = await buildTestApp();
  for (const role of ALL_ROLES) users.set(role, await createTestUser(t, [role]));
});
afterAll(() => t.close());

const concrete = (url: string) =>
  url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*/g, 'x');

describe('route sweep: every route is gated', () => {
  it('collects the registered routes', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(3);
  });

  it('answers 401 without credentials, except the public routes', async () => {
    const publicRoutes = t.app.routeTable
      .filter((r) => r.permission === 'public')
      .map((r) => `${r.method} ${r.url}`);
    for (const p of publicRoutes)
      expect([
        'GET /healthz',
        'GET /api/openapi.json',
        'POST /api/auth/login',
        'GET /api/setup/status',
        'POST /api/setup',
        'GET /fhir/metadata',
        // A recipient's download through a secure link: the token and one-time code are the credential.
        'POST /api/disclosure/download',
      ]).toContain(p);
    for (const r of t.app.routeTable.filter((x) => x.permission !== 'public')) {
      const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  // Every route × every role without its permission: a few thousand requests, sent 8 at a time (each
  // refusal writes an audit event), with room for the route count to grow.
  it('answers 403 to every role that lacks the route permission', { timeout: 180_000 }, async () => {
    const cases: { role: string; method: string; url: string }[] = [];
    for (const r of t.app.routeTable) {
      if ((ACCESS_LEVELS as readonly string[]).includes(r.permission)) continue;
      for (const role of ALL_ROLES)
        if (!(ROLE_PERMISSIONS[role] as string[]).includes(r.permission)) cases.push({ role, ...r });
    }
    for (let i = 0; i < cases.length; i += 8) {
      await Promise.all(
        cases.slice(i, i + 8).map(async (c) => {
          const res = await t.app.inject({
            method: c.method as 'GET',
            url: concrete(c.url),
            headers: users.get(c.role as (typeof ALL_ROLES)[number])!.headers,
          });
          expect(res.statusCode, `${c.role} → ${c.method} ${c.url}`).toBe(403);
          if (c.url.startsWith('/fhir')) expect(res.json().issue[0].code).toBe('forbidden');
          else expect(res.json().error.code).toBe('FORBIDDEN');
        }),
      );
    }
    expect(cases.length).toBeGreaterThan(0);
  });

  it('audits the refusals', async () => {
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'access.denied')
      .executeTakeFirstOrThrow();
    expect(Number(denied.n)).toBeGreaterThan(0);
  });
});
