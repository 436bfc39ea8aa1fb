import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { openCase, registryTestApp, sender } from '../../test/registry.ts';

let t: TestApp;
let registrar: TestUser;
let doctor: TestUser;
let coder: TestUser;

const send = (...a: Parameters<ReturnType<typeof sender>>) => sender(t)(...a);

/** Files a reportable problem for the patient, runs case finding and accepts the hit: the new tumour id. */
const foundTumour = (patientId: string, code: string, onsetDate: string) =>
  openCase(t, { doctor, registrar }, patientId, {
    code,
    onsetDate,
    description: 'Malignant neoplasm of breast',
  });

const breast = { primarySite: 'C504', histologicTypeIcdO3: '8500', behaviorCodeIcdO3: '3', laterality: '2' };

beforeAll(async () => {
  t = await registryTestApp();
  registrar = await createTestUser(t, ['cancer_registrar']);
  doctor = await createTestUser(t, ['physician']);
  coder = await createTestUser(t, ['coder']);
});
afterAll(() => t.close());

describe('multiple-primary decisions on abstracts', () => {
  let first: string;
  let second: string;

  it('decides on save (MP01 for the first tumour, MP09 / MP05 against it) and keeps the reason', async () => {
    const patientId = (
      await insertTestPatient(t, { family: 'Primaries', given: 'Bea', sex: 'F', birthDate: '1960-02-02' })
    ).id;
    first = await foundTumour(patientId, 'C50.912', '2025-01-20');
    const a = await send('PATCH', `/api/registry/tumours/${first}`, registrar, {
      version: 1,
      items: { ...breast, dateOfDiagnosis: '20250120' },
    });
    expect(a.statusCode).toBe(200);
    expect(a.json().primaryDecision).toMatchObject({
      computed: { rule: 'MP01', decision: 'new_primary' },
      override: null,
    });

    second = await foundTumour(patientId, 'C50.911', '2025-04-02');
    const before = await send('GET', `/api/registry/tumours/${second}`, registrar);
    expect(before.json().primaryDecision).toBeNull();
    const same = await send('PATCH', `/api/registry/tumours/${second}`, registrar, {
      version: 1,
      items: { ...breast, dateOfDiagnosis: '20250402' },
    });
    expect(same.json().primaryDecision.computed).toMatchObject({
      rule: 'MP09',
      decision: 'same_primary',
      sameAs: first,
    });
    // The other breast: a separate primary by laterality.
    const other = await send('PATCH', `/api/registry/tumours/${second}`, registrar, {
      version: 2,
      items: { laterality: '1' },
    });
    expect(other.json().primaryDecision.computed).toMatchObject({
      rule: 'MP05',
      decision: 'new_primary',
      sameAs: null,
    });
    expect(other.json().primaryDecision.computed.comparisons).toEqual([
      expect.objectContaining({ tumourId: first, rule: 'MP05' }),
    ]);
  });

  it('lets the registrar overrule with a reason, versioned and audited; later saves keep the overruling', async () => {
    const r = await send('POST', `/api/registry/tumours/${second}/primary-decision`, registrar, {
      version: 3,
      decision: 'same_primary',
      sameAs: first,
      reason: 'Pathology shows one bilateral process (physician statement).',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().version).toBe(4);
    expect(r.json().primaryDecision.override).toMatchObject({
      decision: 'same_primary',
      sameAs: first,
      by: registrar.username,
    });
    expect(r.json().history[0]).toMatchObject({ version: 4, changedItems: ['primaryDecision'] });
    const later = await send('PATCH', `/api/registry/tumours/${second}`, registrar, {
      version: 4,
      items: { histologicTypeIcdO3: '8520' },
    });
    expect(later.json().primaryDecision.computed.rule).toBe('MP05');
    expect(later.json().primaryDecision.override.decision).toBe('same_primary');
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('resource_id', '=', second)
      .where('action', '=', 'registry.primary_overrule')
      .execute();
    expect(audit).toEqual([{ action: 'registry.primary_overrule', outcome: 'success' }]);
  });

  it('refuses an overruling without a reason, naming no tumour, at a stale version, or without registry:write', async () => {
    const noReason = await send('POST', `/api/registry/tumours/${second}/primary-decision`, registrar, {
      version: 5,
      decision: 'new_primary',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const noTumour = await send('POST', `/api/registry/tumours/${second}/primary-decision`, registrar, {
      version: 5,
      decision: 'same_primary',
      reason: 'same tumour',
    });
    expect(noTumour.statusCode).toBe(422);
    expect(noTumour.json().error.code).toBe('REGISTRY_PRIMARY_INVALID');
    const stale = await send('POST', `/api/registry/tumours/${second}/primary-decision`, registrar, {
      version: 2,
      decision: 'new_primary',
      reason: 'separate primaries',
    });
    expect(stale.statusCode).toBe(409);
    const denied = await send('POST', `/api/registry/tumours/${second}/primary-decision`, coder, {
      version: 5,
      decision: 'new_primary',
      reason: 'separate primaries',
    });
    expect(denied.statusCode).toBe(403);
    const now = await send('GET', `/api/registry/tumours/${second}`, registrar);
    expect(now.json()).toMatchObject({
      version: 5,
      primaryDecision: { override: { decision: 'same_primary' } },
    });
  });
});
