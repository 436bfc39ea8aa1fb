import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { chartSteps } from '../../test/completion-steps.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let clerk: TestUser;
let doctor: TestUser;
let encounterId: string;
let steps: ReturnType<typeof chartSteps>;

beforeAll(async () => {
  t = await buildTestApp();
  steps = chartSteps(t);
  clerk = await createTestUser(t, ['him_clerk']);
  doctor = await createTestUser(t, ['physician']);
  const patientId = (await insertTestPatient(t)).id;
  encounterId = await steps.encounter(doctor, patientId, doctor.id, {
    class: 'inpatient',
    type: 'cardiology',
    startsAt: '2026-01-02T08:00:00Z',
    dischargedAt: '2026-01-05T10:00:00Z',
    dischargeDisposition: 'home',
  });
  let version = 1;
  for (const status of ['arrived', 'in_progress', 'completed'])
    version = (
      await steps.send(doctor, 'POST', `/api/encounters/${encounterId}/status`, { status, version })
    ).json().version;
});
afterAll(() => t.close());

describe('delinquency report and chart status', () => {
  it('reports per clinician and per service with the delinquency rate, as JSON and CSV', async () => {
    const res = await steps.send(
      clerk,
      'GET',
      '/api/completion/reports/delinquency?from=2026-01-01&to=2026-01-31',
    );
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.totals).toEqual({ discharges: 1, delinquentCharts: 1 });
    expect(r.byClinician[0]).toMatchObject({
      key: doctor.id,
      discharges: 1,
      delinquentCharts: 1,
      delinquencyRate: 1,
    });
    expect(r.byService[0]).toMatchObject({ label: 'cardiology', discharges: 1 });
    const csv = await steps.send(
      clerk,
      'GET',
      '/api/completion/reports/delinquency.csv?from=2026-01-01&to=2026-01-31',
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('delinquency rate');
    expect(csv.body).toContain('service,cardiology,');
    const bad = await steps.send(
      clerk,
      'GET',
      '/api/completion/reports/delinquency?from=2026-02-01&to=2026-01-31',
    );
    expect(bad.statusCode).toBe(400);
    expect(
      (await steps.send(doctor, 'GET', '/api/completion/reports/delinquency?from=2026-01-01&to=2026-01-31'))
        .statusCode,
    ).toBe(403);
  });

  it('shows an encounter with open deficiencies as incomplete', async () => {
    const s = (await steps.send(doctor, 'GET', `/api/completion/encounters/${encounterId}/status`)).json();
    expect(s).toMatchObject({ status: 'incomplete', coded: false });
    expect(s.openDeficiencies).toBeGreaterThan(0);
  });

  it('moves to final once every deficiency is resolved and coding is done (the coding domain answers)', async () => {
    const open = (await steps.send(clerk, 'GET', '/api/completion/deficiencies?limit=200'))
      .json()
      .items.filter((d: { encounterId: string }) => d.encounterId === encounterId);
    for (const d of open)
      await steps.send(clerk, 'POST', `/api/completion/deficiencies/${d.id}/waive`, {
        reason: 'Synthetic test',
      });
    const status = async () =>
      (await steps.send(doctor, 'GET', `/api/completion/encounters/${encounterId}/status`)).json().status;
    expect(await status()).toBe('complete');
    const enc = await t.deps.db
      .selectFrom('chart_encounter')
      .select('patient_id')
      .where('id', '=', encounterId)
      .executeTakeFirstOrThrow();
    const now = t.clock.now();
    await t.deps.db
      .insertInto('coding_encounter')
      .values({
        encounter_id: encounterId,
        patient_id: enc.patient_id,
        status: 'final',
        version: 1,
        diagnoses: '[]',
        procedures: '[]',
        drugs: '[]',
        coder_notes: null,
        hold_question: null,
        edits: '[]',
        edits_run_at: null,
        coded_by: doctor.id,
        coded_at: now,
        finalized_by: doctor.id,
        finalized_at: now,
        created_at: now,
        updated_by: doctor.id,
        updated_at: now,
      })
      .execute();
    expect(await status()).toBe('final');
  });
});
