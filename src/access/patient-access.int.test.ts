import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import type { RequestContext } from '../kernel/context.ts';
import { loadActor } from './actor.ts';
import { declareBreakGlass } from './break-glass.service.ts';
import { insertCareRelationship, insertLabel } from './patient-access.queries.ts';
import { assertCanSeePatient } from './patient-access.ts';
import type { Role } from './permissions.ts';

let t: TestApp;
let vip: string;
let plain: string;

async function ctxFor(roles: Role[]): Promise<RequestContext> {
  const u = await createTestUser(t, roles);
  const actor = await loadActor(t.deps.db, { id: u.id, username: u.username }, {});
  return { ...t.deps, requestId: randomUUID(), channel: 'api', actor };
}

const events = (patientId: string) =>
  t.deps.db
    .selectFrom('audit_event')
    .selectAll()
    .where(sql<boolean>`patient_ids @> array[${patientId}]::uuid[]`)
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  t = await buildTestApp();
  vip = (await insertTestPatient(t)).id;
  plain = (await insertTestPatient(t)).id;
  await insertLabel(t.deps.db, {
    patient_id: vip,
    label: 'vip',
    note: null,
    created_at: t.clock.now(),
    created_by: null,
  });
});
afterAll(() => t.close());

describe('patient-level access gate', () => {
  it('lets a permitted role open an unrestricted record', async () => {
    const ctx = await ctxFor(['nurse']);
    await expect(assertCanSeePatient(ctx, t.deps.db, plain, 'chart:read')).resolves.toBeUndefined();
  });

  it('refuses a role without the permission, and audits the refusal', async () => {
    const ctx = await ctxFor(['biller']);
    await expect(assertCanSeePatient(ctx, t.deps.db, plain, 'chart:read')).rejects.toMatchObject({
      statusCode: 403,
    });
    expect(
      (await events(plain)).some((e) => e.outcome === 'denied' && e.actor_user_id === ctx.actor?.userId),
    ).toBe(true);
  });

  it('requires a care relationship for clinicians on a restricted record; HIM works by job function', async () => {
    const nurse = await ctxFor(['nurse']);
    await expect(assertCanSeePatient(nurse, t.deps.db, vip, 'chart:read')).rejects.toMatchObject({
      code: 'PATIENT_RESTRICTED',
      details: { breakGlassAvailable: true },
    });
    const him = await ctxFor(['him_clerk']);
    await expect(assertCanSeePatient(him, t.deps.db, vip, 'chart:read')).resolves.toBeUndefined();

    await insertCareRelationship(t.deps.db, {
      user_id: nurse.actor!.userId,
      patient_id: vip,
      kind: 'treating',
      valid_from: t.clock.now(),
      valid_until: null,
      source: 'test',
    });
    await expect(assertCanSeePatient(nurse, t.deps.db, vip, 'chart:read')).resolves.toBeUndefined();
  });

  it('break-the-glass opens the record for a limited time and flags every access', async () => {
    const doc = await ctxFor(['physician']);
    await expect(assertCanSeePatient(doc, t.deps.db, vip, 'chart:read')).rejects.toMatchObject({
      code: 'PATIENT_RESTRICTED',
    });
    await expect(
      declareBreakGlass(doc, { patientId: vip, reasonCode: 'bogus', reasonText: 'short' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await declareBreakGlass(doc, {
      patientId: vip,
      reasonCode: 'emergency-treatment',
      reasonText: 'Unconscious in the ED, needs history',
    });
    await assertCanSeePatient(doc, t.deps.db, vip, 'chart:read');
    expect(doc.breakGlassPatients?.has(vip)).toBe(true);
    const { recordAudit } = await import('./audit/audit.service.ts');
    await recordAudit(t.deps.db, doc, { action: 'chart.read', patientIds: [vip] });
    const last = (await events(vip)).at(-1)!;
    expect(last).toMatchObject({ action: 'chart.read', break_glass: true });

    t.clock.advanceMinutes(61);
    const later: RequestContext = { ...doc, breakGlassPatients: undefined };
    await expect(assertCanSeePatient(later, t.deps.db, vip, 'chart:read')).rejects.toMatchObject({
      code: 'PATIENT_RESTRICTED',
    });
  });
});
