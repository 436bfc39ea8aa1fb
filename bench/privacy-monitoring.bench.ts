import { sql } from 'kysely';
import { cliContext } from '../src/kernel/cli-context.ts';
import { scanDay } from '../src/privacy/scan.service.ts';
import { generateHospital, plantedRecall } from '../test/privacy-hospital.ts';
import { type Figure, withBenchDatabase } from './lib.ts';

/**
 * Issue 23: privacy monitoring over a synthetic hospital (test/privacy-hospital.ts): 1,000 users in 8
 * roles, 100,000 patients, 30 days of ordinary work at ~1M audit events a day, and planted snooping of
 * each rule on the last day. Scans the last CLEAN_DAYS clean days, then the planted day; reports recall
 * per rule, false alerts per 1,000 users per day (alerts on clean days, and on the planted day those of
 * users who planted nothing), and the scan time of one day. Sizes: PRIVACY_BENCH_USERS, _PATIENTS,
 * _DAYS, _EVENTS (per day), _PLANTED (per rule).
 */
const env = (k: string, d: number) => Number(process.env[`PRIVACY_BENCH_${k}`] ?? d);
const SPEC = {
  users: env('USERS', 1000),
  patients: env('PATIENTS', 100_000),
  days: env('DAYS', 30),
  eventsPerDay: env('EVENTS', 1_000_000),
  planted: env('PLANTED', 10),
  firstDay: '2026-10-01',
};
const CLEAN_DAYS = 2;

export async function run(): Promise<Figure[]> {
  return withBenchDatabase('privacy', {}, async (deps) => {
    const g0 = performance.now();
    const h = await generateHospital(deps.db, SPEC);
    const genSeconds = (performance.now() - g0) / 1000;
    process.stderr.write(`generated ${h.events} events in ${genSeconds.toFixed(0)} s\n`);
    const ctx = cliContext(deps);
    const scans = [];
    for (const day of h.days.slice(-1 - CLEAN_DAYS)) {
      const r = await scanDay(ctx, day);
      process.stderr.write(`scanned ${day}: ${r.events} events, ${r.alertsNew} alerts, ${r.ms} ms\n`);
      scans.push(r);
    }
    const last = scans.at(-1) as (typeof scans)[number];
    const recall = await plantedRecall(deps.db, h);
    // The clean part: the clean days, and the planted day's alerts of users who planted nothing.
    const clean = sql<boolean>`day >= ${h.days.at(-1 - CLEAN_DAYS)}
      and not (day = ${last.day} and user_id = any(${[...h.plantedUsers]}::uuid[]))`;
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from privacy_alert where ${clean}`.execute(deps.db);
    const falsePerKiloUserDay = (rows[0]?.n ?? 0) / scans.length / (SPEC.users / 1000);
    const byRule = await sql<{ rule: string; role: string; n: number }>`
      select r as rule, role, count(*)::int as n from privacy_alert, unnest(rules) r
      where ${clean} group by 1, 2 order by 3 desc`.execute(deps.db);
    if (byRule.rows.length) console.table(byRule.rows);
    return [
      { name: 'synthetic hospital: audit events generated', value: h.events, unit: 'events' },
      { name: 'synthetic hospital: generation time', value: genSeconds, unit: 's' },
      ...recall.map((r) => ({
        name: `recall, ${r.rule} (${r.found}/${r.planted} planted)`,
        value: r.recall * 100,
        unit: '%',
        target: '100',
      })),
      {
        name: 'false alerts on the clean part',
        value: falsePerKiloUserDay,
        unit: 'per 1,000 users per day',
        target: '< 5',
      },
      {
        name: `first scan of a day (fills ${SPEC.days - CLEAN_DAYS - 1} days of volume history from the trail)`,
        value: (scans[0]?.ms ?? 0) / 1000,
        unit: 's',
      },
      {
        name: `scan of one day, ${last.events} events, ${last.touches} charts opened`,
        value: last.ms / 1000,
        unit: 's',
        target: '< 60',
      },
    ];
  });
}
