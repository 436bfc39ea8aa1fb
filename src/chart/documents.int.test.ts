import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { blobPath } from './blob-store.ts';

let t: TestApp;
let nurse: TestUser;
let patientId: string;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  t = await buildTestApp({ env: { DOCUMENT_MAX_BYTES: '2048' } });
  nurse = await createTestUser(t, ['nurse']);
  patientId = (await insertTestPatient(t)).id;
});
afterAll(() => t.close());

/** Builds a multipart body by hand (fields first, then the file). */
function multipart(fields: Record<string, string>, file?: { type: string; bytes: Buffer }) {
  const boundary = 'ckboundary42';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="scan"\r\ncontent-type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const meta = { documentType: 'lab_report', serviceDate: '2026-02-27', title: 'Outside lab panel' };
const upload = (fields: Record<string, string>, file?: { type: string; bytes: Buffer }) => {
  const m = multipart(fields, file);
  return t.app.inject({
    method: 'POST',
    url: `/api/patients/${patientId}/documents`,
    payload: m.payload,
    headers: { ...nurse.headers, ...m.headers },
  });
};

describe('documents', () => {
  it('stores an upload by SHA-256 and streams it back after the access check, audited', async () => {
    const res = await upload(meta, { type: 'application/pdf', bytes: PDF });
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ mediaType: 'application/pdf', sizeBytes: PDF.length, version: 1 });
    expect(existsSync(blobPath(t.deps.config.dataDir, doc.sha256))).toBe(true);
    const dl = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${doc.id}/content`,
      headers: nurse.headers,
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('resource_id', '=', doc.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['chart.document.create', 'chart.document.download']);
  });

  it('refuses a file whose content is not the declared type, and stores nothing', async () => {
    const before = await t.deps.db.selectFrom('chart_document').select('id').execute();
    const res = await upload(meta, { type: 'image/png', bytes: PDF });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_FILE');
    const exe = await upload(meta, { type: 'application/x-msdownload', bytes: Buffer.from('MZ') });
    expect(exe.statusCode).toBe(415);
    expect(await t.deps.db.selectFrom('chart_document').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a file over the size limit', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 32)]);
    const res = await upload(meta, { type: 'application/pdf', bytes: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
  });

  it('lists every missing or bad field at once', async () => {
    const res = await upload({ documentType: 'selfie', serviceDate: '2026-02-30' });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .error.details.issues.map((i: { field: string }) => i.field)
      .sort();
    expect(fields).toEqual(['documentType', 'file', 'serviceDate', 'title']);
  });

  it('refuses downloads to a role without chart:read', async () => {
    const doc = (await upload(meta, { type: 'application/pdf', bytes: PDF })).json();
    const biller = await createTestUser(t, ['biller']);
    const dl = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${doc.id}/content`,
      headers: biller.headers,
    });
    expect(dl.statusCode).toBe(403);
  });

  it('marks a misfiled document entered-in-error and keeps it with its history', async () => {
    const doc = (await upload(meta, { type: 'application/pdf', bytes: PDF })).json();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${doc.id}/entered-in-error`,
      headers: nurse.headers,
      payload: { version: 1, reason: 'filed to the wrong patient' },
    });
    expect(res.json()).toMatchObject({ enteredInError: true, version: 2 });
    const versions = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${doc.id}/versions`,
      headers: nurse.headers,
    });
    expect(versions.json().items).toHaveLength(2);
  });
});
