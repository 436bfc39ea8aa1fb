import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer837 } from '../src/billing/demo/payer-835.ts';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { billingWorld, visit } from '../test/billing-fixtures.ts';
import { type Journey, signInThroughForm, startJourney } from './browser.ts';

/**
 * Issue 13 journey: a billing clerk scrubs the claims built from final coding, fixes the one that needs a
 * prior-authorization number, sends both in an 837 batch and posts the payer's 835; the patient
 * responsibility moves to a secondary claim (COB) or to the patient's balance.
 */
let j: Journey;
let clerk: TestUser;
let clean: string;
let needsAuth: string;
const dir = mkdtempSync(path.join(tmpdir(), 'ck-billing-e2e-'));

beforeAll(async () => {
  j = await startJourney();
  const w = await billingWorld(j.t);
  // Synthetic Mutual asks for a prior authorization on a chest X-ray (71046, src/billing/sample/payers.csv).
  const first = await w.draftClaim(visit);
  clean = first.claimId;
  // The first patient also has a secondary coverage: the primary's patient responsibility goes there (COB).
  await j.t.deps.db
    .insertInto('patient_coverage')
    .values({
      patient_id: first.patientId,
      priority: 'secondary',
      payer: 'Synthetic Medicare',
      plan: 'Part B',
      member_id: 'MC-2211',
      group_number: null,
      subscriber_name: 'Synthetic Subscriber',
      relationship: 'self',
      effective_from: '2026-01-01',
      effective_to: null,
      created_at: j.t.clock.now(),
    })
    .execute();
  needsAuth = (
    await w.draftClaim([
      { system: 'cpt', code: '99213', modifiers: [], units: 1 },
      { system: 'cpt', code: '71046', modifiers: [], units: 1 },
    ])
  ).claimId;
  clerk = await createTestUser(j.t, ['biller'], { mfa: true });
});
afterAll(() => j.close());

const rowOf = (j: Journey, pcn: string) => j.page.getByTestId('claim-row').filter({ hasText: pcn });

