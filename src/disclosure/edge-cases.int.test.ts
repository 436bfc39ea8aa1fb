import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';

/** Issue 6, "Bad input and edge cases": each gives a clear reason, releases nothing, and is audited. */
let t: TestApp;
let roi: TestUser;

const form = {
  description: 'Discharge summaries and laboratory results from 2025',
  recordTypes: ['discharge-summary'],
  dateFrom: '2025-01-01',
  dateTo: '2025-12-31',
  discloser: 'Riverside General Hospital',
  recipient: 'Acme Health Insurance',
  purpose: 'Life insurance underwriting',
  expiresOn: '2027-01-01',
  signed: true,
  signedOn: '2026-02-01',
  statesRightToRevoke: true,
  statesConditioning: true,
  statesRedisclosure: true,
};

async function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: roi.headers,
    ...(payload ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}

/** Takes a request through intake and the check with the given authorization, then tries to release it. */
async function attempt(patientId: string, auth: Record<string, unknown>, over: Record<string, unknown> = {}) {
  const r = await call('POST', '/api/disclosure/requests', {
    patientId,
    requesterType: 'payer',
    requesterName: 'Acme Health Insurance',
    requesterAddress: '1 Insurance Plaza, Hartford CT 06103',
    purpose: 'insurance-underwriting',
    scope: { recordTypes: ['discharge-summary'], dateFrom: '2025-03-01', dateTo: '2025-06-30' },
    deliveryMethod: 'mail',
    receivedOn: '2026-03-01',
    ...over,
  });
  const v = await call('POST', `/api/disclosure/requests/${r.body.id}/verify-identity`, {
    method: 'Called back',
    version: r.body.version,
  });
  await call('POST', `/api/disclosure/requests/${r.body.id}/authorization`, auth);
  await call('POST', `/api/disclosure/requests/${r.body.id}/check`);
  const cur = await call('GET', `/api/disclosure/requests/${r.body.id}`);
  const packet = await call('POST', `/api/disclosure/requests/${r.body.id}/packet`, {});
  const rel = await call('POST', `/api/disclosure/requests/${r.body.id}/release`, {
    version: cur.body.version,
  });
  const records = await t.deps.db
    .selectFrom('disclosure_record')
    .select('id')
    .where('request_id', '=', r.body.id)
    .execute();
  const audited = await t.deps.db
    .selectFrom('audit_event')
    .select('details')
    .where('action', '=', 'disclosure.release')
    .where('outcome', '=', 'denied')
    .where('resource_id', '=', r.body.id)
    .execute();
  expect(v.status).toBe(200);
  expect(packet.status).toBe(409);
  return { rel, records, audited };
}

function expectRefused(res: Awaited<ReturnType<typeof attempt>>, element: string) {
  expect(res.rel.status).toBe(409);
  expect(res.rel.body.error.code).toBe('AUTHORIZATION_INVALID');
  expect(res.rel.body.error.message).toContain(element);
  expect(res.rel.body.error.details.failing.map((f: { element: string }) => f.element)).toContain(element);
  expect(res.records).toEqual([]);
  expect(res.audited[0]?.details).toMatchObject({ failing: expect.arrayContaining([element]) });
}

beforeAll(async () => {
  t = await buildTestApp();
  roi = await createTestUser(t, ['roi_specialist']);
});
afterAll(() => t.close());

