import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadFees, loadPayers } from '../src/billing/fees.service.ts';
import { loadProviders } from '../src/billing/providers/providers.service.ts';
import { seedSampleIfEmpty } from '../src/coding/sample.service.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import type { TestApp } from './app.ts';
import { createTestUser, type TestUser } from './auth.ts';
import { insertTestPatient } from './factories.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const billingSample = (name: string) =>
  readFileSync(path.join(root, 'src/billing/sample', name), 'utf8');

type Method = 'GET' | 'POST' | 'PUT';

/**
 * A billing office over a test app: the coding sample, payers, fees, the billing provider and a physician
 * registered as rendering provider; helpers to make a covered patient and a final coded clinic visit.
 */
export async function billingWorld(t: TestApp) {
  await seedSampleIfEmpty({ ...t.deps, requestId: 'seed', channel: 'cli', operator: 'test' });
  const coder = await createTestUser(t, ['coder']);
  const doctor = await createTestUser(t, ['physician']);
  const biller = await createTestUser(t, ['biller']);
  const ctx = cliContext(t.deps);
  await loadPayers(ctx, billingSample('payers.csv'));
  await loadFees(ctx, billingSample('fee-schedule.csv'));
  await loadProviders(
    ctx,
    `${billingSample('providers.csv')}rendering,${doctor.username},Test Physician,1987654328,207Q00000X,,,,,,\n`,
  );
  const send = (user: TestUser, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

  async function coveredPatient(
    opts: { payer?: string; from?: string; to?: string | null; memberId?: string; address?: boolean } = {},
  ): Promise<string> {
    const id = (await insertTestPatient(t, { birthDate: '1961-04-02', sex: 'F' })).id;
    const now = t.clock.now();
    if (opts.address !== false)
      await t.deps.db
        .insertInto('patient_address')
        .values({
          patient_id: id,
          line1: '12 Elm Street',
          line2: null,
          city: 'Springfield',
          state: 'IL',
          postal_code: '62704',
          is_current: true,
          valid_from: '2020-01-01',
          valid_to: null,
          created_at: now,
        })
        .execute();
    await t.deps.db
      .insertInto('patient_coverage')
      .values({
        patient_id: id,
        priority: 'primary',
        payer: opts.payer ?? 'Synthetic Mutual',
        plan: 'PPO',
        member_id: opts.memberId ?? 'SM-100200',
        group_number: 'G-77',
        subscriber_name: 'Synthetic Subscriber',
        relationship: 'self',
        effective_from: opts.from ?? '2026-01-01',
        effective_to: opts.to ?? null,
        created_at: now,
      })
      .execute();
    return id;
  }

  async function codeAndFinalize(
    id: string,
    version: number,
    procedures: object[],
    diagnoses: object[] = [
      { code: 'E11.9', sequence: 1 },
      { code: 'I10', sequence: 2 },
    ],
  ): Promise<number> {
    const saved = await send(coder, 'PUT', `/api/coding/encounters/${id}`, {
      version,
      diagnoses,
      procedures,
    });
    expect(saved.json()).toMatchObject({ version: version + 1 });
    const final = await send(coder, 'POST', `/api/coding/encounters/${id}/finalize`, {
      version: saved.json().version,
    });
    expect(final.json().status).toBe('final');
    return final.json().version as number;
  }

  /** A clinic visit recorded by the physician, completed, coded and made final by the coder. */
  async function finalVisit(
    patientId: string,
    procedures: object[],
    startsAt = '2026-02-10T09:30:00Z',
  ): Promise<{ id: string; version: number }> {
    const res = await send(doctor, 'POST', `/api/patients/${patientId}/encounters`, {
      class: 'appointment',
      type: 'follow-up',
      startsAt,
      providerId: doctor.id,
      location: 'North Clinic',
      reason: 'diabetes review',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    let version = 1;
    for (const status of ['arrived', 'in_progress', 'completed'])
      version = (await send(doctor, 'POST', `/api/encounters/${id}/status`, { status, version })).json()
        .version;
    return { id, version: await codeAndFinalize(id, 0, procedures) };
  }

  /** A built claim (draft) for a new covered patient's final visit. */
  async function draftClaim(procedures: object[], patient: Parameters<typeof coveredPatient>[0] = {}) {
    const patientId = await coveredPatient(patient);
    const { id: enc } = await finalVisit(patientId, procedures);
    const built = await send(biller, 'POST', '/api/billing/claims/build', { encounterId: enc });
    expect(built.json().built).toBe(1);
    return { patientId, encounterId: enc, claimId: built.json().claimIds[0] as string };
  }

  return { coder, doctor, biller, send, coveredPatient, finalVisit, codeAndFinalize, draftClaim };
}

export const visit = [
  { system: 'cpt', code: '99213', modifiers: [], units: 1 },
  { system: 'cpt', code: '36415', modifiers: [], units: 1 },
];
