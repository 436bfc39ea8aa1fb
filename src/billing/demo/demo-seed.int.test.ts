import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { seedPatients } from '../../patients/index.ts';
import { listClaims } from '../claims-read.service.ts';
import { importRemit } from '../remit/remit.service.ts';
import { type BillingSeedResult, seedBilling } from './demo-seed.service.ts';

let t: TestApp;
let r: BillingSeedResult;
const outDir = mkdtempSync(path.join(tmpdir(), 'ck-demo-'));

beforeAll(async () => {
  t = await buildTestApp();
  const ctx = cliContext(t.deps);
  await seedPatients(ctx, { count: 40, seed: 7, duplicateRate: 0 });
  r = await seedBilling(ctx, { encounters: 15, outDir });
});
afterAll(() => t.close());

describe('demo seed --billing', () => {
  it('bills synthetic visits through the whole cycle: sent, posted, denied and still to work', async () => {
    expect(r.encounters).toBe(15);
    expect(r.claims).toBe(15);
    expect(r.submitted).toBeGreaterThan(0);
    expect(r.submitted).toBeLessThanOrEqual(9);
    expect(r.remitted).toBeGreaterThan(0);
    const claims = (await listClaims(cliContext(t.deps), {})).items;
    expect(claims).toHaveLength(15);
    const statuses = new Set(claims.map((c) => c.status));
    expect(statuses).toContain('submitted');
    expect([...statuses].some((s) => s === 'paid' || s === 'partially_paid')).toBe(true);
    expect([...statuses].some((s) => s === 'ready' || s === 'scrubbed')).toBe(true);
    const paid = claims.filter((c) => c.paid > 0);
    for (const c of paid) expect(c.balance).toBeCloseTo(c.charge - c.paid - c.adjusted, 2);
  });

  it('matches every line the payer answered by the REF*6R the 837 sent (line item control number)', async () => {
    const lines = await t.deps.db
      .selectFrom('billing_remit_line')
      .select(['match', 'claim_line_ids'])
      .execute();
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines.map((l) => l.match))).toEqual(new Set(['control_number']));
    for (const l of lines) expect(l.claim_line_ids).toHaveLength(1);
  });

  it('leaves an 835 for the unanswered claims that posts exactly once', async () => {
    expect(r.pendingRemitFiles.length).toBeGreaterThan(0);
    const ctx = cliContext(t.deps);
    const file = r.pendingRemitFiles[0] ?? '';
    const first = await importRemit(ctx, readFileSync(file, 'utf8'), path.basename(file));
    expect(first.transactions[0]).toMatchObject({ duplicate: false, unmatched: [] });
    expect(first.transactions[0]?.posted).toBeGreaterThan(0);
    const again = await importRemit(ctx, readFileSync(file, 'utf8'), path.basename(file));
    expect(again.transactions[0]?.duplicate).toBe(true);
  });

  it('bills nobody twice when run again', async () => {
    const before = (await listClaims(cliContext(t.deps), {})).items.length;
    const second = await seedBilling(cliContext(t.deps), { encounters: 5, outDir });
    const after = (await listClaims(cliContext(t.deps), {})).items.length;
    expect(after - before).toBe(second.claims);
    expect(second.encounters).toBe(5);
  });
});
