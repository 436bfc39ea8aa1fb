import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import type { TestUser } from '../../../test/auth.ts';
import { billingWorld, visit } from '../../../test/billing-fixtures.ts';
import { insertLabel } from '../../access/patient-access.queries.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof billingWorld>>;

beforeAll(async () => {
  t = await buildTestApp();
  w = await billingWorld(t);
});
afterAll(() => t.close());

const scrub = (claimId: string) =>
  w.send(w.biller, 'POST', '/api/billing/claims/scrub', { claimIds: [claimId] });
const claim = async (id: string) => (await w.send(w.biller, 'GET', `/api/billing/claims/${id}`)).json();
const fix = (id: string, body: object, user: TestUser = w.biller) =>
  w.send(user, 'POST', `/api/billing/claims/${id}/fixes`, body);
const codes = (c: { findings: { code: string }[] }) => c.findings.map((f) => f.code);

/** A scrubbed claim whose total was broken after the build (the scrubber offers recompute_total). */
async function claimWithBadTotal() {
  const c = await w.draftClaim(visit);
  await t.deps.db.updateTable('billing_claim').set({ charge: 999 }).where('id', '=', c.claimId).execute();
  await scrub(c.claimId);
  return { ...c, version: (await claim(c.claimId)).version as number };
}

describe('one-click scrubber fixes', () => {
  it('recomputes the total, re-scrubs to ready and keeps the fix in history and the audit log', async () => {
    const { claimId, version } = await claimWithBadTotal();
    const before = await claim(claimId);
    expect(before.findings).toContainEqual(
      expect.objectContaining({ code: 'TOTAL_MISMATCH', fix: 'recompute_total' }),
    );
    const res = await fix(claimId, { fix: 'recompute_total', version });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    const sum = c.lines.reduce((s: number, l: { charge: number }) => s + l.charge, 0);
    expect(c.charge).toBeCloseTo(sum, 2);
    expect(c).toMatchObject({ status: 'ready', version: version + 2 });
    expect(codes(c)).not.toContain('TOTAL_MISMATCH');
    expect(c.history.slice(-2)).toMatchObject([
      { version: version + 1, action: 'fix', status: 'scrubbed', changedBy: w.biller.username },
      { version: version + 2, action: 'scrub', status: 'ready' },
    ]);
    const snap = await t.deps.db
      .selectFrom('billing_claim_history')
      .select('snapshot')
      .where('claim_id', '=', claimId)
      .where('action', '=', 'fix')
      .executeTakeFirstOrThrow();
    expect(snap.snapshot).toEqual({
      fix: 'recompute_total',
      changes: [{ kind: 'charge', before: 999, after: sum }],
    });
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'resource_id'])
      .where('actor_user_id', '=', w.biller.id)
      .where('action', '=', 'billing.claim_fix')
      .execute();
    expect(audit).toContainEqual(expect.objectContaining({ resource_id: claimId }));
  });

  it('trims the diagnosis pointers of the line the finding names', async () => {
    const { claimId } = await w.draftClaim(visit);
    await t.deps.db
      .updateTable('billing_claim_line')
      .set({ diagnosis_pointers: [2, 2, 7, 1] })
      .where('claim_id', '=', claimId)
      .where('line_no', '=', 1)
      .execute();
    await scrub(claimId);
    const before = await claim(claimId);
    expect(before.findings).toContainEqual(
      expect.objectContaining({ code: 'POINTER_INVALID', line: 1, fix: 'trim_pointers' }),
    );
    const wrongLine = await fix(claimId, { fix: 'trim_pointers', line: 2, version: before.version });
    expect(wrongLine.statusCode).toBe(409);
    expect(wrongLine.json().error.code).toBe('FIX_NOT_OFFERED');
    const c = (await fix(claimId, { fix: 'trim_pointers', line: 1, version: before.version })).json();
    expect(c.lines[0].diagnosisPointers).toEqual([2, 1]);
    expect(c.status).toBe('ready');
  });

  it('puts the prior-auth number the biller types on the claim, and asks for it when missing', async () => {
    const { claimId } = await w.draftClaim([
      ...visit,
      { system: 'cpt', code: '71046', modifiers: [], units: 1 },
    ]);
    await scrub(claimId);
    const { version } = await claim(claimId);
    const none = await fix(claimId, { fix: 'set_prior_auth', version });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('FIX_INPUT_REQUIRED');
    const bad = await fix(claimId, { fix: 'set_prior_auth', priorAuthNumber: 'PA*1~', version });
    expect(bad.statusCode).toBe(400);
    const c = (
      await fix(claimId, { fix: 'set_prior_auth', priorAuthNumber: 'AUTH-2026-001', version })
    ).json();
    expect(c).toMatchObject({ priorAuthNumber: 'AUTH-2026-001', status: 'ready' });
    expect(codes(c)).not.toContain('PRIOR_AUTH_MISSING');
    const preview = await w.send(w.biller, 'GET', `/api/billing/claims/${claimId}/837`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('REF*G1*AUTH-2026-001');
  });

  it('refuses a stale version, a fix no finding offers and a claim already sent', async () => {
    const { claimId, version } = await claimWithBadTotal();
    const stale = await fix(claimId, { fix: 'recompute_total', version: version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: version },
    });
    const notOffered = await fix(claimId, { fix: 'trim_pointers', line: 1, version });
    expect(notOffered.json().error.code).toBe('FIX_NOT_OFFERED');
    await t.deps.db
      .updateTable('billing_claim')
      .set({ status: 'submitted' })
      .where('id', '=', claimId)
      .execute();
    const sent = await fix(claimId, { fix: 'recompute_total', version });
    expect(sent.statusCode).toBe(409);
    expect(sent.json().error.code).toBe('CLAIM_NOT_EDITABLE');
    const row = await t.deps.db
      .selectFrom('billing_claim')
      .select(['charge', 'version'])
      .where('id', '=', claimId)
      .executeTakeFirstOrThrow();
    expect({ charge: Number(row.charge), version: row.version }).toEqual({ charge: 999, version });
  });

  it("refuses the physician and the coder (audited), and hides a restricted patient's claim", async () => {
    const { claimId, patientId, version } = await claimWithBadTotal();
    for (const user of [w.doctor, w.coder]) {
      const res = await fix(claimId, { fix: 'recompute_total', version }, user);
      expect(res.statusCode).toBe(403);
    }
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'details'])
      .where('actor_user_id', 'in', [w.doctor.id, w.coder.id])
      .where('outcome', '=', 'denied')
      .where('action', '=', 'access.denied')
      .execute();
    const onFixes = denied.filter((d) => JSON.stringify(d.details).includes('/fixes'));
    expect(new Set(onFixes.map((d) => d.actor_user_id))).toEqual(new Set([w.doctor.id, w.coder.id]));
    await insertLabel(t.deps.db, {
      patient_id: patientId,
      label: 'confidential',
      note: null,
      created_at: t.clock.now(),
      created_by: null,
    });
    const hidden = await fix(claimId, { fix: 'recompute_total', version });
    expect(hidden.statusCode).toBe(404);
    const row = await t.deps.db
      .selectFrom('billing_claim')
      .select('version')
      .where('id', '=', claimId)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(version);
  });
});
