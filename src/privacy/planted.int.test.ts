import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { generateHospital, type Hospital, plantedRecall } from '../../test/privacy-hospital.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { scanDay } from './scan.service.ts';

// Issue 23, the benchmark's planted-case check at a small size (bench/privacy-monitoring.bench.ts runs it
// at 1,000 users and 1M events a day): every planted case of every rule is found, and ordinary documented
// work — panels, clinic encounters, registrations, work queues, staff records worked from the queue —
// raises nothing. A rule change that loses a case or starts alerting on ordinary work fails here.

let t: TestApp;
let h: Hospital;
const CLEAN_DAYS = 2;

beforeAll(async () => {
  t = await buildTestApp();
  h = await generateHospital(t.deps.db, {
    users: 120,
    patients: 4000,
    days: 12,
    eventsPerDay: 15_000,
    planted: 3,
    firstDay: '2026-05-01',
    seed: 0.61,
  });
  for (const day of h.days.slice(-1 - CLEAN_DAYS)) await scanDay(cliContext(t.deps), day);
}, 120_000);
afterAll(() => t.close());

describe('the synthetic hospital’s planted snooping', () => {
  it('plants three cases of each rule on the last day', () => {
    const rules = h.planted.map((p) => p.rule);
    for (const r of [
      'restricted_no_relationship',
      'self_or_family',
      'coworker_record',
      'volume',
      'deceased',
      'no_reason',
    ])
      expect(
        rules.filter((x) => x === r),
        r,
      ).toHaveLength(3);
  });

  it('finds every planted case (recall 100% per rule)', async () => {
    const recall = await plantedRecall(t.deps.db, h);
    expect(recall.map((r) => [r.rule, r.found])).toEqual(recall.map((r) => [r.rule, r.planted]));
  });

  it('raises no alert on the clean days, nor for users who planted nothing', async () => {
    const { rows } = await sql<{ user_id: string; day: string; rules: string[] }>`
      select user_id, day::text, rules from privacy_alert`.execute(t.deps.db);
    const last = h.days.at(-1);
    const stray = rows.filter((a) => a.day !== last || !h.plantedUsers.has(a.user_id));
    expect(stray).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(h.planted.length - 3);
  });
});
