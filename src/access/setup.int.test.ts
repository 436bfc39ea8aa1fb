import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { issueSetupLink } from './setup.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('first-run setup link', () => {
  it('creates the first administrator once, signed in and sent to MFA enrolment', async () => {
    const link = await issueSetupLink(t.deps);
    expect(link).toMatch(/\/setup\?token=/);
    const token = new URL(link!).searchParams.get('token')!;
    const status = (tok: string) =>
      t.app.inject({ method: 'GET', url: `/api/setup/status?token=${encodeURIComponent(tok)}` });
    expect((await status(token)).json()).toEqual({ valid: true });
    expect((await status('guessed-token')).json()).toEqual({ valid: false });

    const setup = (payload: object) => t.app.inject({ method: 'POST', url: '/api/setup', payload });
    const bad = await setup({ token, username: 'admin', fullName: '', password: 'short' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(
      expect.arrayContaining(['fullName', 'password']),
    );
    const wrongToken = await setup({
      token: 'nope',
      username: 'admin',
      fullName: 'A',
      password: 'x'.repeat(20),
    });
    expect(wrongToken.statusCode).toBe(403);

    const ok = await setup({
      token,
      username: 'admin',
      fullName: 'Site Admin',
      password: 'first site passphrase 1',
    });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'ck_session')!;
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `ck_session=${cookie.value}` },
    });
    expect(me.json()).toMatchObject({ roles: ['administrator'], mfaRequired: true, mfaEnabled: false });

    const again = await setup({
      token,
      username: 'admin2',
      fullName: 'Second',
      password: 'second site passphrase',
    });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('SETUP_UNAVAILABLE');
    expect(await issueSetupLink(t.deps)).toBeUndefined();
  });
});
