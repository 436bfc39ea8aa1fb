import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payer271 } from '../src/billing/demo/payer-271.ts';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { billingWorld } from '../test/billing-fixtures.ts';
import { type Journey, navLink, signInThroughForm, startJourney } from './browser.ts';

/**
 * Issue 13 journey: a biller asks the payer whether a patient's coverage is active on the date of
 * service (270), imports the payer's answer (271) and reads the co-pay and deductible left; an answer
 * for a member the payer does not know shows the rejection and what to do.
 */
let j: Journey;
let biller: TestUser;
let mrn: string;
let unknownMrn: string;
const dir = mkdtempSync(path.join(tmpdir(), 'ck-eligibility-e2e-'));

beforeAll(async () => {
  j = await startJourney();
  j.t.clock.set('2026-04-15T12:00:00Z');
  const w = await billingWorld(j.t);
  const mrnOf = async (id: string) =>
    (await j.t.deps.db.selectFrom('patient').select('mrn').where('id', '=', id).executeTakeFirstOrThrow())
      .mrn;
  mrn = await mrnOf(await w.coveredPatient({ memberId: 'SM-E2E-1' }));
  unknownMrn = await mrnOf(await w.coveredPatient({ memberId: 'SM-NOBODY' }));
  biller = await createTestUser(j.t, ['biller'], { mfa: true });
});
afterAll(() => j.close());

describe('journey: check eligibility with a 270 and read the 271', () => {
  it('writes the 270, imports the answer and shows the benefits', async () => {
    const { page } = j;
    await signInThroughForm(j, biller);
    await navLink(page, 'Eligibility (270/271)').click();
    await page.getByRole('heading', { name: 'Eligibility', exact: true }).waitFor();
    await page.getByText('No inquiries yet.', { exact: false }).waitFor();
    const write = page.getByRole('button', { name: 'Write the 270' });
    await page.getByLabel('Patient MRN').fill('NO-SUCH-MRN');
    await page.getByText('No patient with this MRN.', { exact: false }).waitFor();
    expect(await write.isDisabled()).toBe(true);
    await page.getByLabel('Date of service').fill('2026-4-20');
    await page.getByText('A date as YYYY-MM-DD.').waitFor();
    await page.getByLabel('Date of service').fill('2026-04-20');
    const texts: string[] = [];
    for (const m of [mrn, unknownMrn]) {
      await page.getByLabel('Patient MRN').fill(m);
      await expect.poll(() => write.isDisabled()).toBe(false);
      await write.click();
      const written = page.getByTestId('eligibility-written');
      await expect.poll(() => written.textContent()).toMatch(/^1 inquiry\(ies\) in interchange \d+/);
      const link = page.getByRole('link', { name: /^Download eligibility-\d+\.270$/ });
      const download = page.waitForEvent('download');
      await link.click();
      texts.push(readFileSync(await (await download).path(), 'utf8'));
      await expect.poll(() => page.getByTestId('eligibility-row').count()).toBe(texts.length);
    }
    expect(texts[0]).toContain('NM1*IL*1*');
    expect(texts[0]).toContain('*MI*SM-E2E-1~');
    expect(await page.getByTestId('eligibility-row').first().textContent()).toContain('Awaiting answer');
    const answers = texts.map((t, i) =>
      payer271(t, {
        date: new Date('2026-04-16T09:00:00Z'),
        controlNumber: 900 + i,
        copay: 25,
        deductibleRemaining: 410,
        reject: (member) => member === 'SM-NOBODY',
      }),
    );
    const file = path.join(dir, 'answers.271');
    writeFileSync(file, answers.join(''));
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Import the answers' }).click();
    await expect
      .poll(() => page.getByTestId('eligibility-imported').textContent())
      .toMatch(/^2 inquiry\(ies\) answered from 2 transaction/);
    const active = page.getByTestId('eligibility-row').filter({ hasText: 'SM-E2E-1' });
    await expect.poll(() => active.textContent()).toContain('Active');
    expect(await active.textContent()).toContain('$25.00');
    expect(await active.textContent()).toContain('$410.00');
    expect(await active.textContent()).toContain('20 %');
    const rejected = page.getByTestId('eligibility-row').filter({ hasText: 'SM-NOBODY' });
    expect(await rejected.textContent()).toContain('subscriber not found');
    await j.shot('eligibility');

    // The status filter narrows the list.
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Rejected' }).click();
    await expect.poll(() => page.getByTestId('eligibility-row').count()).toBe(1);
  });
});
