import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { createApiToken } from '../src/access/tokens.service.ts';
import { createUser } from '../src/access/users.service.ts';
import { appJobQueue, buildApp, hooks } from '../src/app.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { loadConfig } from '../src/kernel/config.ts';
import type { AppDeps } from '../src/kernel/context.ts';
import { migrateBehindKeyGate } from '../src/kernel/keyring.ts';
import { openRuntimeDatabase } from '../src/kernel/runtime-db.ts';
import { seedPatients } from '../src/patients/index.ts';
import { type Figure, load, summarize } from './lib.ts';

/**
 * The patient index through the HTTP API on a generated index (issue 4 performance targets):
 * seeding rate, name + date-of-birth search, MRN lookup and the registration duplicate check.
 * BENCH_PATIENTS sets the index size (default 100 000; the issue's figure is 1 000 000).
 */
const N = Number(process.env.BENCH_PATIENTS ?? 100_000);
const SAMPLES = 300;

interface Sample {
  family_name: string;
  given_name: string;
  birth_date: string;
  sex_at_birth: string;
  mrn: string;
  phone_digits: string[];
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-bench-patients-'));
  const config = loadConfig({ CHARTKEEPER_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const database = await openRuntimeDatabase(config, 'server');
  try {
    await migrateBehindKeyGate(database.db, config);
    const deps: AppDeps = {
      config,
      db: database.db,
      pool: database.pool,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      dbMode: database.mode,
      jobs: appJobQueue(database.pool, pino({ level: 'silent' })),
      hooks,
    };
    const ctx = cliContext(deps);
    const t0 = performance.now();
    await seedPatients(ctx, {
      count: N,
      seed: 11,
      duplicateRate: 0.02,
      onProgress: (d) => d % 100_000 === 0 && process.stderr.write(`seeded ${d}\n`),
    });
    const seedSeconds = (performance.now() - t0) / 1000;
    await sql`analyze`.execute(deps.db);

    const { id } = await createUser(ctx, {
      username: 'bench-clerk',
      fullName: 'Bench Clerk',
      roles: ['registration_clerk'],
      password: 'a bench passphrase of some length',
    });
    const { token } = await createApiToken(ctx, id, { name: 'bench' });
    const app = await buildApp(deps, { webDist: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const { rows } =
      await sql<Sample>`select family_name, given_name, birth_date, sex_at_birth, mrn, phone_digits from patient order by random() limit ${SAMPLES}`.execute(
        deps.db,
      );
    const pick = (i: number) => rows[i % rows.length]!;
    const call = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(`${base}${url}`, { ...init, headers });
      if (!res.ok) throw new Error(`${url} → ${res.status}`);
      await res.arrayBuffer();
    };

    const warm = await load(30, 1, (i) => call(`/patients?mrn=${pick(i).mrn}`));
    void warm;
    const byName = await load(SAMPLES, 1, (i) => {
      const s = pick(i);
      return call(
        `/patients?name=${encodeURIComponent(`${s.family_name}, ${s.given_name}`)}&birthDate=${s.birth_date}`,
      );
    });
    const byMrn = await load(SAMPLES, 1, (i) => call(`/patients?mrn=${pick(i).mrn}`));
    const dupCheck = await load(SAMPLES, 1, (i) => {
      const s = pick(i);
      return call('/patients/match-candidates', {
        method: 'POST',
        body: JSON.stringify({
          family: s.family_name,
          given: s.given_name,
          birthDate: s.birth_date,
          sexAtBirth: s.sex_at_birth,
          phones: s.phone_digits.map((number) => ({ number })),
        }),
      });
    });
    await app.close();
    return [
      { name: 'patients in the index', value: N, unit: 'records' },
      { name: 'seeding rate', value: N / seedSeconds, unit: 'patients/s', target: '1M ≤ 10 min (≥ 1667/s)' },
      {
        name: 'seeding time extrapolated to 1M',
        value: 1_000_000 / (N / seedSeconds) / 60,
        unit: 'min',
        target: '≤ 10',
      },
      { name: 'name + DOB search p50', value: summarize(byName.latencies).p50, unit: 'ms' },
      { name: 'name + DOB search p95', value: summarize(byName.latencies).p95, unit: 'ms', target: '≤ 50' },
      { name: 'MRN lookup p50', value: summarize(byMrn.latencies).p50, unit: 'ms' },
      { name: 'MRN lookup p95', value: summarize(byMrn.latencies).p95, unit: 'ms', target: '≤ 5' },
      { name: 'duplicate check p50', value: summarize(dupCheck.latencies).p50, unit: 'ms' },
      { name: 'duplicate check p95', value: summarize(dupCheck.latencies).p95, unit: 'ms', target: '≤ 100' },
    ];
  } finally {
    await database.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}
