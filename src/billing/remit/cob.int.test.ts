import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { X12Interchange, X12Parser } from 'node-x12';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { billingWorld, visit } from '../../../test/billing-fixtures.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { answer837 } from '../demo/payer-835.ts';
import { scrubClaims } from '../scrubber/scrubber.service.ts';
import { batchClaims } from '../x12/batch.service.ts';
import { checkEnvelope } from '../x12/envelope.ts';
import { elementValue, parseX12, type X12Segment } from '../x12/segment.ts';
import { importRemit } from './remit.service.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof billingWorld>>;
let icn = 500;

beforeAll(async () => {
  t = await buildTestApp();
  w = await billingWorld(t);
});
afterAll(() => t.close());

async function addSecondary(patientId: string, payer = 'Synthetic Medicare'): Promise<void> {
  await t.deps.db
    .insertInto('patient_coverage')
    .values({
      patient_id: patientId,
      priority: 'secondary',
      payer,
      plan: 'Part B',
      member_id: 'MC-7788',
      group_number: null,
      subscriber_name: 'Synthetic Subscriber',
      relationship: 'self',
      effective_from: '2026-01-01',
      effective_to: null,
      created_at: t.clock.now(),
    })
    .execute();
}

/** Scrubs the claim, sends it in its own 837 batch and returns the file text. */
async function send(claimId: string, payerId: string): Promise<string> {
  const scrub = await scrubClaims(cliContext(t.deps), { claimIds: [claimId] });
  expect(scrub.ready).toBe(1);
  const dir = mkdtempSync(path.join(tmpdir(), 'ckcob-'));
  const r = await batchClaims(cliContext(t.deps), { outDir: dir, payerId });
  expect(r.claims).toBe(1);
  return readFileSync(path.join(dir, r.files[0]?.file as string), 'utf8');
}

async function answer(text837: string) {
  icn += 1;
  const text = answer837(text837, {
    trace: `COB${icn}`,
    date: new Date('2026-03-02T12:00:00Z'),
    controlNumber: icn,
  });
  return importRemit(cliContext(t.deps), text as string, `cob${icn}.835`);
}

const claim = async (id: string) => (await w.send(w.biller, 'GET', `/api/billing/claims/${id}`)).json();
const v = (s: X12Segment | undefined, n: number, m?: number) => (s ? elementValue(s, n, m) : '');

