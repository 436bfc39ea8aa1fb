import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import { createApiToken } from '../src/access/tokens.service.ts';
import { createUser } from '../src/access/users.service.ts';
import { buildApp } from '../src/app.ts';
import { analyseAll } from '../src/completeness/analysis.service.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import type { RequestContext } from '../src/kernel/context.ts';
import type { Db } from '../src/kernel/db.ts';
import { type Figure, load, summarize, withLoadDatabase } from './lib.ts';

/**
 * Chart completion at hospital scale (issue 5): deficiency analysis of 100,000 generated encounters from
 * scratch (aim: under 60 s), then the HIM queue's first page through the HTTP API with over 100,000 open
 * deficiencies (aim: p95 ≤ 100 ms). Synthetic data only, generated in SQL.
 */
const PATIENTS = 10_000;
const PER_PATIENT = 10;
const CLINICIANS = 20;

async function users(ctx: RequestContext, n: number, role: 'physician' | 'him_clerk', prefix: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await createUser(ctx, {
      username: `${prefix}-${i}`,
      fullName: `Bench ${prefix} ${i}`,
      roles: [role],
      password: 'correct horse battery staple 42',
    });
    ids.push(id);
  }
  return ids;
}

/** Half inpatient stays discharged in early 2026, half visits; a third signed, most with a diagnosis. */
async function seed(db: Db, clinicians: string[]): Promise<void> {
  await sql`insert into patient (mrn, family_name, given_name, birth_date, sex_at_birth, created_at, updated_at)
    select 'BENCH' || g, 'Bench' || g, 'Pat', date '1960-01-01' + (g % 20000), 'U', now(), now()
    from generate_series(1, ${PATIENTS}) g`.execute(db);
  const docs = sql.val(clinicians);
  await sql`insert into chart_encounter (patient_id, class, status, data, provider_id, starts_at,
      created_by, created_at, updated_by, updated_at)
    select p.id, case when k % 2 = 0 then 'inpatient' else 'appointment' end, 'completed',
      jsonb_build_object('type', (array['medicine','surgery','cardiology','obstetrics'])[k % 4 + 1],
        'location', 'Ward 3', 'reason', 'bench',
        'dischargedAt', case when k % 2 = 0 then to_jsonb(timestamptz '2026-01-03' + (k * 3 % 60) * interval '1 day') end,
        'dischargeDisposition', case when k % 2 = 0 then 'home' end),
      (${docs}::uuid[])[(row_number() over ()) % ${CLINICIANS} + 1],
      timestamptz '2026-01-01' + (k * 3 % 60) * interval '1 day', p.id, now(), p.id, now()
    from patient p cross join generate_series(1, ${PER_PATIENT}) k`.execute(db);
  await sql`insert into chart_entry (patient_id, kind, encounter_id, data, created_by, created_at, updated_by, updated_at)
    select e.patient_id, 'diagnosis', e.id, '{"description":"Synthetic","primary":true}', e.provider_id, e.starts_at,
      e.provider_id, e.starts_at
    from chart_encounter e where abs(hashtext(e.id::text)) % 5 <> 0`.execute(db);
  await sql`insert into chart_entry (patient_id, kind, encounter_id, data, created_by, created_at, updated_by, updated_at)
    select e.patient_id, 'note', e.id,
      '{"noteType":"discharge_summary","title":"Discharge summary","text":"Synthetic","status":"final"}',
      e.provider_id, e.starts_at, e.provider_id, e.starts_at
    from chart_encounter e where e.class = 'inpatient' and abs(hashtext(e.id::text)) % 3 = 0`.execute(db);
  await sql`insert into completeness_signature (patient_id, entry_id, role, signer_user_id, signer_name,
      attestation, content_sha256, signed_at)
    select n.patient_id, n.id, 'author', n.created_by, 'Bench', 'password', 'x', n.created_at
    from chart_entry n where n.kind = 'note' and abs(hashtext(n.id::text)) % 2 = 0`.execute(db);
  await sql`analyze`.execute(db);
}

export async function run(): Promise<Figure[]> {
  return withLoadDatabase('completeness', async (deps, dir) => {
    const ctx = cliContext(deps);
    const clinicians = await users(ctx, CLINICIANS, 'physician', 'doc');
    const [clerkId] = await users(ctx, 1, 'him_clerk', 'clerk');
    await seed(deps.db, clinicians);
    const t0 = performance.now();
    const counts = await analyseAll(ctx);
    const analysisSeconds = (performance.now() - t0) / 1000;
    await sql`analyze`.execute(deps.db);

    const { token } = await createApiToken(ctx, clerkId as string, { name: 'bench' });
    const app = await buildApp(deps, { webDist: path.join(dir, 'no-web') });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/completion/deficiencies`;
    const headers = { authorization: `Bearer ${token}` };
    const call = (qs: string) => async () => {
      const r = await fetch(`${base}?limit=50${qs}`, { headers });
      if (!r.ok) throw new Error(`queue failed: ${r.status}`);
      await r.arrayBuffer();
    };
    for (let i = 0; i < 20; i++) await call('')();
    const first = await load(200, 1, call(''));
    const byDoc = await load(200, 1, call(`&responsibleId=${clinicians[3]}&minDaysOverdue=7`));
    const parallel = await load(400, 8, call(''));
    await app.close();
    const open = Number(
      (
        await deps.db
          .selectFrom('completeness_deficiency')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'open')
          .executeTakeFirstOrThrow()
      ).n,
    );
    return [
      {
        name: `analysis of ${counts.encounters} encounters from scratch`,
        value: analysisSeconds,
        unit: 's',
        target: '< 60 s',
      },
      { name: 'analysis rate', value: counts.encounters / analysisSeconds, unit: 'encounters/s' },
      { name: 'deficiencies opened', value: counts.opened, unit: 'count' },
      { name: 'open deficiencies during the queue test', value: open, unit: 'count' },
      {
        name: 'HIM queue first page p95 (1 client)',
        value: summarize(first.latencies).p95,
        unit: 'ms',
        target: '≤ 100 ms',
      },
      { name: 'HIM queue first page p50 (1 client)', value: summarize(first.latencies).p50, unit: 'ms' },
      {
        name: 'HIM queue filtered (clinician, ≥7 days overdue) p95',
        value: summarize(byDoc.latencies).p95,
        unit: 'ms',
      },
      {
        name: 'HIM queue first page p95 (8 concurrent clients)',
        value: summarize(parallel.latencies).p95,
        unit: 'ms',
      },
    ];
  });
}
