import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser } from '../../test/auth.ts';
import { chartSteps } from '../../test/completion-steps.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { lastNightlyRuns } from './nightly.queries.ts';
import { runNightlyIfDue } from './nightly.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('nightly deficiency analysis', () => {
  it('runs once per date whatever the number of servers, and records what it did', async () => {
    const steps = chartSteps(t);
    const doctor = await createTestUser(t, ['physician']);
    const patientId = (await insertTestPatient(t)).id;
    await steps.encounter(doctor, patientId, doctor.id, {});

    expect(await runNightlyIfDue(t.deps, '2026-03-02')).toBe(true);
    // A second server (or a restart) finds the night already claimed.
    expect(await runNightlyIfDue(t.deps, '2026-03-02')).toBe(false);
    expect(await runNightlyIfDue(t.deps, '2026-03-03')).toBe(true);

    const runs = await lastNightlyRuns(t.deps.db);
    expect(runs.map((r) => r.run_date)).toEqual(['2026-03-03', '2026-03-02']);
    expect(runs[1]).toMatchObject({ error: null, counts: expect.objectContaining({ encounters: 1 }) });
    expect(runs[1]?.finished_at).toBeInstanceOf(Date);
  });
});
