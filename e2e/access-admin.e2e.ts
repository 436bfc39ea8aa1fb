import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { type Journey, signInThroughForm, startJourney } from './browser.ts';

let j: Journey;
let admin: TestUser;
beforeAll(async () => {
  j = await startJourney();
  admin = await createTestUser(j.t, ['administrator'], { mfa: true, username: 'site-admin' });
});
afterAll(() => j.close());

describe('journey: administration and the audit report', () => {
  it('signs the administrator in with MFA', async () => {
    const { page } = j;
    await signInThroughForm(j, admin);
    expect(await page.getByTestId('signed-in-user').textContent()).toContain(admin.username);
  });

  it('creates a user, assigns a second role and disables the account', async () => {
    const { page } = j;
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('form', { name: 'Create user' });
    await form.getByLabel('Username').fill('rpatel');
    await form.getByLabel('Full name').fill('Riya Patel');
    await form.getByLabel('Credentials').fill('RHIT');
    await form.getByLabel('Temporary password').fill('short');
    expect(await form.getByText('Use at least 12 characters').isVisible()).toBe(true);
    await form.getByLabel('Temporary password').fill('welcome aboard riya 2026');
    await form.getByTestId('roles-input').click();
    await page.getByRole('option', { name: 'HIM clerk' }).click();
    await page.keyboard.press('Escape');
    await j.shot('access-admin-create-user');
    await form.getByRole('button', { name: 'Create user' }).click();
    const row = page.getByRole('row', { name: /rpatel/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Must change password');

    await row.getByRole('button', { name: 'Actions for rpatel' }).click();
    await page.getByRole('menuitem', { name: 'Edit roles and details' }).click();
    const edit = page.getByRole('form', { name: 'Edit user' });
    await edit.getByTestId('roles-input').click();
    await page.getByRole('option', { name: 'Coder' }).click();
    await page.keyboard.press('Escape');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await row.getByText('Coder').waitFor();

    await row.getByRole('button', { name: 'Actions for rpatel' }).click();
    await page.getByRole('menuitem', { name: 'Disable' }).click();
    await row.getByText('Disabled').waitFor();
    await j.shot('access-admin-users');
  });

  it('shows the role matrix', async () => {
    await j.page.getByRole('link', { name: 'Roles and permissions' }).click();
    await j.page.getByRole('table', { name: 'Role permission matrix' }).waitFor();
    expect(await j.page.getByRole('row').count()).toBeGreaterThan(20);
    await j.shot('access-role-matrix');
  });

  it('finds the administrative changes in the audit trail', async () => {
    const { page } = j;
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    const search = page.getByRole('form', { name: 'Audit search' });
    await search.getByLabel('User').fill(admin.username);
    await search.getByLabel('Action').fill('user.');
    await search.getByRole('button', { name: 'Search' }).click();
    await page
      .getByTestId('audit-total')
      .filter({ hasText: /^3 events$/ })
      .waitFor();
    const table = page.getByRole('table', { name: 'Audit events' });
    for (const a of ['user.create', 'user.update', 'user.disable']) {
      expect(await table.getByText(a, { exact: true }).count()).toBe(1);
    }
    await j.shot('access-audit-search');
  });
});
