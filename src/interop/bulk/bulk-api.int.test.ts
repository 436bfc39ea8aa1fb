import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { createImportJob, IMPORT_JOB } from './import.service.ts';

let t: TestApp;
let admin: TestUser;
let physician: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createTestUser(t, ['administrator'], { mfa: true });
  physician = await createTestUser(t, ['physician'], { mfa: true });
});
afterAll(() => t.close());

const patient = (id: string, family: string) => ({
  resourceType: 'Patient',
  id,
  name: [{ family, given: ['Testy'] }],
  gender: 'female',
  birthDate: '1980-04-01',
});

async function upload(user: TestUser, files: { name: string; body: string | Buffer }[]) {
  const form = new FormData();
  for (const f of files)
    form.append('file', new Blob([typeof f.body === 'string' ? f.body : new Uint8Array(f.body)]), f.name);
  return t.app.inject({ method: 'POST', url: '/api/interop/imports', headers: user.headers, payload: form });
}

/** Waits on the import's job on the job queue (no polling), then reads the import as the user sees it. */
async function settled(user: TestUser, id: string) {
  const first = (await t.app.inject({ url: `/api/interop/imports/${id}`, headers: user.headers })).json();
  expect(first.jobId).toEqual(expect.any(String));
  await t.deps.jobs.waitFor(first.jobId);
  return (await t.app.inject({ url: `/api/interop/imports/${id}`, headers: user.headers })).json();
}

/** The export's job on the queue, from the id at the end of its status URL. */
async function exportJobOf(statusPath: string): Promise<string> {
  const row = await t.deps.db
    .selectFrom('interop_export_job')
    .select('job_id')
    .where('id', '=', statusPath.split('/').at(-1)!)
    .executeTakeFirstOrThrow();
  return row.job_id!;
}

describe('bulk import from the web app', () => {
  it('refuses users without bulk access, and audits nothing imported', async () => {
    const r = await upload(physician, [{ name: 'p.ndjson', body: JSON.stringify(patient('x', 'Nope')) }]);
    expect(r.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/interop/imports', headers: physician.headers })).statusCode).toBe(
      403,
    );
  });

  it('applies nothing from a transaction Bundle with a bad entry, and says which entry and why', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:p-1',
          resource: patient('p-1', 'Atomic'),
          request: { method: 'POST', url: 'Patient' },
        },
        {
          fullUrl: 'urn:uuid:c-1',
          resource: {
            resourceType: 'Condition',
            id: 'c-1',
            subject: { reference: 'urn:uuid:p-1' },
            code: { text: 'Asthma' },
            clinicalStatus: { coding: [{ code: 'sleeping' }] },
          },
        },
        {
          fullUrl: 'urn:uuid:o-1',
          resource: {
            resourceType: 'Observation',
            id: 'o-1',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '8302-2' }] },
            subject: { reference: 'Patient/nobody' },
            effectiveDateTime: '2020-01-01',
          },
        },
      ],
    };
    const r = await upload(admin, [{ name: 'tx.json', body: JSON.stringify(bundle) }]);
    expect(r.statusCode).toBe(202);
    const job = await settled(admin, r.json().id);
    expect(job.counts).toMatchObject({
      Patient: { rejected: 1 },
      Condition: { rejected: 1 },
      Observation: { rejected: 1 },
    });
    const rejects = (
      await t.app.inject({ url: `/api/interop/imports/${job.id}/rejects`, headers: admin.headers })
    ).json();
    expect(rejects.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          location: 'entry[1]',
          issues: [expect.objectContaining({ expression: 'Condition.clinicalStatus', code: 'code-invalid' })],
        }),
        expect.objectContaining({
          location: 'Bundle',
          issues: [expect.objectContaining({ message: expect.stringMatching(/all-or-nothing/) })],
        }),
      ]),
    );
    const n = await t.deps.db
      .selectFrom('patient')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('family_name', '=', 'Atomic')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('imports the rest of a gzipped NDJSON file past a truncated line and an unknown type', async () => {
    const lines = [
      JSON.stringify(patient('n-1', 'Ndjson')),
      '{"resourceType":"Patient","id":"n-2","na',
      JSON.stringify({ resourceType: 'Starship', id: 's' }),
      JSON.stringify(patient('n-3', 'Ndjsontwo')),
    ];
    const r = await upload(admin, [{ name: 'Patient.000.ndjson.gz', body: gzipSync(lines.join('\n')) }]);
    const job = await settled(admin, r.json().id);
    expect(job).toMatchObject({
      status: 'done',
      processed: 4,
      counts: { Patient: { created: 2 }, unknown: { rejected: 1 }, Starship: { rejected: 1 } },
    });
    const report = (
      await t.app.inject({ url: `/api/interop/imports/${job.id}/report`, headers: admin.headers })
    ).json();
    expect(report.rejected.map((x: { location: string }) => x.location)).toEqual(['line 2', 'line 3']);
    expect(report.rejected[0].issues[0].message).toMatch(/truncated or malformed JSON/);
  });
});

