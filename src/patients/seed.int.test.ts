import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser } from '../../test/auth.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { seedPatients } from './seed.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('demo seed', () => {
  it('inserts synthetic patients in batches that search and the face sheet can read', async () => {
    const n = await seedPatients(cliContext(t.deps), { count: 2500, seed: 5 });
    expect(n).toBe(2500);
    const clerk = await createTestUser(t, ['registration_clerk']);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/patients?name=Smith&pageSize=5',
      headers: clerk.headers,
    });
    const items = res.json().items;
    expect(items).toHaveLength(5);
    const face = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${items[0].id}`,
      headers: clerk.headers,
    });
    expect(face.json()).toMatchObject({ family: 'Smith', version: 1 });
    expect(face.json().ssnMasked === null || face.json().ssnMasked.startsWith('***-**-')).toBe(true);
  });
});
