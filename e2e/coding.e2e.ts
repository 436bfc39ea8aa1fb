import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { type Journey, signInThroughForm, startJourney } from './browser.ts';

let j: Journey;
let admin: TestUser;
beforeAll(async () => {
  j = await startJourney();
  // Administrators hold audit:read, so the MFA policy applies: the journey passes the TOTP challenge.
  admin = await createTestUser(j.t, ['administrator'], { mfa: true });
});
afterAll(() => j.close());

describe('journey: load the sample code sets and find a code by words', () => {
  it('loads the sample from the code-set administration page', async () => {
    const { page } = j;
    await signInThroughForm(j, admin);
    await page.getByRole('link', { name: 'Code sets' }).click();
    await page.getByRole('heading', { name: 'Code sets' }).waitFor();
    const load = page.getByRole('button', { name: 'Load the sample code sets' });
    await load.click();
    const table = page.getByTestId('code-versions');
    await table.waitFor();
    await expect.poll(() => table.textContent()).toContain('ICD-10-PCS');
    await expect.poll(() => load.getAttribute('data-loading')).toBeNull();
    expect(await table.textContent()).toContain('FY2026');
    await j.shot('coding-code-sets');
  });

  it('finds E11.22 by "diab typ 2 kidn" and shows it billable and valid on the date of service', async () => {
    const { page } = j;
    await page.getByRole('link', { name: 'Code search' }).click();
    await page.getByLabel('Date of service').fill('2026-03-01');
    const box = page.getByRole('textbox', { name: 'Search codes' });
    await box.fill('diab typ 2 kidn');
    const first = page.getByTestId('code-result').first();
    await expect.poll(() => first.textContent()).toContain('E11.22');
    expect(await first.textContent()).toContain('Billable');
    expect(await first.textContent()).toContain('Valid on date');
    await box.press('Enter');
    await page.getByTestId('picked-code').waitFor();
    expect(await page.getByTestId('picked-code').textContent()).toContain('diabetic chronic kidney disease');
    await j.shot('coding-search-words');
  });

  it('moves through results with the arrow keys and shows headers with their billable children', async () => {
    const { page } = j;
    const box = page.getByRole('textbox', { name: 'Search codes' });
    await box.fill('type 2 diabetes');
    await expect
      .poll(() => page.getByTestId('search-summary').textContent())
      .toMatch(/results in ICD-10-CM FY2026 · words: type 2 diabetes$/);
    await box.press('ArrowDown');
    expect(await page.getByRole('option', { selected: true }).getAttribute('id')).toBe('code-option-1');
    await expect.poll(() => page.getByText('Billable codes under it').count()).toBeGreaterThan(0);
    await j.shot('coding-search-headers');
  });

  it('browses the ICD-10-CM hierarchy from chapter to code', async () => {
    const { page } = j;
    await page.getByRole('tab', { name: 'Browse ICD-10-CM' }).click();
    const nodes = page.getByTestId('browse-node');
    await nodes.filter({ hasText: 'Endocrine, nutritional and metabolic diseases' }).click();
    await nodes.filter({ hasText: /^E11 Type 2 diabetes mellitus/ }).click();
    await expect
      .poll(() => page.getByTestId('browse-node').allTextContents())
      .toContainEqual(expect.stringContaining('E11.9'));
    await j.shot('coding-browse');
  });
});
