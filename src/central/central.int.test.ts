import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { sharedData } from '../../test/shared-data.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { sha256Hex } from '../kernel/crypto.ts';
import { clearDictionaryCache, loadDictionary } from '../registry/dictionary.service.ts';
import { addSource, revoke } from './sources.service.ts';

const sampleXml = gunzipSync(
  readFileSync(sharedData('naaccr', 'samples', 'naaccr-xml-sample-v250-abstract-10.xml.gz')),
).toString('utf8');

let t: TestApp;
let coder: TestUser;
let tokenA: string;
let tokenB: string;

const submit = (body: string, token?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/central/submissions',
    headers: { 'content-type': 'application/xml', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: body,
  });

async function auditActions(action: string) {
  return t.deps.db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'details'])
    .where('action', '=', action)
    .execute();
}

beforeAll(async () => {
  t = await buildTestApp({ env: { CHARTKEEPER_MODE: 'central' } });
  clearDictionaryCache();
  const ctx = cliContext(t.deps);
  await loadDictionary(
    ctx,
    readFileSync(sharedData('naaccr', 'dictionaries', 'naaccr-dictionary-250.xml'), 'utf8'),
  );
  // The sample's tumours carry no Reporting Facility, so any source may send them.
  tokenA = (await addSource(ctx, { code: 'HOSPA', name: 'Hospital A' })).token;
  tokenB = (await addSource(ctx, { code: 'HOSPB', name: 'Hospital B', facilityId: '0000000002' })).token;
  coder = await createTestUser(t, ['coder']);
});
afterAll(() => t.close());

describe('central submissions', () => {
  it('stores the token hashed, never in clear', async () => {
    const rows = await t.deps.db.selectFrom('central_source').select(['code', 'token_hash']).execute();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.code === 'HOSPA')?.token_hash).toBe(sha256Hex(tokenA));
    expect(rows.every((r) => !r.token_hash.startsWith('ckc_'))).toBe(true);
  });

  it('accepts a NAACCR file, keeps it unchanged with its SHA-256, and answers with a receipt', async () => {
    const res = await submit(sampleXml, tokenA);
    expect(res.statusCode).toBe(200);
    const receipt = res.json();
    expect(receipt).toMatchObject({ accepted: 8, rejected: 0, duplicates: 0, errors: [] });
    const sub = await t.deps.db
      .selectFrom('central_submission')
      .selectAll()
      .where('id', '=', receipt.submissionId)
      .executeTakeFirstOrThrow();
    expect(sub.sha256).toBe(sha256Hex(sampleXml));
    const chunks = await t.deps.db
      .selectFrom('central_submission_chunk')
      .select('data')
      .where('submission_id', '=', receipt.submissionId)
      .orderBy('seq')
      .execute();
    expect(Buffer.concat(chunks.map((c) => c.data)).toString('utf8')).toBe(sampleXml);
    expect(await auditActions('central.submission_receive')).toHaveLength(1);
  });

  it('reports the records of a repeated file as duplicates of the earlier submission', async () => {
    const res = await submit(sampleXml, tokenA);
    expect(res.json()).toMatchObject({ accepted: 0, rejected: 0, duplicates: 8 });
  });

  it("keeps another source's copy of the same records apart (not duplicates of it)", async () => {
    const res = await submit(sampleXml, tokenB);
    expect(res.json()).toMatchObject({ accepted: 8, duplicates: 0 });
    const n = await t.deps.db
      .selectFrom('central_record')
      .select((e) => e.fn.countAll<string>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(16);
  });

  it('names the record and item of each error, and supersedes only that source’s earlier record', async () => {
    const changed = sampleXml
      .replace('<Item naaccrId="nameLast">Smith</Item>', '<Item naaccrId="nameLast">Smyth</Item>')
      .replace(
        '<Item naaccrId="patientIdNumber">00000002</Item>',
        '<Item naaccrId="patientIdNumber">00000002</Item><Item naaccrId="favouriteColour">blue</Item>',
      );
    const res = await submit(changed, tokenA);
    const receipt = res.json();
    expect(receipt.accepted).toBe(1);
    expect(receipt.rejected).toBe(1);
    expect(receipt.duplicates).toBe(6);
    expect(receipt.errors[0]).toMatchObject({ record: 2 });
    expect(receipt.errors[0].messages.join(' ')).toContain('favouriteColour');
    const smith = await t.deps.db
      .selectFrom('central_record')
      .innerJoin('central_source', 'central_source.id', 'central_record.source_id')
      .select(['central_source.code', 'central_record.status'])
      .where('central_record.patient_id_number', '=', '00000001')
      .orderBy('central_record.received_at')
      .execute();
    expect(smith.map((s) => `${s.code}:${s.status}`).sort()).toEqual([
      'HOSPA:pending',
      'HOSPA:superseded',
      'HOSPB:pending',
    ]);
  });

  it("rejects a record naming another source's facility", async () => {
    const other = sampleXml.replace(
      '<Tumor>',
      '<Tumor>\n            <Item naaccrId="reportingFacility">0000000009</Item>',
    );
    const receipt = (await submit(other, tokenB)).json();
    expect(receipt.rejected).toBe(1);
    expect(receipt.errors[0].messages.join(' ')).toContain('reportingFacility');
  });

  it('refuses a file that is not NAACCR XML, keeping nothing from it', async () => {
    const before = await t.deps.db.selectFrom('central_record').select('id').execute();
    const res = await submit('{"not": "xml"}', tokenA);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CENTRAL_SUBMISSION_INVALID');
    const after = await t.deps.db.selectFrom('central_record').select('id').execute();
    expect(after).toHaveLength(before.length);
    expect(await auditActions('central.submission_refused')).toHaveLength(1);
  });

  it('denies a missing or unknown token and a revoked source, and audits each refusal', async () => {
    expect((await submit(sampleXml)).json().error.code).toBe('CENTRAL_TOKEN_MISSING');
    const unknown = await submit(sampleXml, 'ckc_not-a-real-token');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('CENTRAL_SOURCE_UNKNOWN');
    await revoke(cliContext(t.deps), 'HOSPB');
    const revoked = await submit(sampleXml, tokenB);
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json().error.code).toBe('CENTRAL_SOURCE_REVOKED');
    const denied = await auditActions('central.submission_denied');
    expect(denied.map((d) => d.outcome)).toEqual(['denied', 'denied', 'denied']);
  });

  it('shows the inbox to the registry and refuses a coder (audited)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/central/submissions',
      headers: coder.headers,
    });
    expect(res.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('outcome', '=', 'denied')
      .where('action', '=', 'access.denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});

describe('facility mode', () => {
  it('has no central submission endpoint', async () => {
    const f = await buildTestApp();
    try {
      const res = await f.app.inject({ method: 'POST', url: '/api/central/submissions', payload: 'x' });
      expect(res.statusCode).toBe(404);
    } finally {
      await f.close();
    }
  });
});
