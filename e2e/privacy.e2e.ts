import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsFor, recordAudit } from '../src/access/index.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import { SCAN_JOB } from '../src/privacy/privacy.service.ts';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { insertTestPatient } from '../test/factories.ts';
import { waitForLatestJob } from '../test/jobs.ts';
import { type Journey, navLink, signInThroughForm, startJourney } from './browser.ts';

// Issue 23: a privacy officer restricts a record, sees it restricted on the banner and in the list, links a
// member of staff, and works the alert a snooping read raises, all through the web app.

let j: Journey;
let officer: TestUser;
let nurse: TestUser;
let patientId: string;

beforeAll(async () => {
  j = await startJourney();
  officer = await createTestUser(j.t, ['privacy_officer'], { mfa: true, username: 'priv-officer' });
  nurse = await createTestUser(j.t, ['nurse'], { username: 'nurse-snoop' });
  patientId = (await insertTestPatient(j.t, { family: 'Starling', given: 'Celeste' })).id;
});
afterAll(() => j.close());

describe('journey: restrict a celebrity record and work the privacy alert its snooping raises', () => {
  it('restricts the record with a reason, validated as the officer types', async () => {
    const { page } = j;
    await signInThroughForm(j, officer);
    await navLink(page, 'Restricted records').click();
    await page.getByRole('heading', { name: 'Restricted records' }).waitFor();
    await page.getByText('No restricted records.').waitFor();
    await page.goto(`/patients/${patientId}`);
    await page.getByRole('tab', { name: 'Restriction' }).click();
    await page.getByText('Not restricted', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Restrict record…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restrict this record' });
    await dialog.getByRole('combobox', { name: 'Label' }).click();
    await page.getByRole('option', { name: 'VIP' }).click();
    await dialog.getByLabel('Reason').fill('TV');
    await dialog.getByText('Say why, in a few words').waitFor();
    await j.shot('privacy-restrict-validation');
    await dialog.getByLabel('Reason').fill('Local news anchor; press interest expected');
    await dialog.getByRole('button', { name: 'Restrict record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: 'Restriction history' }).getByText('Local news anchor').waitFor();
    // The one banner shows the restriction to everyone who can open the chart.
    expect(await page.getByTestId('restriction-badge').allTextContents()).toEqual(['VIP']);
  });

  it('links a member of staff as family, found by name', async () => {
    const { page } = j;
    await page.getByRole('button', { name: 'Link a member of staff…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link a member of staff' });
    await dialog.getByLabel('Member of staff').fill('nurse-sn');
    await page.getByRole('option', { name: /nurse-snoop/ }).click();
    await dialog.getByText('A family member').click();
    await dialog.getByLabel('Reason').fill('Nurse told HR the patient is her sister');
    await dialog.getByRole('button', { name: 'Link' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('table', { name: 'Linked staff' }).getByRole('row', { name: /nurse-snoop/ });
    expect(await row.textContent()).toContain('Family');
    await j.shot('privacy-restriction-panel');
    await navLink(page, 'Restricted records').click();
    await page
      .getByRole('table', { name: 'Restricted records' })
      .getByRole('link', { name: /Starling/ })
      .waitFor();
    await j.shot('privacy-restricted-list');
  });

  it('finds the nurse’s break-the-glass read of her sister’s VIP record and closes it as a violation', async () => {
    const { page, t } = j;
    // The nurse, with no care relationship, breaks the glass to read the chart (an audited read).
    await recordAudit(
      t.deps.db,
      {
        ...cliContext(t.deps),
        channel: 'api',
        operator: undefined,
        actor: {
          userId: nurse.id,
          username: nurse.username,
          roles: ['nurse'],
          permissions: permissionsFor(['nurse']),
          facilityIds: [],
        },
      },
      { action: 'chart.read', patientIds: [patientId], breakGlass: true },
    );
    await navLink(page, 'Privacy alerts').click();
    await page.getByRole('heading', { name: 'Privacy alerts' }).waitFor();
    await page.getByRole('button', { name: 'Scan today now' }).click();
    await page.getByText('Scan queued.').waitFor();
    const job = await waitForLatestJob(t, SCAN_JOB);
    expect(job.status).toBe('completed');
    await page.reload();
    const row = page.getByRole('table', { name: 'Privacy alerts' }).getByRole('row', { name: /nurse-snoop/ });
    await row.waitFor();
    // The family link makes it rule 2 (self or family), which the officer reviews before rule 1 would.
    expect(await row.textContent()).toMatch(/Own record, a family member/);
    await j.shot('privacy-alert-queue');
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: /Privacy alert · nurse-snoop/ }).waitFor();
    await page.getByRole('table', { name: 'Evidence timeline' }).getByText('chart.read').waitFor();
    await page.getByRole('button', { name: 'Start review' }).click();
    await page.getByRole('button', { name: 'Start review' }).waitFor({ state: 'detached' });
    expect(await page.getByText('Under review', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Close: violation' }).click();
    await page.getByText('Write what you found').waitFor();
    await page
      .getByLabel('Review notes')
      .fill('No clinical reason; referred to HR under the sanctions policy.');
    await page.getByRole('button', { name: 'Close: violation' }).click();
    await page.getByText(/Closed by priv-officer/).waitFor();
    // A violation is entered in the patient's accounting of disclosures (164.528), and the page says so.
    await page.getByText(/Entered in the patient's accounting of disclosures/).waitFor();
    await j.shot('privacy-alert-closed');
    await page.getByRole('link', { name: 'nurse-snoop' }).click();
    await page.getByRole('heading', { name: 'Access profile · nurse-snoop' }).waitFor();
    await page.getByLabel('Charts opened per day').waitFor();
    await j.shot('privacy-user-profile');
  });

  it('keeps the queue and the restriction control from a nurse', async () => {
    const alerts = await j.t.app.inject({
      method: 'GET',
      url: '/api/privacy/alerts',
      headers: nurse.headers,
    });
    expect(alerts.statusCode).toBe(403);
    const restrict = await j.t.app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/restriction-labels/remove`,
      headers: nurse.headers,
      payload: { label: 'vip', reason: 'I want to read it' },
    });
    expect(restrict.statusCode).toBe(403);
    const labels = await j.t.app.inject({
      method: 'GET',
      url: `/api/patients/${patientId}/restriction-labels`,
      headers: officer.headers,
    });
    expect(labels.json().active).toEqual(['vip']);
  });
});

describe('journey: register a member of staff, whose record is employee-restricted at once', () => {
  it('the clerk ticks "member of staff", must pick the user, and the face sheet shows the restriction', async () => {
    const { page } = j;
    const clerk = await createTestUser(j.t, ['registration_clerk'], { mfa: true, username: 'reg-clerk' });
    const staff = await createTestUser(j.t, ['coder'], { username: 'coder-wren' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInThroughForm(j, clerk);
    await navLink(page, 'Patients').click();
    await page.getByRole('link', { name: 'Register patient' }).click();
    await page.getByRole('heading', { name: 'Register a new patient' }).waitFor();
    await page.getByLabel('Family name').fill('Wren');
    await page.getByLabel('Given name').fill('Marguerite');
    await page.getByLabel('Date of birth').fill('1990-04-12');
    await page.getByLabel('Sex assigned at birth').selectOption('F');
    await page.getByLabel('This patient is a member of staff').check();
    // Typing a name that is not on the list is not an answer: the clerk is told to choose.
    await page.getByRole('combobox', { name: 'Member of staff' }).fill('coder-wrx');
    await page.getByText('Choose the member of staff from the list.').waitFor();
    await page.getByRole('button', { name: 'Create new record' }).click();
    await page.getByText('Choose the member of staff from the list.').waitFor();
    await j.shot('privacy-register-staff-validation');
    await page.getByRole('combobox', { name: 'Member of staff' }).fill('coder-wr');
    await page.getByRole('option', { name: /coder-wren/ }).click();
    expect(await page.getByText('Choose the member of staff from the list.').count()).toBe(0);
    await page.getByRole('button', { name: 'Create new record' }).click();
    await page.getByTestId('patient-banner').waitFor();
    expect(await page.getByTestId('patient-banner').textContent()).toMatch(/WREN, Marguerite/);
    expect(await page.getByTestId('restriction-badge').allTextContents()).toEqual(['Member of staff']);
    await j.shot('privacy-register-staff-face-sheet');

    const id = page.url().split('/patients/')[1];
    const get = (url: string) => j.t.app.inject({ method: 'GET', url, headers: officer.headers });
    expect((await get(`/api/patients/${id}/restriction-labels`)).json().active).toEqual(['employee']);
    const links = (await get(`/api/patients/${id}/staff-links`)).json();
    expect(links).toMatchObject([{ userId: staff.id, kind: 'self', active: true, linkedBy: 'reg-clerk' }]);
  });
});
