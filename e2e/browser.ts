import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { WEB_DIST } from '../src/app.ts';
import { buildTestApp, type TestApp, type TestAppOptions } from '../test/app.ts';
import { type TestUser, totpCode } from '../test/auth.ts';

/** Screenshots land here; CI keeps the folder as an artifact. */
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

/** Debian's Chromium; a test tool's own browser download never works on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Journey {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  page: Page;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the real app on a free port over a fresh database, and a headless Chromium page pointed at it. */
export async function startJourney(opts: TestAppOptions = {}): Promise<Journey> {
  const t = await buildTestApp({ webDist: WEB_DIST, ...opts });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    t,
    baseUrl,
    browser,
    page,
    shot: async (name) => {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/**
 * Signs in through the form as a real user would, answering the two-factor challenge when the user has
 * MFA (every role that sees patient data must, by default policy).
 */
/** A link of the main navigation (pages such as "My work" link to the same places by the same names). */
export function navLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true });
}

export async function signInThroughForm(j: Journey, user: TestUser): Promise<void> {
  const { page } = j;
  await page.goto('/');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (user.mfaSecret) {
    await page.getByRole('form', { name: 'Two-factor check' }).waitFor();
    // A fresh time step, so the code is not refused as a replay of one used in the test's set-up.
    j.t.clock.advance(30_000);
    await page.getByLabel('Code').fill(await totpCode(j.t, user.mfaSecret));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}
