import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPayers } from '../src/billing/fees.service.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { billingSample } from '../test/billing-fixtures.ts';
import { insertTestPatient } from '../test/factories.ts';
import { remitFor, submittedClaim, type TestClaim } from '../test/remit-fixtures.ts';
import { type Journey, navLink, signInThroughForm, startJourney } from './browser.ts';

/**
 * Issue 13 journeys: a biller imports an 835 that pays one claim and denies the other (CO-197, no
 * authorization), works the denial in the queue and appeals it with a letter; then records the prior
 * authorization the payer asked for.
 */
let j: Journey;
let biller: TestUser;
let paid: TestClaim;
let denied: TestClaim;
let mrn: string;
const dir = mkdtempSync(path.join(tmpdir(), 'ck-denials-e2e-'));

beforeAll(async () => {
  j = await startJourney();
  j.t.clock.set('2026-04-15T12:00:00Z');
  await loadPayers(cliContext(j.t.deps), billingSample('payers.csv'));
  paid = await submittedClaim(j.t, [{ code: '99213', modifiers: [], charge: 120 }]);
  denied = await submittedClaim(j.t, [{ code: '71046', modifiers: [], charge: 95 }]);
  mrn = (await insertTestPatient(j.t, { mrn: 'PA-E2E-001', family: 'Authfamily', given: 'Ada' })).mrn;
  biller = await createTestUser(j.t, ['biller'], { mfa: true });
});
afterAll(() => j.close());

describe('journey: import an 835, see the denial, appeal it', () => {
  it('posts the 835: one claim paid, one denied', async () => {
    const { page } = j;
    const file = path.join(dir, 'mixed.835');
    writeFileSync(
      file,
      remitFor([paid, denied], {
        deny: new Set([denied.pcn]),
        denyReason: '197',
        payDate: '20260320',
        trace: 'EFTDEN1',
      }),
    );
    await signInThroughForm(j, biller);
    await navLink(page, 'Remittance (835)').click();
    await page.getByRole('heading', { name: 'Remittance (835)' }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Import and post' }).click();
    const posted = page.getByTestId('remit-posted');
    await posted.waitFor();
    expect(await posted.textContent()).toMatch(/^2 of 2 claim\(s\) posted, 1 denied/);
  });

  it('finds the denial in the queue with its CARC text and suggested action, and appeals it', async () => {
    const { page } = j;
    await navLink(page, 'Denials').click();
    await page.getByRole('heading', { name: 'Denials', exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('denial-row').count()).toBe(1);
    expect(await page.getByTestId('denial-total').textContent()).toBe('1 denial(s)');
    const row = page.getByTestId('denial-row');
    expect(await row.textContent()).toContain('CO-197');
    expect(await row.textContent()).toContain('Authorization');
    await row.getByRole('button', { name: denied.pcn }).click();
    const detail = page.getByTestId('denial-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('authorization');
    expect(await page.getByText('Suggested action').count()).toBe(1);
    // The category filter narrows the queue; a category with no denial shows what to do next.
    await page.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: 'Timely filing' }).click();
    await page.getByText('No denials match. Change the filters or import an 835.').waitFor();
    await page.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: 'Authorization' }).click();
    await expect.poll(() => page.getByTestId('denial-row').count()).toBe(1);
    await expect(page.getByTestId('aging-chart').isVisible()).resolves.toBe(true);

    const appeal = page.getByRole('button', { name: 'Appeal with a letter' });
    await page.getByLabel('Appeal reason').fill('Too short');
    expect(await page.getByText('at least 10 characters').count()).toBe(1);
    expect(await appeal.isDisabled()).toBe(true);
    await page
      .getByLabel('Appeal reason')
      .fill('The chest X-ray was authorized by phone on 2026-02-09; the authorization number is attached.');
    await page.getByLabel('Records sent with the appeal').fill('Radiology order 2026-02-09');
    expect(await appeal.isDisabled()).toBe(false);
    await j.shot('denials-queue');
    await appeal.click();
    await expect.poll(() => page.getByTestId('denial-status').textContent()).toBe('Appealed');
    const letter = page.getByRole('link', { name: 'Appeal letter (PDF)' });
    await letter.waitFor();
    const pdf = await page.request.get((await letter.getAttribute('href')) ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page.getByRole('table', { name: 'Denial history' }).textContent()).toContain('appeal');
    await j.shot('denials-appealed');
  });
});

describe('journey: record a prior authorization', () => {
  it('validates as the biller types, records the request and approves it', async () => {
    const { page } = j;
    await navLink(page, 'Prior authorizations').click();
    await page.getByRole('heading', { name: 'Prior authorizations' }).waitFor();
    await page.getByText('No prior authorizations yet.', { exact: false }).waitFor();
    const record = page.getByRole('button', { name: 'Record the authorization' });
    await page.getByLabel('Patient MRN').fill(mrn);
    await page.getByText('Authfamily, Ada', { exact: false }).waitFor();
    await page.getByRole('combobox', { name: 'Payer' }).click();
    await page.getByRole('option', { name: 'Synthetic Mutual (SYNM1)' }).click();
    await page.getByText('Requires one for 71046').waitFor();
    await page.getByLabel('Codes').fill('71046, 7!');
    await page.getByText('Codes are CPT/HCPCS').waitFor();
    await page.getByLabel('Codes').fill('71046');
    await page.getByLabel('Valid from').fill('2026-04-01');
    await page.getByLabel('Valid to').fill('2026-03-01');
    await page.getByText('Ends before it starts.').waitFor();
    expect(await record.isDisabled()).toBe(true);
    await page.getByLabel('Valid to').fill('2026-06-30');
    await page.getByLabel('Authorization number').fill('SM-AUTH-9001');
    expect(await record.isDisabled()).toBe(false);
    await record.click();
    const row = page.getByTestId('prior-auth-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('SM-AUTH-9001');
    expect(await row.textContent()).toContain('Pending');
    await row.getByRole('button', { name: 'Mark approved' }).click();
    await expect.poll(() => row.textContent()).toContain('Approved');
    await j.shot('prior-auths');
  });
});