describe('journey: scrub, fix, batch 837, post the 835', () => {
  let pcnClean = '';
  let pcnAuth = '';

  it('shows the claim queue and scrubs the unsent claims', async () => {
    const { page } = j;
    await signInThroughForm(j, clerk);
    await page.getByRole('link', { name: 'Claims' }).click();
    await page.getByRole('heading', { name: 'Claims' }).waitFor();
    await expect.poll(() => page.getByTestId('claim-row').count()).toBe(2);
    expect(await page.getByRole('table', { name: 'Claims' }).textContent()).toContain('Draft');
    await page.getByRole('button', { name: 'Scrub unsent claims' }).click();
    await page.getByText('2 scrubbed: 1 ready, 1 need work').waitFor();
    const claims = await page.getByRole('table', { name: 'Claims' }).textContent();
    expect(claims).toContain('Ready');
    expect(claims).toContain('Needs work');
    pcnAuth = (await page.locator(`a[href="/billing/claims/${needsAuth}"]`).textContent()) ?? '';
    pcnClean = (await page.locator(`a[href="/billing/claims/${clean}"]`).textContent()) ?? '';
    expect(pcnAuth).toMatch(/^CK\d+$/);
    expect(await rowOf(j, pcnAuth).textContent()).toContain('Needs work');
    await j.shot('billing-claim-queue');
  });

  it('opens the claim that needs work, adds the authorization number and sees it pass', async () => {
    const { page } = j;
    await page.getByRole('link', { name: pcnAuth }).click();
    await page.getByRole('heading', { name: pcnAuth }).waitFor();
    expect(await page.getByTestId('claim-status').textContent()).toBe('Needs work');
    const finding = page.getByTestId('scrub-finding').filter({ hasText: 'PRIOR_AUTH_MISSING' });
    await finding.waitFor();
    expect(await finding.textContent()).toContain('requires a prior authorization for 71046');
    const add = finding.getByRole('button', { name: 'Add the authorization number' });
    expect(await add.isDisabled()).toBe(true);
    await finding.getByLabel('Authorization number').fill('SM-AUTH-4471');
    await j.shot('billing-claim-finding');
    await add.click();
    await expect.poll(() => page.getByTestId('claim-status').textContent()).toBe('Ready');
    await expect.poll(() => finding.count()).toBe(0);
    // What remains is at most a warning (the CPT code set is licensed and not loaded in a test install).
    expect(await page.getByTestId('scrub-finding').filter({ hasText: 'error' }).count()).toBe(0);
    expect(await page.getByTestId('claim-diagnoses').textContent()).toContain('1. E11.9');
    expect(await page.getByText('prior authorization SM-AUTH-4471').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Claim history' }).textContent()).toContain('fix');
    await page.getByRole('button', { name: 'Show the 837' }).click();
    const x12 = page.getByTestId('x12-preview');
    await x12.waitFor();
    expect(await x12.textContent()).toContain('REF*G1*SM-AUTH-4471~');
    // The paper form of the now clean claim, as the download button gives it.
    const form = page.getByRole('link', { name: 'CMS-1500 (PDF)' });
    const pdf = await page.request.get((await form.getAttribute('href')) ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await j.shot('billing-claim-fixed');
  });

  it('sends both ready claims in one 837 batch', async () => {
    const { page } = j;
    await page.getByRole('link', { name: '837 batches' }).click();
    await page.getByRole('heading', { name: '837 batches' }).waitFor();
    await expect.poll(() => page.getByTestId('ready-count').textContent()).toBe('2 claim(s) ready to send.');
    await page.getByText('Test', { exact: true }).click();
    await page.getByRole('button', { name: 'Create the 837 batch' }).click();
    const result = page.getByTestId('batch-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(
      /2 claim\(s\) submitted in 1 file\(s\): .*_837P_\d{9}\.x12 \(2 claims, \$347\.00\)$/,
    );
    await expect.poll(() => page.getByTestId('batch-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('ready-count').textContent()).toBe('0 claim(s) ready to send.');
    await j.shot('billing-batch');
  });

  it('imports the payer’s 835 and sees both claims paid', async () => {
    const { page } = j;
    // The batch file as the browser downloads it, answered by the simulated payer.
    const href = (await page.getByTestId('batch-row').getByRole('link').getAttribute('href')) ?? '';
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    const sent = await res.text();
    expect(sent).toContain(`CLM*${pcnAuth}*`);
    const remit = answer837(sent, {
      trace: 'EFT20260320',
      date: new Date('2026-03-20T12:00:00Z'),
      controlNumber: 7,
    });
    const file = path.join(dir, 'synthetic-mutual.835');
    writeFileSync(file, remit ?? '');
    await page.getByRole('link', { name: 'Remittance (835)' }).click();
    await page.getByRole('heading', { name: 'Remittance (835)' }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Import and post' }).click();
    const posted = page.getByTestId('remit-posted');
    await posted.waitFor();
    expect(await posted.textContent()).toMatch(/^2 of 2 claim\(s\) posted, 0 denied · paid \$/);
    expect(await page.getByTestId('remit-result').textContent()).toContain('trace EFT20260320');
    await page.getByText('Nothing to work: every remitted claim matched.').waitFor();
    await j.shot('billing-remit-posted');
    await page.getByRole('link', { name: 'Claims' }).click();
    await expect.poll(() => rowOf(j, pcnClean).textContent()).toContain('Paid');
    await page.getByRole('link', { name: pcnClean }).click();
    await page.getByRole('heading', { name: pcnClean }).waitFor();
    const paid = await page.getByTestId('amount-paid').textContent();
    expect(paid).not.toBe('$0.00');
    const charge = Number((await page.getByTestId('amount-charge').textContent())?.replace(/[$,]/g, ''));
    const balance = Number((await page.getByTestId('amount-balance').textContent())?.replace(/[$,]/g, ''));
    expect(balance).toBeLessThan(charge);
    await page.getByRole('heading', { name: 'Scrubber findings when the claim was sent' }).waitFor();
    await j.shot('billing-claim-paid');
  });

  it('follows the patient responsibility to the secondary claim (COB) and back', async () => {
    const { page } = j;
    expect(await page.getByTestId('cob-responsibility').textContent()).toMatch(
      /^Patient responsibility \$13\.20 moved to the next payer’s claim\.$/,
    );
    const link = page.getByTestId('cob-link-secondary');
    const secondary = (await link.textContent()) ?? '';
    expect(secondary).toMatch(/^CK\d+$/);
    await link.click();
    await page.getByRole('heading', { name: secondary }).waitFor();
    expect(await page.getByTestId('claim-status').textContent()).toBe('Draft');
    expect(await page.getByTestId('cob-prior-payer').textContent()).toContain(
      'Synthetic Mutual (SYNM1) paid $92.40',
    );
    await page.getByRole('button', { name: 'Scrub again' }).click();
    await expect.poll(() => page.getByTestId('claim-status').textContent()).toBe('Ready');
    await page.getByRole('button', { name: 'Show the 837' }).click();
    const x12 = page.getByTestId('x12-preview');
    await x12.waitFor();
    const text = (await x12.textContent()) ?? '';
    expect(text).toContain('AMT*D*92.4~');
    expect(text).toContain('SVD*SYNM1*84*HC:99213**1~');
    await j.shot('billing-cob-secondary');
    await page.getByTestId('cob-link-primary').click();
    await page.getByRole('heading', { name: pcnClean }).waitFor();
    // The other claim's patient has no secondary coverage: its share went to the patient's balance.
    await page.getByRole('link', { name: '← Claims' }).click();
    await page.getByRole('link', { name: pcnAuth }).click();
    await page.getByRole('heading', { name: pcnAuth }).waitFor();
    expect(await page.getByTestId('cob-responsibility').textContent()).toContain(
      'moved to the patient’s balance',
    );
    expect(await page.getByTestId('cob-patient-balance').textContent()).toMatch(/^The patient owes \$/);
  });
});
