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
 * The FHIR R4 facade through HTTP (fetch to a listening server, Bearer token, sequential requests, each
 * with its access check and audit write): Patient read, search, $match, create; Observation create and
 * search. BENCH_FHIR_PATIENTS sets the index size (default 20 000).
 */
const N = Number(process.env.BENCH_FHIR_PATIENTS ?? 20_000);
const SAMPLES = 200;

interface Sample {
  id: string;
  family_name: string;
  given_name: string;
  birth_date: string;
  sex_at_birth: string;
}

const GENDER: Record<string, string> = { F: 'female', M: 'male', U: 'unknown' };

async function withServer<T>(work: (deps: AppDeps) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-bench-fhir-'));
  const config = loadConfig({ CHARTKEEPER_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const database = await openRuntimeDatabase(config, 'server');
  try {
    await migrateBehindKeyGate(database.db, config);
    return await work({
      config,
      db: database.db,
      pool: database.pool,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      dbMode: database.mode,
      jobs: appJobQueue(database.pool, pino({ level: 'silent' })),
      hooks,
    });
  } finally {
    await database.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Figure[]> {
  return withServer(async (deps) => {
    const ctx = cliContext(deps);
    await seedPatients(ctx, { count: N, seed: 8, duplicateRate: 0 });
    await sql`analyze`.execute(deps.db);
    const { id } = await createUser(ctx, {
      username: 'bench-him',
      fullName: 'Bench Him',
      roles: ['him_clerk'],
      password: 'a bench passphrase of some length',
    });
    const { token } = await createApiToken(ctx, id, { name: 'bench' });
    const app = await buildApp(deps, { webDist: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/fhir`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' };
    const { rows } =
      await sql<Sample>`select id, family_name, given_name, birth_date, sex_at_birth from patient order by random() limit ${SAMPLES}`.execute(
        deps.db,
      );
    const pick = (i: number) => rows[i % rows.length]!;
    const call = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(`${base}${url}`, { ...init, headers });
      if (!res.ok) throw new Error(`${url} → ${res.status}`);
      return res.json() as Promise<{ id?: string }>;
    };
    const asPatient = (s: Sample) => ({
      resourceType: 'Patient',
      name: [{ family: s.family_name, given: [s.given_name] }],
      gender: GENDER[s.sex_at_birth] ?? 'unknown',
      birthDate: s.birth_date,
    });
    await load(20, 1, (i) => call(`/Patient/${pick(i).id}`).then(() => undefined)); // warm-up, incl. validator load
    await call('/Patient/$match', { method: 'POST', body: JSON.stringify(asPatient(pick(0))) });
    const read = await load(SAMPLES, 1, (i) => call(`/Patient/${pick(i).id}`).then(() => undefined));
    const search = await load(SAMPLES, 1, (i) =>
      call(`/Patient?family=${encodeURIComponent(pick(i).family_name)}&birthdate=${pick(i).birth_date}`).then(
        () => undefined,
      ),
    );
    const match = await load(SAMPLES, 1, (i) =>
      call('/Patient/$match', { method: 'POST', body: JSON.stringify(asPatient(pick(i))) }).then(
        () => undefined,
      ),
    );
    const create = await load(SAMPLES, 1, (i) =>
      call('/Patient', {
        method: 'POST',
        body: JSON.stringify({ ...asPatient(pick(i)), name: [{ family: `Benchnew${i}`, given: ['Pat'] }] }),
      }).then(() => undefined),
    );
    const obs = await load(SAMPLES, 1, (i) =>
      call('/Observation', {
        method: 'POST',
        body: JSON.stringify({
          resourceType: 'Observation',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }], text: 'Glucose' },
          subject: { reference: `Patient/${pick(i).id}` },
          effectiveDateTime: '2026-01-01T08:00:00Z',
          valueQuantity: { value: 80 + (i % 50), unit: 'mg/dL' },
        }),
      }).then(() => undefined),
    );
    const obsSearch = await load(SAMPLES, 1, (i) =>
      call(`/Observation?patient=${pick(i).id}&code=2345-7&_sort=-date`).then(() => undefined),
    );
    await app.close();
    const fig = (name: string, r: { latencies: number[] }, target?: string): Figure[] => [
      { name: `${name} p50`, value: summarize(r.latencies).p50, unit: 'ms' },
      { name: `${name} p95`, value: summarize(r.latencies).p95, unit: 'ms', ...(target ? { target } : {}) },
    ];
    return [
      { name: 'patients in the index', value: N, unit: 'records' },
      ...fig('Patient read', read),
      ...fig('Patient search family+birthdate', search),
      ...fig('Patient/$match', match),
      ...fig('Patient create (validate + register)', create),
      { name: 'Patient create rate', value: create.perSecond, unit: 'resources/s' },
      ...fig('Observation create', obs),
      ...fig('Observation search by patient+code', obsSearch),
    ];
  });
}
