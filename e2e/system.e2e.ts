import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, startJourney } from './browser.ts';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(() => j.close());

describe('journey: open the app and check the system', () => {
  it('shows the shell and the System page with version, database mode and migrations', async () => {
    const { page } = j;
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.getByRole('link', { name: 'System' }).click();
    await page.getByRole('heading', { name: 'System' }).waitFor();
    await page.getByTestId('system-version').waitFor();
    expect(await page.getByTestId('system-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);
    expect(await page.getByTestId('system-db-mode').textContent()).toBe('external');
    expect(await page.getByTestId('system-migrations').textContent()).toMatch(/^\d+ applied$/);
    expect(page.url()).toMatch(/\/system$/);
    await j.shot('system-page');
  });

  it('switches between light and dark themes', async () => {
    const { page } = j;
    const before = await page.locator('html').getAttribute('data-mantine-color-scheme');
    await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
    const after = await page.locator('html').getAttribute('data-mantine-color-scheme');
    expect(after).not.toBe(before);
    await j.shot('system-page-theme');
  });

  it('serves client-side routes on reload', async () => {
    await j.page.goto('/system');
    await j.page.getByRole('heading', { name: 'System' }).waitFor();
    expect(await j.page.title()).toBe('Chartkeeper');
  });
});