describe('bulk import on the job queue', () => {
  it('fails at once, without retries, when its input file is gone, and closes the import as failed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ck-import-'));
    const file = path.join(dir, 'p.ndjson');
    await writeFile(file, JSON.stringify(patient('g-1', 'Gone')));
    const ctx: RequestContext = { ...t.deps, requestId: 'test', channel: 'cli', operator: 'cli:test' };
    const importId = await createImportJob(ctx, [{ path: file, name: 'p.ndjson' }]);
    await rm(dir, { recursive: true });
    const jobId = await t.deps.jobs.enqueue(ctx, IMPORT_JOB, { importId });
    const job = await t.deps.jobs.waitFor(jobId);
    // ENOENT is not transient: one attempt, no retry (src/kernel/jobs.ts transientError).
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    const row = await t.deps.db
      .selectFrom('interop_import_job')
      .select(['status', 'error'])
      .where('id', '=', importId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/^stopped: /);
  });
});

describe('bulk export ($export)', () => {
  it('is declared in the CapabilityStatement at system and Patient level', async () => {
    const cs = (await t.app.inject({ url: '/fhir/metadata' })).json();
    expect(cs.rest[0].operation.map((o: { name: string }) => o.name)).toContain('export');
    const patient = cs.rest[0].resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patient.operation.map((o: { name: string }) => o.name)).toEqual(['match', 'export']);
  });
  it('runs asynchronously: 202 with Content-Location, then a manifest of NDJSON files to download', async () => {
    const kick = await t.app.inject({
      url: '/fhir/$export?_type=Patient',
      headers: { ...admin.headers, prefer: 'respond-async' },
    });
    expect(kick.statusCode).toBe(202);
    const status = new URL(String(kick.headers['content-location'])).pathname;
    const job = await t.deps.jobs.waitFor(await exportJobOf(status));
    expect(job).toMatchObject({ kind: 'interop.fhir-export', status: 'completed', attempts: 1 });
    const s = await t.app.inject({ url: status, headers: admin.headers });
    expect(s.statusCode).toBe(200);
    const manifest: { output: { type: string; url: string; count: number }[] } | undefined = s.json();
    expect(manifest?.output).toEqual([expect.objectContaining({ type: 'Patient', count: 2 })]);
    const file = await t.app.inject({
      url: new URL(manifest!.output[0]!.url).pathname,
      headers: admin.headers,
    });
    expect(file.headers['content-type']).toMatch(/application\/fhir\+ndjson/);
    expect(
      file.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).resourceType),
    ).toEqual(['Patient', 'Patient']);
    const other = await createTestUser(t, ['administrator'], { mfa: true });
    expect((await t.app.inject({ url: status, headers: other.headers })).statusCode).toBe(404);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'interop.export%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['interop.export', 'interop.export.download']),
    );
  });

  it('DELETE on the status URL settles the export job: cancelled, or already finished and its files gone', async () => {
    // The worker may finish a two-patient export before the DELETE arrives; either way the export ends
    // in a settled state and never reports "running" again (the kernel's tests cover cancel mid-run).
    const kick = await t.app.inject({
      url: '/fhir/$export?_type=Patient',
      headers: { ...admin.headers, prefer: 'respond-async' },
    });
    const status = new URL(String(kick.headers['content-location'])).pathname;
    const jobId = await exportJobOf(status);
    const del = await t.app.inject({ method: 'DELETE', url: status, headers: admin.headers });
    expect(del.statusCode).toBe(202);
    const job = await t.deps.jobs.waitFor(jobId);
    expect(['cancelled', 'completed']).toContain(job.status);
    const after = await t.app.inject({ url: status, headers: admin.headers });
    if (job.status === 'cancelled') {
      expect(after.statusCode).toBe(500);
      expect(after.json().issue[0].diagnostics).toMatch(/cancelled/);
    } else expect(after.statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'interop.export.cancel')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses roles without bulk access and unknown _type values with an OperationOutcome', async () => {
    expect(
      (await t.app.inject({ url: '/fhir/Patient/$export', headers: physician.headers })).statusCode,
    ).toBe(403);
    const bad = await t.app.inject({ url: '/fhir/$export?_type=Patient,Spaceship', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ expression: ['_type'] }],
    });
  });
});
