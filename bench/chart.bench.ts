import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import { createApiToken } from '../src/access/tokens.service.ts';
import { createUser } from '../src/access/users.service.ts';
import { buildApp } from '../src/app.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import type { Db } from '../src/kernel/db.ts';
import { type Figure, load, summarize, withLoadDatabase } from './lib.ts';

/**
 * Reading a patient's whole chart (GET /api/patients/:id/chart) through the HTTP API, for a patient with
 * 50 encounters and 500 results (plus diagnoses, history, medications and allergies), on a fresh
 * embedded PostgreSQL. Synthetic data only.
 */
const ENCOUNTERS = 50;
const RESULTS_PER_ENCOUNTER = 10;

async function seed(db: Db, providerId: string): Promise<string> {
  const now = new Date('2026-03-02T14:00:00Z');
  const stamp = {
    created_by: providerId,
    created_at: now,
    updated_by: providerId,
    updated_at: now,
    entered_in_error_reason: null,
  };
  const { id: patientId } = await db
    .insertInto('patient')
    .values({
      mrn: 'BENCH0001',
      family_name: 'Benchmark',
      given_name: 'Pat',
      middle_name: null,
      suffix: null,
      birth_date: '1960-05-05',
      sex_at_birth: 'F',
      merged_into: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const entries: Record<string, unknown>[] = [];
  for (let e = 0; e < ENCOUNTERS; e++) {
    const startsAt = new Date(now.getTime() - e * 14 * 86_400_000);
    const enc = await db
      .insertInto('chart_encounter')
      .values({
        patient_id: patientId,
        class: 'appointment',
        status: 'completed',
        provider_id: providerId,
        starts_at: startsAt,
        data: {
          type: 'follow-up',
          location: 'Clinic B',
          reason: 'review',
          disposition: 'home',
          followUp: 'return in 2 weeks',
        },
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let r = 0; r < RESULTS_PER_ENCOUNTER; r++) {
      const value = 4 + ((e * 7 + r * 3) % 50) / 10;
      entries.push({
        patient_id: patientId,
        kind: 'result',
        encounter_id: enc.id,
        data: {
          code: `T-${r}`,
          name: `Test ${r}`,
          value,
          units: 'mmol/L',
          referenceLow: 4,
          referenceHigh: 7,
          abnormalFlag: value > 7 ? 'high' : 'normal',
          status: 'final',
          performedAt: startsAt.toISOString(),
        },
        ...stamp,
      });
    }
    entries.push({
      patient_id: patientId,
      kind: 'diagnosis',
      encounter_id: enc.id,
      data: { description: 'Synthetic diagnosis', primary: true },
      ...stamp,
    });
  }
  for (let i = 0; i < 20; i++)
    entries.push({
      patient_id: patientId,
      kind: 'problem',
      encounter_id: null,
      data: { description: `Problem ${i}`, status: 'active' },
      ...stamp,
    });
  for (let i = 0; i < 10; i++)
    entries.push({
      patient_id: patientId,
      kind: 'medication',
      encounter_id: null,
      data: { drug: `Drug ${i}`, dose: '1 tab', route: 'oral', frequency: 'daily', status: 'active' },
      ...stamp,
    });
  entries.push({
    patient_id: patientId,
    kind: 'allergy',
    encounter_id: null,
    data: { substance: 'Penicillin', severity: 'moderate', criticality: 'high', status: 'active' },
    ...stamp,
  });
  await db
    .insertInto('chart_entry')
    .values(entries as never)
    .execute();
  await sql`analyze`.execute(db);
  return patientId;
}

export async function run(): Promise<Figure[]> {
  return withLoadDatabase('chart', async (deps, dir) => {
    const ctx = cliContext(deps);
    const { id: userId } = await createUser(ctx, {
      username: 'bench-doc',
      fullName: 'Bench Doctor',
      roles: ['physician'],
      password: 'correct horse battery staple 42',
    });
    const { token } = await createApiToken(ctx, userId, { name: 'bench' });
    const patientId = await seed(deps.db, userId);
    const app = await buildApp(deps, { webDist: path.join(dir, 'no-web') });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/patients/${patientId}/chart`;
    const headers = { authorization: `Bearer ${token}` };
    let bytes = 0;
    const call = async () => {
      const r = await fetch(url, { headers });
      if (!r.ok) throw new Error(`chart read failed: ${r.status}`);
      bytes = (await r.arrayBuffer()).byteLength;
    };
    for (let i = 0; i < 20; i++) await call();
    const serial = await load(200, 1, call);
    const parallel = await load(400, 8, call);
    await app.close();
    const s = summarize(serial.latencies);
    const p = summarize(parallel.latencies);
    return [
      {
        name: `chart summary p50 (${ENCOUNTERS} encounters, ${ENCOUNTERS * RESULTS_PER_ENCOUNTER} results, 1 client)`,
        value: s.p50,
        unit: 'ms',
      },
      { name: 'chart summary p95 (1 client)', value: s.p95, unit: 'ms' },
      { name: 'chart summary p95 (8 concurrent clients)', value: p.p95, unit: 'ms' },
      { name: 'chart summary throughput (8 concurrent clients)', value: parallel.perSecond, unit: 'req/s' },
      { name: 'chart summary response size', value: bytes / 1024, unit: 'KiB' },
    ];
  });
}
