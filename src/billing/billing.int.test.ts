import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { insertLabel } from '../access/patient-access.queries.ts';
import { seedSampleIfEmpty } from '../coding/sample.service.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { listClaims } from './claims-read.service.ts';
import { loadFees, loadPayers } from './fees.service.ts';

const sample = (name: string) =>
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'sample', name), 'utf8');

let t: TestApp;
let coder: TestUser;
let doctor: TestUser;
let biller: TestUser;

type Method = 'GET' | 'POST' | 'PUT';
const send = (user: TestUser, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

async function coveredPatient(payer = 'Synthetic Mutual', from = '2026-01-01'): Promise<string> {
  const id = (await insertTestPatient(t, { birthDate: '1961-04-02', sex: 'F' })).id;
  await t.deps.db
    .insertInto('patient_coverage')
    .values({
      patient_id: id,
      priority: 'primary',
      payer,
      plan: 'PPO',
      member_id: 'SM-100200',
      group_number: 'G-77',
      subscriber_name: 'Synthetic Subscriber',
      relationship: 'self',
      effective_from: from,
      effective_to: null,
      created_at: t.clock.now(),
    })
    .execute();
  return id;
}

/** A clinic visit recorded by the physician, completed, coded and made final by the coder. */
async function finalVisit(patientId: string, procedures: object[]): Promise<{ id: string; version: number }> {
  const res = await send(doctor, 'POST', `/api/patients/${patientId}/encounters`, {
    class: 'appointment',
    type: 'follow-up',
    startsAt: '2026-02-10T09:30:00Z',
    providerId: doctor.id,
    location: 'North Clinic',
    reason: 'diabetes review',
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  let version = 1;
  for (const status of ['arrived', 'in_progress', 'completed'])
    version = (await send(doctor, 'POST', `/api/encounters/${id}/status`, { status, version })).json()
      .version;
  return { id, version: await codeAndFinalize(id, 0, procedures) };
}

async function codeAndFinalize(id: string, version: number, procedures: object[]): Promise<number> {
  const saved = await send(coder, 'PUT', `/api/coding/encounters/${id}`, {
    version,
    diagnoses: [
      { code: 'E11.9', sequence: 1 },
      { code: 'I10', sequence: 2 },
    ],
    procedures,
  });
  expect(saved.json()).toMatchObject({ version: version + 1 });
  const final = await send(coder, 'POST', `/api/coding/encounters/${id}/finalize`, {
    version: saved.json().version,
  });
  expect(final.json().status).toBe('final');
  return final.json().version as number;
}

const visit = [
  { system: 'cpt', code: '99213', modifiers: [], units: 1 },
  { system: 'cpt', code: '36415', modifiers: [], units: 1 },
];

beforeAll(async () => {
  t = await buildTestApp();
  await seedSampleIfEmpty({ ...t.deps, requestId: 'seed', channel: 'cli', operator: 'test' });
  coder = await createTestUser(t, ['coder']);
  doctor = await createTestUser(t, ['physician']);
  biller = await createTestUser(t, ['biller']);
  const ctx = cliContext(t.deps);
  await loadPayers(ctx, sample('payers.csv'));
  await loadFees(ctx, sample('fee-schedule.csv'));
});
afterAll(() => t.close());

describe('fee schedule', () => {
  it('loads the shipped sample again without duplicating rows', async () => {
    const r = await loadFees(cliContext(t.deps), sample('fee-schedule.csv'));
    expect(r).toEqual({ rows: 20, total: 20 });
  });

  it('rejects a file with a bad row, naming the line, and loads nothing', async () => {
    const text = 'code,price,effective_from\n99499,10.00,2026-01-01\n9921,abc,2026-01-01\n';
    await expect(loadFees(cliContext(t.deps), text)).rejects.toMatchObject({
      code: 'FEE_FILE_INVALID',
      message: expect.stringContaining('line 3'),
    });
    const n = await t.deps.db.selectFrom('billing_fee').select('code').where('code', '=', '99499').execute();
    expect(n).toHaveLength(0);
  });
});

describe('payers', () => {
  it('lists the payers with their prior-authorization rule for a biller, and refuses a physician', async () => {
    const res = await send(biller, 'GET', '/api/billing/payers');
    expect(res.statusCode).toBe(200);
    const mutual = res.json().items.find((p: { name: string }) => p.name === 'Synthetic Mutual');
    expect(mutual).toMatchObject({
      planType: expect.any(String),
      priorAuthCodes: expect.arrayContaining(['71046']),
    });
    expect((await send(doctor, 'GET', '/api/billing/payers')).statusCode).toBe(403);
  });
});

describe('charges and claims', () => {
  it('captures charges from final coding once and builds one professional claim per encounter', async () => {
    const patientId = await coveredPatient();
    const { id: enc } = await finalVisit(patientId, visit);
    const built = await send(biller, 'POST', '/api/billing/claims/build', { encounterId: enc });
    expect(built.statusCode).toBe(200);
    expect(built.json()).toMatchObject({ captured: 1, built: 1, replacements: 0, skipped: [] });
    const again = await send(biller, 'POST', '/api/billing/claims/build', { encounterId: enc });
    expect(again.json()).toMatchObject({ captured: 0, built: 0 });

    const id = built.json().claimIds[0] as string;
    const claim = (await send(biller, 'GET', `/api/billing/claims/${id}`)).json();
    expect(claim).toMatchObject({
      patientControlNumber: expect.stringMatching(/^CK\d{10}$/),
      payerId: 'SYNM1',
      type: 'P',
      status: 'draft',
      frequencyCode: '1',
      charge: 132,
      paid: 0,
      adjusted: 0,
      balance: 132,
      serviceFrom: '2026-02-10',
      diagnoses: [{ code: 'E119' }, { code: 'I10' }],
    });
    expect(claim.lines.map((l: { code: string; charge: number }) => [l.code, l.charge])).toEqual([
      ['99213', 120],
      ['36415', 12],
    ]);
    expect(claim.lines[0]).toMatchObject({ diagnosisPointers: [1, 2], placeOfService: '11' });
    expect(claim.history).toMatchObject([{ version: 1, action: 'build', status: 'draft' }]);
    const charges = await t.deps.db
      .selectFrom('billing_charge')
      .select('status')
      .where('encounter_id', '=', enc)
      .execute();
    expect(charges.map((c) => c.status)).toEqual(['billed', 'billed']);
  });

  it('sends a replacement claim (frequency 7) for a re-finalized encounter and never bills a line twice', async () => {
    const patientId = await coveredPatient();
    const { id: enc, version: codingVersion } = await finalVisit(patientId, visit);
    const first = (await send(biller, 'POST', '/api/billing/claims/build', { encounterId: enc })).json();
    const reopened = await send(coder, 'POST', `/api/coding/encounters/${enc}/reopen`, {
      version: codingVersion,
      reason: 'query answer',
    });
    expect(reopened.statusCode).toBe(200);
    await codeAndFinalize(enc, reopened.json().version, [
      ...visit,
      { system: 'cpt', code: '93000', modifiers: [], units: 1 },
    ]);
    const second = await send(biller, 'POST', '/api/billing/claims/build', { encounterId: enc });
    expect(second.json()).toMatchObject({ captured: 1, built: 1, replacements: 1 });
    const replacement = (
      await send(biller, 'GET', `/api/billing/claims/${second.json().claimIds[0]}`)
    ).json();
    expect(replacement).toMatchObject({ frequencyCode: '7', charge: 187 });
    const lines = await t.deps.db
      .selectFrom('billing_claim_line as l')
      .innerJoin('billing_claim as c', 'c.id', 'l.claim_id')
      .select(['l.charge_id', 'c.id'])
      .where('c.encounter_id', '=', enc)
      .execute();
    expect(new Set(lines.map((l) => l.charge_id)).size).toBe(lines.length);
    expect(lines.filter((l) => l.id === first.claimIds[0])).toHaveLength(2);
  });

  it('replaces unbilled charges when coding is re-finalized before a claim is built', async () => {
    const patientId = await coveredPatient('Unknown Payer', '2027-01-01');
    const { id: enc, version: codingVersion } = await finalVisit(patientId, visit);
    const skipped = (await send(biller, 'POST', '/api/billing/claims/build', { encounterId: enc })).json();
    expect(skipped).toMatchObject({
      captured: 1,
      built: 0,
      skipped: [{ encounterId: enc, reason: 'NO_ACTIVE_COVERAGE' }],
    });
    const reopened = await send(coder, 'POST', `/api/coding/encounters/${enc}/reopen`, {
      version: codingVersion,
      reason: 'fix',
    });
    expect(reopened.statusCode).toBe(200);
    await codeAndFinalize(enc, reopened.json().version, [visit[0] as object]);
    await send(biller, 'POST', '/api/billing/claims/build', { encounterId: enc });
    const rows = await t.deps.db
      .selectFrom('billing_charge')
      .select(['status', 'coding_version'])
      .where('encounter_id', '=', enc)
      .orderBy('coding_version')
      .orderBy('line_no')
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['replaced', 'replaced', 'unbilled']);
  });

  it('refuses a claim for an encounter without final coding', async () => {
    const res = await send(biller, 'POST', '/api/billing/claims/build', {
      encounterId: '00000000-0000-4000-8000-000000000001',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ENCOUNTER_NOT_FINAL');
  });

  it('lists claims with the CLI contract fields', async () => {
    const { items } = await listClaims(cliContext(t.deps), { status: 'draft' });
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const c of items) {
      expect(c).toMatchObject({
        id: expect.any(String),
        patientControlNumber: expect.any(String),
        type: expect.stringMatching(/^[PI]$/),
        status: 'draft',
        charge: expect.any(Number),
        paid: 0,
        adjusted: 0,
        patientResponsibility: 0,
      });
      expect(c.balance).toBe(c.charge - c.paid - c.adjusted);
      expect(c).toHaveProperty('payerId');
    }
  });
});

describe('who may see claims', () => {
  it('refuses the physician and the coder, audited; the biller still cannot open the chart', async () => {
    const list = await send(doctor, 'GET', '/api/billing/claims');
    expect(list.statusCode).toBe(403);
    const build = await send(coder, 'POST', '/api/billing/claims/build', { allReady: true });
    expect(build.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('actor_user_id', 'in', [doctor.id, coder.id])
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect(denied.every((d) => d.outcome === 'denied')).toBe(true);
    const patientId = await coveredPatient();
    const chart = await send(biller, 'GET', `/api/patients/${patientId}/chart`);
    expect(chart.statusCode).toBe(403);
  });

  it('leaves out claims of a confidential patient and audits what the biller read', async () => {
    const patientId = await coveredPatient();
    const { id: enc } = await finalVisit(patientId, visit);
    const built = (await send(biller, 'POST', '/api/billing/claims/build', { encounterId: enc })).json();
    await insertLabel(t.deps.db, {
      patient_id: patientId,
      label: 'confidential',
      note: null,
      created_at: t.clock.now(),
      created_by: null,
    });
    const list = (await send(biller, 'GET', '/api/billing/claims?limit=500')).json();
    expect(list.items.map((c: { patientId: string }) => c.patientId)).not.toContain(patientId);
    const one = await send(biller, 'GET', `/api/billing/claims/${built.claimIds[0]}`);
    expect(one.statusCode).toBe(404);
    const reads = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_user_id', '=', biller.id)
      .where('action', 'in', ['billing.claims_list', 'billing.claim_read', 'coding.final_billing_read'])
      .execute();
    expect(new Set(reads.map((r) => r.action))).toEqual(
      new Set(['billing.claims_list', 'billing.claim_read', 'coding.final_billing_read']),
    );
  });
});
