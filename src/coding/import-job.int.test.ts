import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { CODESET_IMPORT_JOB, codesetImportJob } from './import-job.service.ts';

let t: TestApp;
let admin: TestUser;
let coder: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createTestUser(t, ['administrator']);
  coder = await createTestUser(t, ['coder']);
});
afterAll(() => t.close());

/** A multipart body built by hand: the fields, then the file. */
function upload(fields: Record<string, string>, file?: { name: string; bytes: Buffer }, user = admin) {
  const b = 'ckimport42';
  const parts: Uint8Array[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${b}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(`--${b}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\n\r\n`),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${b}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url: '/api/codes/imports',
    headers: { ...user.headers, 'content-type': `multipart/form-data; boundary=${b}` },
    payload: Buffer.concat(parts),
  });
}

/** Waits for the import's job on the queue (no polling), then reads the import as the page does. */
async function finished(res: { json(): { id: string; jobId: string } }) {
  const job = await t.deps.jobs.waitFor(res.json().jobId);
  const imp = (
    await t.app.inject({ method: 'GET', url: `/api/codes/imports/${res.json().id}`, headers: admin.headers })
  ).json();
  return { job, imp };
}

const sample = readFileSync(path.resolve('src/coding/sample/icd10cm-fy2026-sample.txt'));

describe('code-set import from the administration page', () => {
  it('loads a gzip upload as a job whose progress and summary can be polled', async () => {
    const res = await upload(
      { kind: 'icd10cm', version: 'FY2026' },
      { name: 'cm.txt.gz', bytes: gzipSync(sample) },
    );
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'running', phase: 'queued', sourceName: 'cm.txt.gz' });
    const { job: queued, imp: job } = await finished(res);
    expect(queued).toMatchObject({
      kind: CODESET_IMPORT_JOB,
      status: 'completed',
      progress: { done: 86, total: 86 },
    });
    expect(job).toMatchObject({
      status: 'done',
      done: 86,
      total: 86,
      summary: { kind: 'icd10cm', version: 'FY2026', status: 'loaded', billable: 52, headers: 34 },
    });
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/codes/imports', headers: admin.headers })
    ).json();
    expect(list.items[0].id).toBe(job.id);
  });

  it('reports a bad file on the job, naming the line, and loads nothing', async () => {
    const bad = Buffer.concat([sample, Buffer.from('99999 E11\u0000garbled\n')]);
    const res = await upload({ kind: 'icd10pcs', version: 'FY2030' }, { name: 'bad.txt', bytes: bad });
    const { job: queued, imp: job } = await finished(res);
    // A rejected file is final at once: the queue does not retry it.
    expect(queued).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.status).toBe('failed');
    expect(job.error.code).toBe('CODE_IMPORT_REJECTED');
    expect(job.error.message).toMatch(/line \d+/);
    const versions = (
      await t.app.inject({ method: 'GET', url: '/api/codes/versions', headers: admin.headers })
    ).json();
    expect(versions.versions.some((v: { version: string }) => v.version === 'FY2030')).toBe(false);
  });

  it('lists every fault of the form at once', async () => {
    const res = await upload({ kind: 'snomed', version: 'bad version!' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'kind',
      'version',
      'file',
    ]);
  });

  it('is for code:admin only', async () => {
    const res = await upload({ kind: 'icd10cm' }, { name: 'cm.txt', bytes: sample }, coder);
    expect(res.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/codes/imports', headers: coder.headers });
    expect(list.statusCode).toBe(403);
  });

  it('closes a cancelled import: nothing loaded, the upload deleted, the reason on the import', async () => {
    const imp = await t.deps.db
      .insertInto('coding_import_job')
      .values({
        kind: 'icd10cm',
        version: 'FY2032',
        source_name: 'x.txt',
        status: 'running',
        phase: 'queued',
        summary: null,
        error: null,
        job_id: null,
        created_by: null,
        created_at: t.clock.now(),
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const file = path.join(t.deps.config.dataDir, 'code-imports', `${imp.id}.upload`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, sample);
    await codesetImportJob.onCancel?.(
      { ...t.deps, requestId: 'cancel', channel: 'job' },
      { importId: imp.id },
    );
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/codes/imports/${imp.id}`,
      headers: admin.headers,
    });
    expect(res.json()).toMatchObject({ status: 'failed', error: { code: 'IMPORT_CANCELLED' } });
    expect(existsSync(file)).toBe(false);
  });
});
