import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRemit } from '../src/billing/remit/remit.service.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { batched, remitFor, submittedClaim, type TestClaim } from '../test/remit-fixtures.ts';
import { type Journey, navLink, signInThroughForm, startJourney } from './browser.ts';

/**
 * Issue 13 journey: a biller opens the A/R aging dashboard and sees what each payer still owes by days
 * since submission; once the payer's 835 is posted the paid part leaves the report.
 */
let j: Journey;
let biller: TestUser;
let recent: TestClaim;

beforeAll(async () => {
  j = await startJourney();
  j.t.clock.set('2026-08-01T12:00:00Z');
  recent = await submittedClaim(j.t, [{ code: '99214', modifiers: [], charge: 200 }], {
    payerName: 'Aging Mutual',
  });
  await batched(j.t, recent, '2026-07-22');
  const old = await submittedClaim(j.t, [{ code: '99213', modifiers: [], charge: 120 }], {
    payerName: 'Aging Mutual',
  });
  await batched(j.t, old, '2026-03-15');
  const other = await submittedClaim(j.t, [{ code: '99212', modifiers: [], charge: 75 }], {
    payerName: 'Second Payer',
  });
  await batched(j.t, other, '2026-05-20');
  biller = await createTestUser(j.t, ['biller'], { mfa: true });
});
afterAll(() => j.close());

describe('journey: read A/R aging per payer', () => {
  it('shows open balances by bucket and drops what the 835 paid', async () => {
    const { page } = j;
    await signInThroughForm(j, biller);
    await navLink(page, 'A/R aging').click();
    await page.getByRole('heading', { name: 'A/R aging' }).waitFor();
    const row = page.getByTestId('aging-payer-row').filter({ hasText: 'Aging Mutual' });
    await expect.poll(() => row.textContent()).toContain('$320.00 (2)');
    const cells = await row.locator('td').allTextContents();
    // Payer, 0-30, 31-60, 61-90, 91-120, 120+, total.
    expect(cells.slice(1, 6)).toEqual(['$200.00', '—', '—', '—', '$120.00']);
    const second = page.getByTestId('aging-payer-row').filter({ hasText: 'Second Payer' });
    expect((await second.locator('td').allTextContents())[3]).toBe('$75.00');
    expect(await page.getByTestId('aging-chart').isVisible()).toBe(true);
    await j.shot('ar-aging');

    await importRemit(
      cliContext(j.t.deps),
      remitFor([recent], { payerName: 'AGING MUTUAL', trace: 'AGE1', payDate: '20260731' }),
      'age1.835',
    );
    await page.reload();
    await page.getByRole('heading', { name: 'A/R aging' }).waitFor();
    await expect.poll(async () => (await row.locator('td').allTextContents())[1]).not.toBe('$200.00');
    expect((await row.locator('td').allTextContents())[5]).toBe('$120.00');
  });
});
