import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser, totpCode } from '../test/auth.ts';
import { type Journey, startJourney } from './browser.ts';

let j: Journey;
let admin: TestUser;
beforeAll(async () => {
  j = await startJourney();
  // Administrators hold audit:read, so the MFA policy applies: the journey passes the TOTP challenge.
  admin = await createTestUser(j.t, ['administrator'], { mfa: true });
});
afterAll(() => j.close());

describe('journey: sign in, open the app and check the system', () => {
  it('asks for sign-in, then shows the shell and the System page', async () => {
    const { page } = j;
    await page.goto('/');
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await j.shot('sign-in');
    await page.getByLabel('Username').fill(admin.username);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('form', { name: 'Two-factor check' }).waitFor();
    j.t.clock.advance(30_000);
    await page.getByLabel('Code').fill(await totpCode(j.t, admin.mfaSecret!));
    await page.getByRole('button', { name: 'Verify' }).click();
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

  it('serves client-side routes on reload and keeps the session', async () => {
    await j.page.goto('/system');
    await j.page.getByRole('heading', { name: 'System' }).waitFor();
    expect(await j.page.title()).toBe('Chartkeeper');
  });

  it('signs out back to the sign-in page', async () => {
    await j.page.getByRole('button', { name: 'Sign out' }).click();
    await j.page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(await j.page.getByLabel('Username').isVisible()).toBe(true);
  });
});
