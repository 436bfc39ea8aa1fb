import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { listClaims } from '../src/billing/claims-read.service.ts';
import { answer837 } from '../src/billing/demo/payer-835.ts';
import { loadFees, loadPayers } from '../src/billing/fees.service.ts';
import { loadProviders } from '../src/billing/providers/providers.service.ts';
import { importRemit } from '../src/billing/remit/remit.service.ts';
import { scrubClaims } from '../src/billing/scrubber/scrubber.service.ts';
import { batchClaims } from '../src/billing/x12/batch.service.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import type { Db } from '../src/kernel/db.ts';
import { type Figure, summarize, withLoadDatabase } from './lib.ts';

/**
 * Issue 13 figures on a fresh embedded PostgreSQL, synthetic data only: scrub 10,000 draft claims and
 * write them as an 837 batch (the "build" step from final coding is not in this figure: the claims are
 * inserted directly), post the payer's 835 of those 10,000 claims, and the claim queue page (25 rows,
 * cursor) at 100,000 claims.
 */
const N = 10_000;
const QUEUE = 100_000;
const sample = (f: string) => readFileSync(path.resolve('src/billing/sample', f), 'utf8');

/** `n` patients with address and Synthetic Mutual coverage, each with a draft claim of two lines. */
async function seedClaims(db: Db, n: number, from: number, status: string, day: string): Promise<void> {
  await sql`with p as (
      insert into patient (mrn, family_name, given_name, birth_date, sex_at_birth, created_at, updated_at)
      select 'BB' || lpad(g::text, 8, '0'), 'Synthetic' || g, 'Pat', date '1961-04-02', 'F', now(), now()
      from generate_series(${from}::int, ${from + n - 1}::int) g returning id, mrn),
    a as (insert into patient_address (patient_id, line1, city, state, postal_code, is_current, valid_from, created_at)
      select id, '12 Elm Street', 'Springfield', 'IL', '62704', true, date '2020-01-01', now() from p),
    cov as (insert into patient_coverage (patient_id, priority, payer, plan, member_id, group_number,
        subscriber_name, relationship, effective_from, created_at)
      select id, 'primary', 'Synthetic Mutual', 'PPO', 'M' || mrn, 'G-77', 'Pat Synthetic', 'self',
        date '2020-01-01', now() from p returning id, patient_id),
    c as (insert into billing_claim (patient_control_number, encounter_id, patient_id, coverage_id, payer_ref,
        payer_name, payer_order, type, status, service_from, service_to, diagnoses, details, charge,
        created_at, updated_at)
      select 'CK' || lpad(substr(p.mrn, 3), 10, '0'), gen_random_uuid(), p.id, cov.id,
        (select id from billing_payer where payer_id = 'SYNM1'), 'Synthetic Mutual', 'primary', 'P',
        ${status}, ${day}::date, ${day}::date, '[{"code":"E119"},{"code":"I10"}]'::jsonb,
        '{"placeOfService":"11"}'::jsonb, 132, now(), now()
      from p join cov on cov.patient_id = p.id returning id, encounter_id, patient_id)
    , ch as (insert into billing_charge (encounter_id, patient_id, coding_version, line_no, code_system, code,
        modifiers, units, service_date, diagnosis_pointers, place_of_service, amount, status, created_at)
      select c.encounter_id, c.patient_id, 1, l.n, 'cpt', l.code, '{}', 1, ${day}::date, '{1,2}', '11', l.amount,
        'billed', now()
      from c cross join (values (1, '99213', 120), (2, '36415', 12)) as l(n, code, amount)
      returning id, encounter_id, line_no, code, amount)
    insert into billing_claim_line (claim_id, line_no, charge_id, code_system, code, modifiers, units,
      service_date, diagnosis_pointers, place_of_service, charge)
    select c.id, ch.line_no, ch.id, 'cpt', ch.code, '{}', 1, ${day}::date, '{1,2}', '11', ch.amount
    from ch join c on c.encounter_id = ch.encounter_id`.execute(db);
}

export async function run(): Promise<Figure[]> {
  return withLoadDatabase('billing', async (deps, dir) => {
    const ctx = cliContext(deps);
    await loadPayers(ctx, sample('payers.csv'));
    await loadFees(ctx, sample('fee-schedule.csv'));
    await loadProviders(ctx, sample('providers.csv'));
    const day = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await seedClaims(deps.db, N, 1, 'draft', day);
    const out = path.join(dir, 'outbox');
    const t0 = performance.now();
    const scrub = await scrubClaims(ctx, {});
    const t1 = performance.now();
    const batch = await batchClaims(ctx, { outDir: out, usage: 'T' });
    const t2 = performance.now();
    if (scrub.ready !== N || batch.claims !== N)
      throw new Error(`scrub ${scrub.ready} ready, batch ${batch.claims}`);
    const file = readdirSync(out).find((f) => f.endsWith('.x12')) as string;
    const remit = answer837(readFileSync(path.join(out, file), 'utf8'), {
      trace: 'BENCH835',
      date: new Date(),
      controlNumber: 1,
    }) as string;
    const t3 = performance.now();
    const posted = await importRemit(ctx, remit, 'bench.835');
    const t4 = performance.now();
    if (posted.transactions[0]?.posted !== N) throw new Error('835 did not post every claim');
    await seedClaims(deps.db, QUEUE - N, N + 1, 'paid', day);
    await sql`analyze`.execute(deps.db);
    const pcns = Array.from(
      { length: 200 },
      (_, i) => `CK${String(1 + ((i * 7919) % QUEUE)).padStart(10, '0')}`,
    );
    const samples: number[] = [];
    for (const [i, after] of pcns.entries()) {
      const s = performance.now();
      await listClaims(ctx, { limit: 25, after, ...(i % 2 ? { status: 'paid' as const } : {}) });
      samples.push(performance.now() - s);
    }
    const q = summarize(samples.slice(20));
    return [
      { name: `scrub ${N} draft claims`, value: Math.round(t1 - t0), unit: 'ms' },
      { name: `re-scrub, write and mark submitted (one 837P)`, value: Math.round(t2 - t1), unit: 'ms' },
      {
        name: 'scrub + write 837 total',
        value: Math.round(t2 - t0),
        unit: 'ms',
        target: '≤ 5000 (with build)',
      },
      {
        name: `post an 835 of ${N} claims (incl. parse + balance)`,
        value: Math.round(t4 - t3),
        unit: 'ms',
        target: '≤ 10000',
      },
      { name: `claim queue page p50 at ${QUEUE} claims`, value: q.p50, unit: 'ms' },
      { name: `claim queue page p95 at ${QUEUE} claims`, value: q.p95, unit: 'ms', target: '≤ 50' },
    ];
  });
}
