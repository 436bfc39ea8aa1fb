import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { insertTestPatient } from '../test/factories.ts';
import { type Journey, navLink, signInThroughForm, startJourney } from './browser.ts';

let j: Journey;
let admin: TestUser;
let coder: TestUser;

/** A completed visit with a signed note, recorded by a physician through the chart API (synthetic data). */
async function completedVisit(): Promise<void> {
  const doctor = await createTestUser(j.t, ['physician']);
  const patient = await insertTestPatient(j.t, {
    family: 'Journeytest',
    given: 'Cora',
    birthDate: '1958-04-02',
  });
  const send = (url: string, payload: object) =>
    j.t.app.inject({ method: 'POST', url, headers: doctor.headers, payload });
  const enc = await send(`/api/patients/${patient.id}/encounters`, {
    class: 'appointment',
    type: 'follow-up',
    startsAt: '2026-02-20T09:30:00Z',
    providerId: doctor.id,
    location: 'North Clinic',
    reason: 'diabetes and blood pressure review',
  });
  const id = enc.json().id as string;
  let version = 1;
  for (const status of ['arrived', 'in_progress', 'completed'])
    version = (await send(`/api/encounters/${id}/status`, { status, version })).json().version;
  await send(`/api/patients/${patient.id}/notes`, {
    kind: 'note',
    encounterId: id,
    data: {
      noteType: 'progress_note',
      title: 'Follow-up visit',
      text: 'Assessment: type 2 diabetes mellitus without complications, stable. Essential hypertension, controlled.',
      status: 'final',
    },
  });
}

beforeAll(async () => {
  j = await startJourney();
  admin = await createTestUser(j.t, ['administrator'], { mfa: true });
  coder = await createTestUser(j.t, ['coder'], { mfa: true });
  await completedVisit();
});
afterAll(() => j.close());

describe('journey: load code sets, code an encounter, fix an edit error and finalize', () => {
  it('the administrator loads the sample code sets', async () => {
    const { page } = j;
    await signInThroughForm(j, admin);
    await page.getByRole('link', { name: 'Code sets' }).click();
    await page.getByRole('button', { name: 'Load the sample code sets' }).click();
    await expect.poll(() => page.getByTestId('code-versions').textContent()).toContain('ICD-10-CM');
  });

  it('the administrator uploads a code-set file and follows the import to the end', async () => {
    const { page } = j;
    await page.getByRole('textbox', { name: 'Version (optional)' }).fill('FY 2025');
    expect(await page.getByText('Use a label such as FY2026').isVisible()).toBe(true);
    await page.getByRole('textbox', { name: 'Version (optional)' }).fill('FY2025');
    await page
      .locator('input[type="file"]')
      .setInputFiles(path.resolve('src/coding/sample/icd10cm-fy2026-sample.txt'));
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const job = page.getByTestId('import-job');
    await expect
      .poll(() => job.textContent(), { timeout: 20_000 })
      .toContain('loaded: 86 records (52 billable, 34 headers)');
    await expect.poll(() => page.getByTestId('code-versions').textContent()).toContain('FY2025');
    await j.shot('coding-workbench-import');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('the coder finds the encounter in the queue', async () => {
    const { page } = j;
    await signInThroughForm(j, coder);
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await navLink(page, 'Coding queue').click();
    await page.getByRole('heading', { name: 'Coding queue' }).waitFor();
    const queue = page.getByTestId('coding-queue');
    await expect.poll(() => queue.textContent()).toContain('Journeytest, Cora');
    expect(await queue.textContent()).toContain('Complete');
    await j.shot('coding-workbench-queue');
    await page.getByRole('link', { name: /Journeytest, Cora/ }).click();
    await page.getByRole('heading', { name: 'Code encounter' }).waitFor();
    expect(await page.getByTestId('chart-beside-codes').textContent()).toContain('Essential hypertension');
    await j.shot('coding-workbench-screen');
  });

  it('adds a header code, sees the live edit error, and fixes it with the suggested billable code', async () => {
    const { page } = j;
    const dx = page.getByRole('combobox', { name: 'Add a diagnosis' });
    await dx.fill('E11');
    await page
      .getByTestId('picker-option')
      .filter({ hasText: /^E11Type 2 diabetes mellitus/ })
      .click();
    const findings = page.getByTestId('edit-findings');
    await expect.poll(() => findings.textContent()).toContain('HEADER_CODE');
    await j.shot('coding-workbench-edit-error');
    await page.getByRole('button', { name: 'Use E11.9' }).click();
    await expect.poll(() => findings.textContent()).toContain('No errors');
    expect(await page.getByTestId('diagnosis-lines').textContent()).toContain('E11.9');
  });

  it('finds hypertension by words, saves, and finalizes', async () => {
    const { page } = j;
    await page.getByRole('combobox', { name: 'Add a diagnosis' }).fill('essential htn');
    await page.getByTestId('picker-option').filter({ hasText: 'I10' }).click();
    await expect.poll(() => page.getByTestId('diagnosis-lines').textContent()).toContain('I10');
    await page.getByRole('button', { name: 'Save codes' }).click();
    await expect.poll(() => page.getByTestId('coding-status').textContent()).toBe('Coded');
    await j.shot('coding-workbench-coded');
    await page.getByRole('button', { name: 'Hold for query' }).click();
    await page.getByRole('dialog', { name: 'Hold for a clinician query' }).waitFor();
    await page.getByLabel('Question for the clinician').fill('Too short');
    expect(await page.getByText('Ask a full question').isVisible()).toBe(true);
    await j.shot('coding-workbench-hold-dialog');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Finalize' }).click();
    await expect.poll(() => page.getByTestId('coding-status').textContent()).toBe('Final');
    expect(await page.getByRole('button', { name: 'Reopen for correction' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByTestId('diagnosis-lines').textContent())
      .toContain('E11.9 Type 2 diabetes mellitus without complications');
    await j.shot('coding-workbench-final');
  });

  it('shows the day in the productivity report', async () => {
    const { page } = j;
    await page.getByRole('link', { name: 'Coding productivity' }).click();
    await page.getByRole('textbox', { name: 'From', exact: true }).fill('2026-03-01');
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('2026-03-31');
    const table = page.getByTestId('productivity');
    await expect.poll(() => table.textContent()).toContain(`Test ${coder.username}`);
    await j.shot('coding-workbench-productivity');
  });
});