describe('scanned signed authorization', () => {
  const scan = async (patientId: string, documentType: string) =>
    (
      await t.deps.db
        .insertInto('chart_document')
        .values({
          patient_id: patientId,
          encounter_id: null,
          document_type: documentType,
          service_date: '2026-02-01',
          title: 'Signed authorization',
          media_type: 'application/pdf',
          sha256: 'a'.repeat(64),
          size_bytes: 1200,
          entered_in_error_reason: null,
          created_by: roi.id,
          created_at: new Date(),
          updated_by: roi.id,
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  it("keeps the scan's hash with the authorization, and refuses another patient's or a non-consent document", async () => {
    const patientId = (await insertTestPatient(t)).id;
    const other = (await insertTestPatient(t)).id;
    const r = await call('POST', '/api/disclosure/requests', {
      patientId,
      requesterType: 'payer',
      requesterName: 'Acme Health Insurance',
      requesterAddress: '1 Insurance Plaza, Hartford CT 06103',
      purpose: 'insurance-underwriting',
      scope: { recordTypes: ['discharge-summary'] },
      deliveryMethod: 'mail',
      receivedOn: '2026-03-01',
    });
    await call('POST', `/api/disclosure/requests/${r.body.id}/verify-identity`, {
      method: 'ID',
      version: r.body.version,
    });
    const url = `/api/disclosure/requests/${r.body.id}/authorization`;
    const stored = () =>
      t.deps.db
        .selectFrom('disclosure_authorization')
        .select('document_sha256')
        .where('request_id', '=', r.body.id)
        .execute();

    for (const id of [await scan(other, 'consent'), await scan(patientId, 'lab_report')]) {
      const bad = await call('POST', url, { ...form, scannedDocumentId: id });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues[0].field).toBe('scannedDocumentId');
    }
    expect(await stored()).toEqual([]);
    expect(
      (await call('POST', url, { ...form, scannedDocumentId: await scan(patientId, 'consent') })).status,
    ).toBe(200);
    expect(await stored()).toEqual([{ document_sha256: 'a'.repeat(64) }]);
  });
});

describe('bad input and edge cases', () => {
  it('expired authorization', async () => {
    expectRefused(
      await attempt((await insertTestPatient(t)).id, { ...form, expiresOn: '2026-02-15' }),
      'not-expired',
    );
  });

  it('revoked authorization', async () => {
    expectRefused(
      await attempt((await insertTestPatient(t)).id, { ...form, revokedOn: '2026-02-20' }),
      'not-revoked',
    );
  });

  it('missing signature', async () => {
    expectRefused(
      await attempt((await insertTestPatient(t)).id, { ...form, signed: false, signedOn: null }),
      'signature',
    );
  });

  it('recipient mismatch', async () => {
    expectRefused(
      await attempt((await insertTestPatient(t)).id, { ...form, recipient: 'Other Mutual Assurance' }),
      'recipient-match',
    );
  });

  it('psychotherapy notes under a general authorization', async () => {
    const p = await insertTestPatient(t);
    await t.deps.db
      .insertInto('access_patient_label')
      .values({
        patient_id: p.id,
        label: 'psychotherapy',
        note: null,
        created_at: t.clock.now(),
        created_by: null,
      })
      .execute();
    expectRefused(await attempt(p.id, form), 'psychotherapy-notes');
  });

  it('deceased patient with a representative who has no documented authority', async () => {
    const p = await insertTestPatient(t);
    await t.deps.db
      .updateTable('patient')
      .set({ date_of_death: '2026-01-05' })
      .where('id', '=', p.id)
      .execute();
    expectRefused(
      await attempt(p.id, {
        ...form,
        signedBy: 'representative',
        representativeAuthority: 'Says she is the niece',
      }),
      'representative-authority',
    );
  });

  it('request for a merged (retired) MRN', async () => {
    const survivor = await insertTestPatient(t);
    const retired = await insertTestPatient(t);
    await t.deps.db
      .updateTable('patient')
      .set({ status: 'merged', merged_into: survivor.id })
      .where('id', '=', retired.id)
      .execute();
    const r = await call('POST', '/api/disclosure/requests', {
      patientId: retired.id,
      requesterType: 'payer',
      requesterName: 'Acme Health Insurance',
      requesterAddress: '1 Insurance Plaza, Hartford CT 06103',
      purpose: 'insurance-underwriting',
      scope: {},
      deliveryMethod: 'mail',
      receivedOn: '2026-03-01',
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('PATIENT_MERGED');
    const audited = await t.deps.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('action', '=', 'disclosure.request.create')
      .where(sql<boolean>`patient_ids @> array[${retired.id}]::uuid[]`)
      .execute();
    expect(audited).toEqual([{ outcome: 'denied' }]);
    expect(
      await t.deps.db
        .selectFrom('disclosure_request')
        .select('id')
        .where('patient_id', '=', retired.id)
        .execute(),
    ).toEqual([]);
  });
});
