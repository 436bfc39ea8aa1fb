import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import type { AlertStatus } from './privacy.tables.ts';

let t: TestApp;
let officer: TestUser;
let nurse: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  officer = await createTestUser(t, ['privacy_officer']);
  nurse = await createTestUser(t, ['nurse']);
});
afterAll(() => t.close());

const queue = async (user: TestUser, key: string) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/my-work', headers: user.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().queues.find((q: { key: string }) => q.key === key);
};

/** An alert raised on `day` (synthetic: the volume rule, no patient). */
async function alert(day: string, status: AlertStatus = 'new'): Promise<string> {
  const at = new Date(`${day}T09:00:00Z`);
  const row = await t.deps.db
    .insertInto('privacy_alert')
    .values({
      day,
      user_id: nurse.id,
      username: nurse.username,
      role: 'nurse',
      patient_id: null,
      rules: ['volume'],
      status,
      evidence: JSON.stringify({}),
      event_count: 120,
      first_at: at,
      last_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('privacy queue on My work', () => {
  it('counts open alerts against the 60-day breach notice clock and opens the oldest', async () => {
    // Today is 2026-03-02: raised 2026-01-01 was due 2026-03-02 (today); 2025-12-20 is past it.
    const late = await alert('2025-12-20', 'under_review');
    await alert('2026-01-01');
    await alert('2026-02-28');
    await alert('2025-11-01', 'closed_appropriate');
    expect(await queue(officer, 'privacy-alerts')).toMatchObject({
      duty: 'privacy',
      count: 3,
      breached: 1,
      dueToday: 1,
      nextItemPath: `/privacy/alerts/${late}`,
      deadline: { days: 60, rule: expect.stringContaining('164.404(b)') },
    });
  });

  it('is not shown to a user without privacy:monitor', async () => {
    expect(await queue(nurse, 'privacy-alerts')).toBeUndefined();
  });
});
