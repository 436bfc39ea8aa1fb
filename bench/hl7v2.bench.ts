import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import pino from 'pino';
import { appJobQueue, hooks } from '../src/app.ts';
import { receiveMessage, startMllpListener } from '../src/interop/hl7v2/index.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { loadConfig } from '../src/kernel/config.ts';
import type { AppDeps } from '../src/kernel/context.ts';
import { migrateBehindKeyGate } from '../src/kernel/keyring.ts';
import { openRuntimeDatabase } from '../src/kernel/runtime-db.ts';
import { type Figure, summarize } from './lib.ts';

/**
 * The HL7 v2 interface: messages per second through the whole path (parse, duplicate check, patient
 * index, chart, message log, audit, ACK) for registrations with a visit, lab results and resends, and
 * over a real MLLP socket. One sender sends one message at a time, as MLLP's original mode requires.
 * BENCH_HL7 sets the number of messages per kind (default 1000).
 */
const N = Number(process.env.BENCH_HL7 ?? 1000);

const msh = (type: string, id: string) =>
  `MSH|^~\\&|BENCH|NORTH|CK|HIM|20260302120000+0000||${type}|${id}|P|2.5.1`;
const pid = (i: number) =>
  `PID|1||B${i}^^^NORTH^MR||ZZBENCH${i % 97}^SAM${i % 13}||19${50 + (i % 50)}0${1 + (i % 9)}1${i % 10}|${i % 2 ? 'F' : 'M'}|||${i} Oak St^^Springfield^IL^62701^USA||(217)555-${String(1000 + (i % 9000))}`;
const pv1 = (i: number) =>
  `PV1|1|O|CLINIC^${i % 40}||||||||||||||||BV${i}^^^NORTH|||||||||||||||||||||||||20260302110000+0000`;
const oru = (i: number) =>
  [
    msh('ORU^R01', `R-${i}`),
    pid(i),
    pv1(i),
    'OBR|1|||24323-8^Comprehensive metabolic panel^LN|||20260302120000+0000',
    ...['2345-7^Glucose', '2160-0^Creatinine', '2951-2^Sodium', '2823-3^Potassium', '17861-6^Calcium'].map(
      (c, k) => `OBX|${k + 1}|NM|${c}^LN||${90 + (i % 40)}|mg/dL|70-99|${i % 3 ? 'N' : 'H'}|||F`,
    ),
  ].join('\r');

async function timed(count: number, send: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const s = performance.now();
    await send(i);
    latencies.push(performance.now() - s);
  }
  return { perSecond: count / ((performance.now() - t0) / 1000), ...summarize(latencies) };
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-bench-hl7-'));
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
    const adt = await timed(N, (i) =>
      receiveMessage(deps, [msh('ADT^A04', `A-${i}`), pid(i), pv1(i)].join('\r'), 'file'),
    );
    const results = await timed(N, (i) => receiveMessage(deps, oru(i), 'file'));
    const resend = await timed(N, (i) => receiveMessage(deps, oru(i), 'file'));
    const listener = await startMllpListener(deps, 0, '127.0.0.1');
    const client = new Hl7Client({ host: '127.0.0.1', port: listener.port });
    const mllp = await timed(Math.min(N, 500), (i) =>
      client.sendAndWait(Hl7Message.parse([msh('ADT^A08', `U-${i}`), pid(i)].join('\r')), {
        timeoutMs: 30_000,
      }),
    );
    await client.close();
    await listener.close();
    return [
      { name: 'ADT^A04 (new patient + visit) messages/s', value: adt.perSecond, unit: 'msg/s' },
      { name: 'ADT^A04 p95 latency', value: adt.p95, unit: 'ms' },
      { name: 'ORU^R01 (5 results) messages/s', value: results.perSecond, unit: 'msg/s' },
      { name: 'ORU^R01 p95 latency', value: results.p95, unit: 'ms' },
      { name: 'resends answered (not applied) messages/s', value: resend.perSecond, unit: 'msg/s' },
      { name: 'MLLP round trip ADT^A08 messages/s (one connection)', value: mllp.perSecond, unit: 'msg/s' },
      { name: 'MLLP round trip p95 latency', value: mllp.p95, unit: 'ms' },
    ];
  } finally {
    await database.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}
