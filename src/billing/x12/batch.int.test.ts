import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { X12Interchange, X12Parser } from 'node-x12';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { billingWorld, visit } from '../../../test/billing-fixtures.ts';
import { sharedData } from '../../../test/shared-data.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { scrubClaims } from '../scrubber/scrubber.service.ts';
import { batchClaims } from './batch.service.ts';
import { checkEnvelope } from './envelope.ts';
import { elementValue, parseX12, type X12Segment } from './segment.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof billingWorld>>;

beforeAll(async () => {
  t = await buildTestApp();
  w = await billingWorld(t);
});
afterAll(() => t.close());

const ids = (segs: X12Segment[]) => segs.map((s) => s.id);

/** HL parent links: every HL02 names an earlier HL01; HL04 says whether a child follows. */
function hlProblems(segs: X12Segment[]): string[] {
  const hls = segs.filter((s) => s.id === 'HL');
  const seen = new Map<string, string>();
  const problems: string[] = [];
  hls.forEach((h, i) => {
    const [id, parent, level, child] = [1, 2, 3, 4].map((n) => elementValue(h, n));
    if (parent && !seen.has(parent)) problems.push(`HL ${id} names unknown parent ${parent}`);
    if (level === '22' && parent && seen.get(parent) !== '20')
      problems.push(`subscriber HL ${id} not under 20`);
    if (level === '23' && parent && seen.get(parent) !== '22') problems.push(`patient HL ${id} not under 22`);
    const next = hls[i + 1];
    const hasChild = next !== undefined && elementValue(next, 2) === id;
    if ((child === '1') !== hasChild) problems.push(`HL ${id} HL04 ${child} but child ${hasChild}`);
    seen.set(id as string, level as string);
  });
  return problems;
}

describe('837 batches', () => {
  it('writes ready claims as one 837P interchange per payer that node-x12 parses, with correct counts and HL links', async () => {
    const a = await w.draftClaim(visit);
    const b = await w.draftClaim([{ system: 'cpt', code: '99214', modifiers: ['25'], units: 1 }]);
    const scrub = await scrubClaims(cliContext(t.deps), { claimIds: [a.claimId, b.claimId] });
    expect(scrub.ready).toBe(2);
    const dir = mkdtempSync(path.join(tmpdir(), 'ck837-'));
    const r = await batchClaims(cliContext(t.deps), { outDir: dir });
    expect(r.files).toHaveLength(1);
    expect(r.files[0]).toMatchObject({ payerId: 'SYNM1', type: 'P', claims: 2 });
    expect(readdirSync(dir)).toEqual([r.files[0]?.file]);
    const text = readFileSync(path.join(dir, r.files[0]?.file as string), 'utf8');
    const ix = new X12Parser(true).parse(text) as X12Interchange;
    expect(ix).toBeInstanceOf(X12Interchange);
    expect(ix.functionalGroups[0]?.header.valueOf(8)).toBe('005010X222A1');
    expect(ix.functionalGroups[0]?.transactions).toHaveLength(1);
    const { segments } = parseX12(text);
    expect(checkEnvelope(segments)).toEqual([]);
    expect(hlProblems(segments)).toEqual([]);
    expect(segments[0] && elementValue(segments[0], 13)).toBe(
      String(r.files[0]?.interchangeControlNumber).padStart(9, '0'),
    );
    expect(segments.filter((s) => s.id === 'CLM')).toHaveLength(2);
    // Same loop order as the shared 837P samples: envelope, BHT, 1000A/B, HL 20 with 2010AA, HL 22 …
    const sample = parseX12(
      readFileSync(
        sharedData('x12', 'linuxforhealth-x12', '837_005010X222A2', 'demo.autoaccident.837'),
        'utf8',
      ),
    ).segments;
    const head = (s: X12Segment[]) => ids(s).slice(0, 8);
    expect(head(segments)).toEqual(head(sample));
    const clm = segments.find((s) => s.id === 'CLM');
    expect(clm && elementValue(clm, 5, 2)).toBe('B');
    const sv1 = segments.filter((s) => s.id === 'SV1');
    expect(sv1.map((s) => elementValue(s, 1, 2))).toEqual(['99213', '36415', '99214']);
    expect(elementValue(sv1[2] as X12Segment, 1, 3)).toBe('25');
    // The rendering physician differs from the billing organisation: 2310B is there; no pay-to loop (87).
    expect(segments.some((s) => s.id === 'NM1' && elementValue(s, 1) === '82')).toBe(true);
    expect(segments.some((s) => s.id === 'NM1' && elementValue(s, 1) === '87')).toBe(false);
    const claim = (await w.send(w.biller, 'GET', `/api/billing/claims/${a.claimId}`)).json();
    expect(claim.status).toBe('submitted');
    expect(claim.history.at(-1)).toMatchObject({ action: 'submit', status: 'submitted' });
    const list = (await w.send(w.biller, 'GET', '/api/billing/batches')).json();
    expect(list.items[0]).toMatchObject({ file: r.files[0]?.file, claims: 2 });
    const file = await w.send(w.biller, 'GET', `/api/billing/batches/${list.items[0].id}/file`);
    expect(file.body).toBe(text);
  });

  it('refuses a batch whose ready claim no longer passes the scrubber: clear error, nothing written', async () => {
    const c = await w.draftClaim(visit);
    await scrubClaims(cliContext(t.deps), { claimIds: [c.claimId] });
    await t.deps.db
      .updateTable('patient_coverage')
      .set({ effective_to: '2026-02-01' })
      .where('patient_id', '=', c.patientId)
      .execute();
    const dir = mkdtempSync(path.join(tmpdir(), 'ck837-'));
    await expect(batchClaims(cliContext(t.deps), { outDir: dir })).rejects.toMatchObject({
      code: 'CLAIM_FAILS_SCRUBBER',
      message: expect.stringContaining('coverage'),
    });
    expect(readdirSync(dir)).toEqual([]);
    const row = await t.deps.db
      .selectFrom('billing_claim')
      .select('status')
      .where('id', '=', c.claimId)
      .executeTakeFirst();
    expect(row?.status).toBe('scrubbed');
    await expect(batchClaims(cliContext(t.deps), { outDir: dir })).rejects.toMatchObject({
      code: 'NO_READY_CLAIMS',
    });
    const preview = await w.send(w.biller, 'GET', `/api/billing/claims/${c.claimId}/837`);
    expect(preview.statusCode).toBe(422);
    expect(preview.json().error.code).toBe('CLAIM_FAILS_SCRUBBER');
  });

  it('previews a clean claim as an 837 and refuses the physician', async () => {
    const c = await w.draftClaim(visit);
    const preview = await w.send(w.biller, 'GET', `/api/billing/claims/${c.claimId}/837`);
    expect(preview.statusCode).toBe(200);
    expect(checkEnvelope(parseX12(preview.json().x12).segments)).toEqual([]);
    expect((await w.send(w.doctor, 'GET', `/api/billing/claims/${c.claimId}/837`)).statusCode).toBe(403);
    expect((await w.send(w.doctor, 'POST', '/api/billing/batches', {})).statusCode).toBe(403);
  });
});
