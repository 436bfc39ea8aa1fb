import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { cliContext } from '../src/kernel/cli-context.ts';
import { runCasefinding } from '../src/registry/casefind.service.ts';
import { clearDictionaryCache, loadDictionary } from '../src/registry/dictionary.service.ts';
import { buildTestApp, type TestApp } from './app.ts';
import type { TestUser } from './auth.ts';
import { sharedData } from './shared-data.ts';

/**
 * The registry's integration-test set-up, shared by src/registry/*.int.test.ts: a test app with NAACCR
 * dictionaries loaded (v26 unless told), the per-process dictionary cache cleared first (each test file has
 * its own database).
 * @example const t = await registryTestApp(['250', '260']);
 */
export async function registryTestApp(versions: string[] = ['260']): Promise<TestApp> {
  const t = await buildTestApp();
  clearDictionaryCache();
  for (const v of versions)
    await loadDictionary(
      cliContext(t.deps),
      readFileSync(sharedData('naaccr', 'dictionaries', `naaccr-dictionary-${v}.xml`), 'utf8'),
    );
  return t;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `send(method, url, user, payload?)` through app.inject; a null user sends no credentials. */
export const sender =
  (t: TestApp) => (method: Method, url: string, user: TestUser | null, payload?: object) =>
    t.app.inject({ method, url, headers: user?.headers ?? {}, ...(payload ? { payload } : {}) });

/** A job context (case finding runs as the registry itself). */
export const registryJob = (t: TestApp) => ({ ...cliContext(t.deps), channel: 'job' as const });

/**
 * Files a reportable problem for the patient (as `doctor`), runs case finding and returns the one open
 * suspense hit it made for that patient.
 */
export async function findHit(
  t: TestApp,
  users: { doctor: TestUser; registrar: TestUser },
  patientId: string,
  problem: { code: string; onsetDate?: string; description?: string },
): Promise<string> {
  const send = sender(t);
  const made = await send('POST', `/api/patients/${patientId}/history`, users.doctor, {
    kind: 'problem',
    data: {
      description: problem.description ?? 'Malignant neoplasm',
      code: problem.code,
      status: 'active',
      onsetDate: problem.onsetDate ?? '2026-02-01',
    },
  });
  expect(made.statusCode).toBe(201);
  t.clock.advanceMinutes(1);
  await runCasefinding(registryJob(t), { trigger: 'test' });
  const open = (
    await send('GET', `/api/registry/suspense?status=open&patientId=${patientId}`, users.registrar)
  ).json().items as { id: string }[];
  expect(open).toHaveLength(1);
  return open[0]?.id as string;
}

/** Accepts a suspense hit as a new primary; returns the new tumour's id. */
export async function acceptHit(t: TestApp, registrar: TestUser, hitId: string): Promise<string> {
  const r = await sender(t)('POST', `/api/registry/suspense/${hitId}/accept`, registrar);
  expect(r.statusCode).toBe(200);
  return r.json().tumourId as string;
}

/** A reportable problem found by case finding and accepted: the new tumour's id. */
export async function openCase(
  t: TestApp,
  users: { doctor: TestUser; registrar: TestUser },
  patientId: string,
  problem: { code: string; onsetDate?: string; description?: string },
): Promise<string> {
  return acceptHit(t, users.registrar, await findHit(t, users, patientId, problem));
}
