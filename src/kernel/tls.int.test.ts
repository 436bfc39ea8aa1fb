import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';

const fixtures = path.resolve('test/fixtures/tls');
const ca = readFileSync(path.join(fixtures, 'localhost.crt'));

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request that trusts only the test certificate (so a plain-HTTP answer would fail). */
function request(port: number, method: string, url: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        ca,
        headers: payload ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

let t: TestApp;
let port: number;
let clerk: TestUser;
beforeAll(async () => {
  t = await buildTestApp({
    env: { TLS_CERT: path.join(fixtures, 'localhost.crt'), TLS_KEY: path.join(fixtures, 'localhost.key') },
  });
  clerk = await createTestUser(t, ['registration_clerk']);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t.close());

describe('the server speaking HTTPS itself (TLS_CERT, TLS_KEY)', () => {
  it('answers over TLS with HSTS', async () => {
    const res = await request(port, 'GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('marks the session cookie Secure, HttpOnly and SameSite=Strict', async () => {
    const res = await request(port, 'POST', '/api/auth/login', {
      username: clerk.username,
      password: clerk.password,
    });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/ck_session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
  });

  it('refuses a plain-HTTP request on the TLS port', async () => {
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
