import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { billingWorld, visit } from '../../../test/billing-fixtures.ts';
import { insertLabel } from '../../access/patient-access.queries.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { scrubClaims } from './scrubber.service.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof billingWorld>>;

beforeAll(async () => {
  t = await buildTestApp();
  w = await billingWorld(t);
});
afterAll(() => t.close());

const scrub = (claimIds: string[]) => w.send(w.biller, 'POST', '/api/billing/claims/scrub', { claimIds });
const claim = async (id: string) => (await w.send(w.biller, 'GET', `/api/billing/claims/${id}`)).json();
const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe('claim scrubber', () => {
  it('makes a clean claim ready, versioned and audited; scrubbing it again changes nothing', async () => {
    const { claimId } = await w.draftClaim(visit);
    const res = await scrub([claimId]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ scrubbed: 1, ready: 1, needsWork: 0, changed: 1 });
    const c = await claim(claimId);
    expect(c).toMatchObject({ status: 'ready', version: 2 });
    expect(c.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(c.history).toMatchObject([
      { version: 1, action: 'build', status: 'draft' },
      { version: 2, action: 'scrub', status: 'ready' },
    ]);
    expect((await scrub([claimId])).json()).toMatchObject({ scrubbed: 1, ready: 1, changed: 0 });
    expect((await claim(claimId)).version).toBe(2);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_user_id', '=', w.biller.id)
      .where('action', '=', 'billing.claims_scrub')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('asks for the prior authorization a payer rule requires, with a one-click fix', async () => {
    const { claimId } = await w.draftClaim([
      ...visit,
      { system: 'cpt', code: '71046', modifiers: [], units: 1 },
    ]);
    const r = (await scrub([claimId])).json();
    expect(r).toMatchObject({ ready: 0, needsWork: 1, byCode: { PRIOR_AUTH_MISSING: 1 } });
    const c = await claim(claimId);
    expect(c.status).toBe('scrubbed');
    expect(c.findings).toContainEqual(
      expect.objectContaining({
        code: 'PRIOR_AUTH_MISSING',
        severity: 'error',
        line: 3,
        fix: 'set_prior_auth',
        message: expect.stringContaining('71046'),
      }),
    );
  });

  it('names missing subscriber data, ended coverage and a total that is not the sum of its lines', async () => {
    const noAddress = await w.draftClaim(visit, { address: false });
    const ended = await w.draftClaim(visit);
    const total = await w.draftClaim(visit);
    await t.deps.db
      .updateTable('patient_coverage')
      .set({ effective_to: '2026-02-01' })
      .where('patient_id', '=', ended.patientId)
      .execute();
    await t.deps.db
      .updateTable('billing_claim')
      .set({ charge: 999 })
      .where('id', '=', total.claimId)
      .execute();
    const r = (
      await scrubClaims(cliContext(t.deps), { claimIds: [noAddress.claimId, ended.claimId, total.claimId] })
    ).claims;
    const by = new Map(r.map((c) => [c.id, c]));
    expect(codes(by.get(noAddress.claimId)?.findings ?? [])).toContain('SUBSCRIBER_INCOMPLETE');
    expect(by.get(noAddress.claimId)?.findings[0]?.message).toMatch(/address/);
    expect(codes(by.get(ended.claimId)?.findings ?? [])).toContain('COVERAGE_NOT_IN_FORCE');
    expect(by.get(total.claimId)?.findings).toContainEqual(
      expect.objectContaining({ code: 'TOTAL_MISMATCH', fix: 'recompute_total' }),
    );
    expect([...by.values()].every((c) => c.status === 'scrubbed')).toBe(true);
  });

  it('fails a rendering provider without a valid NPI and a claim past the timely-filing limit', async () => {
    const { claimId } = await w.draftClaim(visit);
    await t.deps.db
      .updateTable('billing_provider')
      .set({ npi: '1987654321' })
      .where('kind', '=', 'rendering')
      .execute();
    const before = t.clock.now();
    t.clock.set('2026-09-30T12:00:00Z');
    try {
      const [c] = (await scrubClaims(cliContext(t.deps), { claimIds: [claimId] })).claims;
      expect(codes(c?.findings ?? [])).toEqual(
        expect.arrayContaining(['NPI_INVALID', 'TIMELY_FILING_PASSED']),
      );
    } finally {
      t.clock.set(before);
      await t.deps.db
        .updateTable('billing_provider')
        .set({ npi: '1987654328' })
        .where('kind', '=', 'rendering')
        .execute();
    }
  });

  it('refuses the physician and the coder (audited) and leaves a restricted patient out', async () => {
    const { claimId, patientId } = await w.draftClaim(visit);
    for (const user of [w.doctor, w.coder]) {
      const res = await w.send(user, 'POST', '/api/billing/claims/scrub', { claimIds: [claimId] });
      expect(res.statusCode).toBe(403);
    }
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('actor_user_id', 'in', [w.doctor.id, w.coder.id])
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
    await insertLabel(t.deps.db, {
      patient_id: patientId,
      label: 'confidential',
      note: null,
      created_at: t.clock.now(),
      created_by: null,
    });
    expect((await scrub([claimId])).json()).toMatchObject({ scrubbed: 0 });
    const row = await t.deps.db
      .selectFrom('billing_claim')
      .select('status')
      .where('id', '=', claimId)
      .executeTakeFirst();
    expect(row?.status).toBe('draft');
  });

  it('rejects a request naming something other than claim ids', async () => {
    const res = await w.send(w.biller, 'POST', '/api/billing/claims/scrub', { claimIds: ['not-a-claim'] });
    expect(res.statusCode).toBe(400);
  });
});
