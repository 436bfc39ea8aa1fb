import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { chartSteps } from '../../test/completion-steps.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let clerk: TestUser;
let doctor: TestUser;
let doctor2: TestUser;
let patientId: string;
let steps: ReturnType<typeof chartSteps>;

beforeAll(async () => {
  t = await buildTestApp();
  steps = chartSteps(t);
  clerk = await createTestUser(t, ['him_clerk']);
  doctor = await createTestUser(t, ['physician']);
  doctor2 = await createTestUser(t, ['physician']);
  patientId = (await insertTestPatient(t)).id;
});
afterAll(() => t.close());

const queue = async (qs = '') =>
  (await steps.send(clerk, 'GET', `/api/completion/deficiencies?limit=200${qs}`)).json() as {
    items: { id: string; ruleId: string; encounterId: string; responsibleUserId: string; status: string }[];
    total: number;
  };
const ofEncounter = async (encounterId: string) =>
  (await queue()).items.filter((d) => d.encounterId === encounterId);

async function completedVisit(over: object = {}) {
  const id = await steps.encounter(doctor, patientId, doctor.id, over);
  let version = 1;
  for (const status of ['arrived', 'in_progress', 'completed']) {
    const res = await steps.send(doctor, 'POST', `/api/encounters/${id}/status`, { status, version });
    version = res.json().version;
  }
  return id;
}

describe('deficiency analysis', () => {
  it('opens on discharge (summary, H&P, diagnosis), and the clinician and HIM queue see it', async () => {
    const id = await completedVisit({
      class: 'inpatient',
      type: 'medicine',
      startsAt: '2026-02-20T08:00:00Z',
      dischargedAt: '2026-02-25T10:00:00Z',
      dischargeDisposition: 'home',
    });
    const found = await ofEncounter(id);
    expect(found.map((d) => d.ruleId).sort()).toEqual([
      'discharge-summary',
      'encounter-diagnosis',
      'history-and-physical',
    ]);
    expect(found.every((d) => d.responsibleUserId === doctor.id)).toBe(true);
    const mine = (await steps.send(doctor, 'GET', '/api/completion/my-deficiencies')).json();
    expect(mine.items.some((d: { encounterId: string }) => d.encounterId === id)).toBe(true);
    const counts = (await steps.send(doctor, 'GET', '/api/completion/inbox-counts')).json();
    expect(counts.deficiencies).toBeGreaterThanOrEqual(2);
    // H&P was due 24 h after admission (21 Feb): 9 days past due on 2 March, past the 7-day reminder.
    const hp = (await queue('&ruleId=history-and-physical')).items[0] as unknown as {
      stage: string;
      daysOverdue: number;
    };
    expect(hp.stage).toBe('reminded');
    expect(hp.daysOverdue).toBe(9);
  });

  it('closes automatically when the fix arrives and never opens the same one twice', async () => {
    const id = await completedVisit();
    expect((await ofEncounter(id)).map((d) => d.ruleId)).toEqual(['encounter-diagnosis']);
    const run = await steps.send(clerk, 'POST', '/api/completion/analysis');
    expect(run.statusCode).toBe(200);
    await steps.send(clerk, 'POST', '/api/completion/analysis');
    expect((await ofEncounter(id)).length).toBe(1);
    const dx = await steps.send(doctor, 'POST', `/api/patients/${patientId}/diagnoses`, {
      kind: 'diagnosis',
      encounterId: id,
      data: { description: 'Synthetic diagnosis', primary: true },
    });
    expect(dx.statusCode).toBe(201);
    expect(await ofEncounter(id)).toEqual([]);
    const closed = (await queue('&status=closed')).items.filter((d) => d.encounterId === id);
    expect(closed).toHaveLength(1);
  });

  it('honours facility rule switches', async () => {
    const off = await steps.send(clerk, 'PUT', '/api/completion/settings/rules/encounter-diagnosis', {
      enabled: false,
    });
    expect(off.statusCode).toBe(200);
    const id = await completedVisit();
    expect(await ofEncounter(id)).toEqual([]);
    const bad = await steps.send(clerk, 'PUT', '/api/completion/settings/rules/encounter-diagnosis', {
      enabled: true,
      params: { weeks: 2 },
    });
    expect(bad.json().error.details.issues[0].field).toBe('params.weeks');
    await steps.send(clerk, 'PUT', '/api/completion/settings/rules/encounter-diagnosis', {
      enabled: true,
      params: { days: 5 },
    });
    const settings = (await steps.send(clerk, 'GET', '/api/completion/settings')).json();
    expect(settings.rules.find((r: { id: string }) => r.id === 'encounter-diagnosis')).toMatchObject({
      enabled: true,
      params: { days: 5 },
    });
  });
});

describe('manual work on deficiencies', () => {
  it('opens by hand, reassigns in bulk and waives with a reason, keeping the history', async () => {
    const enc = await completedVisit();
    const res = await steps.send(clerk, 'POST', '/api/completion/deficiencies', {
      encounterId: enc,
      description: 'Outside records not filed',
      responsibleUserId: doctor.id,
      dueAt: '2026-03-10T00:00:00Z',
    });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ manual: true, ruleId: 'manual', status: 'open' });
    const moved = await steps.send(clerk, 'POST', '/api/completion/deficiencies/reassign', {
      ids: [d.id],
      responsibleUserId: doctor2.id,
      reason: 'Covering physician',
    });
    expect(moved.json()).toEqual({ reassigned: 1 });
    const waived = await steps.send(clerk, 'POST', `/api/completion/deficiencies/${d.id}/waive`, {
      reason: 'Filed on paper',
    });
    expect(waived.json()).toMatchObject({
      status: 'waived',
      closeReason: 'Filed on paper',
      responsibleUserId: doctor2.id,
    });
    const detail = (await steps.send(clerk, 'GET', `/api/completion/deficiencies/${d.id}`)).json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'opened',
      'reassigned',
      'waived',
    ]);
  });

  it('refuses waiving without a reason and a due date in the past, changing nothing', async () => {
    const enc = await completedVisit();
    const [d] = await ofEncounter(enc);
    const res = await steps.send(clerk, 'POST', `/api/completion/deficiencies/${d?.id}/waive`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].field).toBe('reason');
    expect((await ofEncounter(enc)).map((x) => x.status)).toEqual(['open']);
    const past = await steps.send(clerk, 'POST', '/api/completion/deficiencies', {
      encounterId: enc,
      description: 'Something missing',
      responsibleUserId: patientId,
      dueAt: '2026-03-01T00:00:00Z',
    });
    expect(
      past
        .json()
        .error.details.issues.map((i: { field: string }) => i.field)
        .sort(),
    ).toEqual(['dueAt', 'responsibleUserId']);
    expect(await ofEncounter(enc)).toHaveLength(1);
  });

  it('keeps clinicians out of the HIM queue and clerk actions', async () => {
    expect((await steps.send(doctor, 'GET', '/api/completion/deficiencies')).statusCode).toBe(403);
    const r = await steps.send(doctor, 'POST', '/api/completion/deficiencies/reassign', {
      ids: [patientId],
      responsibleUserId: doctor.id,
    });
    expect(r.statusCode).toBe(403);
  });
});