describe('coordination of benefits', () => {
  it("moves the primary's patient responsibility to a secondary claim whose 837 carries the primary's amounts", async () => {
    const c = await w.draftClaim(visit);
    await addSecondary(c.patientId);
    const primary837 = await send(c.claimId, 'SYNM1');
    const posted = await answer(primary837);
    expect(posted.transactions[0]).toMatchObject({ posted: 1, secondaryClaims: 1, toPatient: 0 });

    // 99213 $120 + 36415 $12: paid 70 %, 10 % coinsurance (PR-2), 20 % contractual (CO-45).
    const first = await claim(c.claimId);
    expect(first).toMatchObject({
      status: 'paid',
      paid: 92.4,
      adjusted: 26.4,
      patientResponsibility: 13.2,
      balance: 13.2,
      responsibility: { to: 'secondary', amount: 13.2 },
      nextClaim: { payerName: 'Synthetic Medicare', payerOrder: 'secondary', status: 'draft' },
    });
    expect(first.history.at(-1)).toMatchObject({ action: 'responsibility_moved' });
    const second = await claim(first.nextClaim.id);
    expect(second).toMatchObject({
      payerOrder: 'secondary',
      payerId: 'SYNMC',
      status: 'draft',
      charge: 132,
      priorClaim: { id: c.claimId, payerOrder: 'primary' },
      priorPayer: { payerId: 'SYNM1', paid: 92.4, patientResponsibility: 13.2, adjudicatedOn: '2026-03-02' },
    });
    expect(second.lines.map((l: { code: string }) => l.code)).toEqual(['99213', '36415']);

    const text = await send(second.id, 'SYNMC');
    // A/R: the secondary claim carries what the primary left (not its full charge); the primary drops out.
    const aging = (await w.send(w.biller, 'GET', '/api/billing/aging')).json();
    const ar = (name: string) => aging.payers.find((p: { payerName: string }) => p.payerName === name);
    expect(ar('Synthetic Medicare')).toMatchObject({ count: 1, amount: 13.2 });
    expect(ar('Synthetic Mutual')).toBeUndefined();
    expect(new X12Parser(true).parse(text)).toBeInstanceOf(X12Interchange);
    const { segments } = parseX12(text);
    expect(checkEnvelope(segments)).toEqual([]);
    const at = (id: string, q?: string) => segments.findIndex((s) => s.id === id && (!q || v(s, 1) === q));
    const sbrs = segments.filter((s) => s.id === 'SBR');
    // 2000B: the secondary's subscriber (SBR01 S); 2320: the primary (SBR01 P) with its filing indicator.
    expect(sbrs.map((s) => [v(s, 1), v(s, 9)])).toEqual([
      ['S', 'MB'],
      ['P', 'CI'],
    ]);
    expect(at('SBR') < at('CLM') && at('CLM') < segments.indexOf(sbrs[1] as X12Segment)).toBe(true);
    expect(segments.filter((s) => s.id === 'AMT').map((s) => [v(s, 1), v(s, 2)])).toEqual([
      ['D', '92.4'],
      ['EAF', '13.2'],
    ]);
    expect(segments.some((s) => s.id === 'OI' && v(s, 3) === 'Y' && v(s, 6) === 'Y')).toBe(true);
    const nm1 = segments.filter((s) => s.id === 'NM1').map((s) => [v(s, 1), v(s, 9)]);
    expect(nm1).toContainEqual(['IL', 'SM-100200']); // 2330A: the primary's member id
    expect(nm1).toContainEqual(['PR', 'SYNM1']); // 2330B: the primary payer
    // 2430 per line: SVD paid, CAS by group, DTP*573; each line balances SV102 − Σ CAS = SVD02.
    const svd = segments.filter((s) => s.id === 'SVD');
    expect(svd.map((s) => [v(s, 1), v(s, 2), v(s, 3, 2)])).toEqual([
      ['SYNM1', '84', '99213'],
      ['SYNM1', '8.4', '36415'],
    ]);
    const line1 = segments.slice(
      segments.indexOf(svd[0] as X12Segment),
      segments.indexOf(svd[1] as X12Segment),
    );
    expect(line1.filter((s) => s.id === 'CAS').map((s) => [v(s, 1), v(s, 2), v(s, 3)])).toEqual([
      ['CO', '45', '24'],
      ['PR', '2', '12'],
    ]);
    expect(line1.some((s) => s.id === 'DTP' && v(s, 1) === '573' && v(s, 3) === '20260302')).toBe(true);
    const sv1 = segments.filter((s) => s.id === 'SV1').map((s) => Number(v(s, 2)));
    svd.forEach((s, i) => {
      const end = svd[i + 1] ? segments.indexOf(svd[i + 1] as X12Segment) : segments.length;
      const cas = segments
        .slice(segments.indexOf(s), end)
        .filter((x) => x.id === 'CAS')
        .reduce((a, x) => a + Number(v(x, 3)), 0);
      expect(Math.round(((sv1[i] ?? 0) - cas) * 100)).toBe(Math.round(Number(v(s, 2)) * 100));
    });

    // The secondary pays what the patient owed; nothing is left to move on.
    const paid2 = await answer(text);
    expect(paid2.transactions[0]).toMatchObject({ posted: 1, paid: 13.2, secondaryClaims: 0, toPatient: 0 });
    expect(await claim(second.id)).toMatchObject({
      status: 'paid',
      paid: 13.2,
      balance: 0,
      responsibility: null,
    });
  });

  it("moves the patient responsibility to the patient's balance without secondary coverage, once", async () => {
    const c = await w.draftClaim(visit);
    const text = answer837(await send(c.claimId, 'SYNM1'), {
      trace: 'COBSELF1',
      date: new Date('2026-03-03T12:00:00Z'),
      controlNumber: 777,
    }) as string;
    const posted = await importRemit(cliContext(t.deps), text, 'self.835');
    expect(posted.transactions[0]).toMatchObject({ secondaryClaims: 0, toPatient: 1 });
    expect(await claim(c.claimId)).toMatchObject({
      responsibility: { to: 'patient', amount: 13.2 },
      nextClaim: null,
      patientBalance: 13.2,
    });
    const again = await importRemit(cliContext(t.deps), text, 'self-again.835');
    expect(again.transactions[0]).toMatchObject({ duplicate: true, toPatient: 0 });
    expect((await claim(c.claimId)).patientBalance).toBe(13.2);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'billing.responsibility_moved')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('builds no secondary claim for a denied primary claim (it is worked in the denials queue)', async () => {
    const c = await w.draftClaim(visit);
    await addSecondary(c.patientId);
    const text = answer837(await send(c.claimId, 'SYNM1'), {
      trace: 'COBDENY1',
      date: new Date('2026-03-04T12:00:00Z'),
      controlNumber: 778,
      deny: () => true,
    }) as string;
    const posted = await importRemit(cliContext(t.deps), text, 'deny.835');
    expect(posted.transactions[0]).toMatchObject({ denied: 1, secondaryClaims: 0, toPatient: 0 });
    expect(await claim(c.claimId)).toMatchObject({ status: 'denied', responsibility: null, nextClaim: null });
  });
});
