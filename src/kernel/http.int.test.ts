import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { typed } from './routing.ts';

let t: TestApp;
const web = mkdtempSync(path.join(os.tmpdir(), 'ck-web-'));

beforeAll(async () => {
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><div id="root"></div>');
  t = await buildTestApp({
    env: { BODY_LIMIT: '1024' },
    webDist: web,
    beforeReady: (app) => {
      typed(app).post(
        '/api/probe',
        {
          schema: {
            body: z.object({ name: z.string().min(1), age: z.number().int() }),
            response: { 200: z.object({ ok: z.boolean() }) },
          },
          config: { permission: 'public' },
        },
        async () => ({ ok: true, secret: 'must not leak' }) as { ok: boolean },
      );
      app.get('/api/boom', { config: { permission: 'public' } }, async () => {
        throw new Error('database password is hunter2');
      });
    },
  });
});
afterAll(() => t.close());

describe('HTTP kernel', () => {
  it('answers /healthz with status and database state', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('gives every response a request id and security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers malformed JSON with a coded 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('lists every field at fault in one validation error', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/probe', payload: { name: '', age: 'x' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['age', 'name']);
  });

  it('answers an oversize body with 413 and a wrong content type with 415', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      payload: { name: 'x'.repeat(5000), age: 1 },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/probe',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('filters responses through the response schema (the allow-list)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/probe', payload: { name: 'a', age: 1 } });
    expect(res.json()).toEqual({ ok: true });
  });

  it('hides the details of server errors', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(res.json().error.code).toBe('INTERNAL');
    expect(res.json().error.message).toContain(res.headers['x-request-id']);
  });

  it('answers unknown API routes with a coded 404, and app routes with the web app', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
    const page = await t.app.inject({ method: 'GET', url: '/system/anything' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const fhir = await t.app.inject({ method: 'GET', url: '/fhir/Nope/1' });
    expect(fhir.statusCode).toBe(404);
    expect(fhir.json().resourceType).toBe('OperationOutcome');
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/system'].get.responses['200']).toBeDefined();
  });

  it('serves a FHIR R4 CapabilityStatement with the required elements', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fhir/metadata' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const cs = res.json();
    expect(cs).toMatchObject({
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
    });
    expect(cs.date).toBeTruthy();
    expect(cs.format).toContain('application/fhir+json');
    expect(cs.rest[0].mode).toBe('server');
  });

  it('refuses to start when a route forgets to declare its permission', async () => {
    const { buildApp } = await import('../app.ts');
    const app = await buildApp(t.deps);
    expect(() => app.get('/api/forgot', async () => 'x')).toThrow(/does not declare config.permission/);
    await app.close();
  });
});
