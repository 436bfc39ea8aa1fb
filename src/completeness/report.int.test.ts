import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { chartSteps } from './completion-fixtures.ts';

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
});
