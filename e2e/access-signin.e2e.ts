import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupLink } from '../src/access/setup.service.ts';
import { createTestUser, totpCode } from '../test/auth.ts';
import { type Journey, startJourney } from './browser.ts';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(() => j.close());

async function fillSignIn(username: string, password: string) {
  await j.page.getByRole('form', { name: 'Sign in' }).waitFor();
  await j.page.getByLabel('Username').fill(username);
  await j.page.getByLabel('Password', { exact: true }).fill(password);
  await j.page.getByRole('button', { name: 'Sign in' }).click();
}

describe('journey: first-run setup', () => {
  it('creates the first administrator from the printed link, then asks for MFA enrolment', async () => {
    const { page } = j;
    const link = (await issueSetupLink(j.t.deps))!;
    await page.goto('/setup?token=wrong');
    await page.getByText('This setup link is not valid').waitFor();
    await page.goto(new URL(link).pathname + new URL(link).search);
    const form = page.getByRole('form', { name: 'First-run setup' });
    await form.getByLabel('Username').fill('siteadmin');
    await form.getByLabel('Full name').fill('Site Administrator');
    await form.getByLabel('Password', { exact: true }).fill('a long first passphrase');
    await j.shot('access-setup');
    await form.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().clearCookies();
  });
});

describe('journey: sign-in with MFA', () => {
  it('makes a physician enrol TOTP, shows recovery codes once, then challenges at the next sign-in', async () => {
    const { page } = j;
    const doc = await createTestUser(j.t, ['physician']);
    await page.goto('/');
    await fillSignIn(doc.username, doc.password);
    await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const secret = (await page.getByTestId('mfa-secret').textContent())!.trim();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await j.shot('access-mfa-enrol');
    await page.getByLabel('Code from the app').fill(await totpCode(j.t, secret));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await page.getByRole('list', { name: 'Recovery codes' }).waitFor();
    expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);
    await j.shot('access-mfa-recovery-codes');
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    // A physician lands on "My work": their queues across duties.
    await page.getByRole('heading', { name: 'My work' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await fillSignIn(doc.username, doc.password);
    await page.getByRole('form', { name: 'Two-factor check' }).waitFor();
    await page.getByLabel('Code').fill('123');
    expect(await page.getByRole('button', { name: 'Verify' }).isDisabled()).toBe(true);
    await j.shot('access-mfa-challenge');
    j.t.clock.advance(30_000);
    await page.getByLabel('Code').fill(await totpCode(j.t, secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toContain(doc.username);
    await page.getByRole('button', { name: 'Sign out' }).click();
  });
});

describe('journey: lockout', () => {
  it('says what to do after repeated failures and refuses even the right password while locked', async () => {
    const { page } = j;
    const u = await createTestUser(j.t, ['coder'], { mfa: true });
    await page.goto('/');
    for (let i = 0; i < 5; i++) {
      await fillSignIn(u.username, `not the password ${i}`);
      await page.getByRole('alert').waitFor();
    }
    await fillSignIn(u.username, u.password);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(
      'After repeated failures the account is locked',
    );
    expect(await page.getByRole('form', { name: 'Two-factor check' }).count()).toBe(0);
    await j.shot('access-lockout');
  });
});
