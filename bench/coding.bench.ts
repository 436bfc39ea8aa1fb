import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApiToken } from '../src/access/tokens.service.ts';
import { createUser } from '../src/access/users.service.ts';
import { appJobQueue, buildApp, hooks } from '../src/app.ts';
import { importCodeFile } from '../src/coding/import.service.ts';
import { parseOrderFile } from '../src/coding/loaders/order-file.ts';
import { readCodeFile } from '../src/coding/loaders/read-file.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { loadConfig } from '../src/kernel/config.ts';
import type { AppDeps, RequestContext } from '../src/kernel/context.ts';
import { openDb } from '../src/kernel/db.ts';
import { startEmbedded } from '../src/kernel/embedded-postgres.ts';
import { migrateBehindKeyGate } from '../src/kernel/keyring.ts';
import { type Figure, load, report, summarize } from './lib.ts';

/**
 * Code sets with the full FY2026 ICD-10-CM and ICD-10-PCS loaded (files from CHARTKEEPER_DATA, default
 * /work/shared/data): import time, search p95 over HTTP for words and prefixes, and coding-edits p95
 * for an encounter of 25 diagnoses and 10 procedures.
 */
const DATA = process.env.CHARTKEEPER_DATA ?? '/work/shared/data';

const WORDS = [
  'diab typ 2 kidn',
  'fx nasal bone initial',
  'DM2',
  'chf',
  'htn',
  'copd exac',
  'acute myocardial infarc',
  'pneumonia',
  'malig neo breast',
  'resection appendix',
  'sepsis',
  'fracture femur',
];
const PREFIXES = ['E11.9', 'e119', 'S02.0XXA', 'I50', 'C50.9', 'M54', 'Z00', 'T36.0X1', 'J44', 'N18'];
const DX = [
  'E1122',
  'I10',
  'N183',
  'E119',
  'I5022',
  'J449',
  'E1165',
  'Z794',
  'N390',
  'R739',
  'E785',
  'I2510',
  'F329',
  'G4733',
  'K219',
  'M1990',
  'D649',
  'E039',
  'N400',
  'I4891',
  'J189',
  'E871',
  'R0602',
  'Z8673',
  'E11',
];
const PX = [
  '0DTJ4ZZ',
  '02703ZZ',
  '0SR9019',
  '5A1955Z',
  '0FT44ZZ',
  '0DTJ0ZZ',
  'BW28ZZZ',
  '3E0234Z',
  '4A023N7',
  '0BH17EZ',
];

async function timeImport(ctx: RequestContext, kind: string, file: string): Promise<number> {
  const t0 = performance.now();
  const { text, checksum } = await readCodeFile(path.join(DATA, file));
  await importCodeFile(ctx, { kind, text, checksum, sourceName: path.basename(file) });
  return (performance.now() - t0) / 1000;
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-bench-coding-'));
  const cluster = await startEmbedded({ dir });
  const handle = openDb(cluster.url('postgres'), 10);
  try {
    const config = loadConfig({ LOG_LEVEL: 'silent', CHARTKEEPER_DATA_DIR: dir });
    await migrateBehindKeyGate(handle.db, config);
    const deps: AppDeps = {
      config,
      db: handle.db,
      pool: handle.pool,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      dbMode: 'external',
      jobs: appJobQueue(handle.pool, pino({ level: 'silent' })),
      hooks,
    };
    const ctx: RequestContext = { ...deps, requestId: 'bench', channel: 'cli', operator: 'bench' };
    const { id } = await createUser(ctx, {
      username: 'bench-coder',
      fullName: 'Bench Coder',
      roles: ['coder'],
      password: 'a long bench passphrase 2026',
    });
    const auth = { authorization: `Bearer ${(await createApiToken(ctx, id, { name: 'bench' })).token}` };
    const { text } = await readCodeFile(path.join(DATA, 'icd10cm/icd10cm_order_2026.txt.gz'));
    const p0 = performance.now();
    parseOrderFile(text, 'icd10cm');
    const parseMs = performance.now() - p0;
    const cmSeconds = await timeImport(ctx, 'icd10cm', 'icd10cm/icd10cm_order_2026.txt.gz');
    const pcsSeconds = await timeImport(ctx, 'icd10pcs', 'icd10pcs/icd10pcs_order_2026.txt.gz');
    await handle.pool.query('analyze coding_code');
    const app = await buildApp(deps);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const date = '2026-03-01';
    const get = async (url: string) => {
      const res = await fetch(`${base}${url}`, { headers: auth });
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      await res.arrayBuffer();
    };
    const wordsSerial = await load(240, 1, (i) =>
      get(`/api/codes/search?q=${encodeURIComponent(WORDS[i % WORDS.length]!)}&date=${date}`).then(
        () => undefined,
      ),
    );
    const prefixSerial = await load(240, 1, (i) =>
      get(`/api/codes/search?q=${encodeURIComponent(PREFIXES[i % PREFIXES.length]!)}&date=${date}`).then(
        () => undefined,
      ),
    );
    const words = await load(600, 4, (i) =>
      get(`/api/codes/search?q=${encodeURIComponent(WORDS[i % WORDS.length]!)}&date=${date}`).then(
        () => undefined,
      ),
    );
    const prefixes = await load(600, 4, (i) =>
      get(
        `/api/codes/search?q=${encodeURIComponent(PREFIXES[i % PREFIXES.length]!)}&date=${date}&system=${i % 5 === 0 ? 'icd10pcs' : 'icd10cm'}`,
      ).then(() => undefined),
    );
    const encounter = {
      dateOfService: date,
      patient: { ageYears: 67, sex: 'male' },
      inpatient: true,
      diagnoses: DX.map((code, i) => ({ code, sequence: i + 1, poa: 'Y' })),
      procedures: PX.map((code) => ({ system: 'icd10pcs', code, modifiers: [], units: 1 })),
    };
    const edits = await load(300, 4, async () => {
      await (
        await fetch(`${base}/api/codes/edits`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(encounter),
        })
      ).arrayBuffer();
    });
    await app.close();
    const [w, p, e] = [summarize(words.latencies), summarize(prefixes.latencies), summarize(edits.latencies)];
    const [ws, ps] = [summarize(wordsSerial.latencies), summarize(prefixSerial.latencies)];
    return [
      { name: 'parse FY2026 ICD-10-CM order file (98,186 lines)', value: parseMs, unit: 'ms' },
      {
        name: 'import FY2026 ICD-10-CM (read + parse + one transaction)',
        value: cmSeconds,
        unit: 's',
        target: '< 20 s',
      },
      { name: 'import FY2026 ICD-10-PCS', value: pcsSeconds, unit: 's' },
      { name: 'search by words p95 (HTTP, one user typing)', value: ws.p95, unit: 'ms', target: '<= 20 ms' },
      {
        name: 'search by code prefix p95 (HTTP, one user typing)',
        value: ps.p95,
        unit: 'ms',
        target: '<= 20 ms',
      },
      { name: 'search by words p95 (HTTP, 4 concurrent)', value: w.p95, unit: 'ms', target: '<= 20 ms' },
      { name: 'search by words p50', value: w.p50, unit: 'ms' },
      {
        name: 'search by code prefix p95 (HTTP, 4 concurrent)',
        value: p.p95,
        unit: 'ms',
        target: '<= 20 ms',
      },
      {
        name: 'edits, 25 dx + 10 px, p95 (HTTP, 4 concurrent)',
        value: e.p95,
        unit: 'ms',
        target: '<= 50 ms',
      },
    ];
  } finally {
    await handle.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) report('coding', await run());
