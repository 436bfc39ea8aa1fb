import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { insertTestPatient } from '../test/factories.ts';
import { type Journey, signInThroughForm, startJourney } from './browser.ts';

let j: Journey;
let nurse: TestUser;
let patientId: string;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  j = await startJourney();
  nurse = await createTestUser(j.t, ['nurse'], { mfa: true });
  ({ id: patientId } = await insertTestPatient(j.t, {
    family: 'Lindqvist',
    given: 'Maren',
    birthDate: '1984-11-02',
  }));
});
afterAll(() => j.close());

async function choose(scope: Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await j.page.getByRole('option', { name: option, exact: true }).click();
}

describe('journey: keep the history, allergies, medications and documents of a chart', () => {
  it('records a problem, with validation as you type', async () => {
    const { page } = j;
    await signInThroughForm(j, nurse);
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.goto(`/patients/${patientId}/chart/history`);
    await page.getByRole('button', { name: 'Add to history' }).click();
    const form = page.getByRole('form', { name: 'New Problem / condition' });
    await form.getByLabel('Description').fill('Asthma, mild persistent');
    await form.getByLabel('ICD-10-CM code').fill('45.30');
    await form.getByText('Use an ICD-10-CM code such as E11.9').waitFor();
    await j.shot('history-validation');
    await form.getByLabel('ICD-10-CM code').fill('J45.30');
    await choose(form, 'Status', 'active');
    await form.getByRole('button', { name: 'Save problem / condition' }).click();
    await page.getByRole('table', { name: 'History' }).getByText('Asthma, mild persistent').waitFor();
    expect(await page.getByText('J45.30 · active').count()).toBe(1);
  });

  it('marks an entry entered in error with a reason and keeps it visible', async () => {
    const { page } = j;
    await page.getByRole('button', { name: 'Mark Asthma, mild persistent entered in error' }).click();
    await page.getByLabel('Reason').fill('recorded on the wrong patient');
    await page.getByRole('button', { name: 'Mark entered in error' }).click();
    await page.getByText('entered in error: recorded on the wrong patient').waitFor();
    await page.getByRole('button', { name: 'Version history of Asthma, mild persistent' }).click();
    await page.getByRole('table', { name: 'Versions' }).waitFor();
    expect(await page.getByRole('table', { name: 'Versions' }).locator('tbody tr').count()).toBe(2);
    await j.shot('history-entered-in-error');
    await page.keyboard.press('Escape');
  });

  it('records "no known allergies" explicitly, distinct from not asked', async () => {
    const { page } = j;
    expect(await page.getByText('Allergies not recorded').count()).toBe(1);
    await page.getByRole('tab', { name: 'Allergies' }).click();
    await page.getByRole('button', { name: 'Add to allergies' }).click();
    await choose(page.locator('body'), 'What to record', 'No known allergies');
    await page.getByRole('button', { name: 'Save no known allergies' }).click();
    await page.getByRole('table', { name: 'Allergies' }).getByText('stated by the patient').waitFor();
    await page.getByLabel('Patient banner').getByText('No known allergies').waitFor();
    expect(await page.getByText('Allergies not recorded').count()).toBe(0);
    await j.shot('allergies-nka');
  });

  it('records a medication', async () => {
    const { page } = j;
    await page.getByRole('tab', { name: 'Medications' }).click();
    await page.getByRole('button', { name: 'Add to medications' }).click();
    const form = page.getByRole('form', { name: 'New Medication' });
    await form.getByLabel('Drug').fill('Salbutamol 100 micrograms inhaler');
    await form.getByLabel('Dose').fill('2 puffs');
    await form.getByLabel('Route').fill('inhaled');
    await form.getByLabel('Frequency').fill('as needed');
    await choose(form, 'Status', 'active');
    await form.getByRole('button', { name: 'Save medication' }).click();
    await page
      .getByRole('table', { name: 'Medications' })
      .getByText('Salbutamol 100 micrograms inhaler')
      .waitFor();
    await j.shot('medications');
  });

  it('corrects the medication as a new version with a reason', async () => {
    const { page } = j;
    await page.getByRole('button', { name: 'Correct Salbutamol 100 micrograms inhaler' }).click();
    const form = page.getByRole('form', { name: 'Correct Medication' });
    await form.getByLabel('Frequency').fill('every 4 hours as needed');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await form.getByText('Say why (at least 3 characters)').waitFor();
    await form.getByLabel('Reason for the correction').fill('dose schedule clarified by pharmacist');
    await j.shot('medication-correction');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await form.waitFor({ state: 'detached' });
    const table = page.getByRole('table', { name: 'Medications' });
    await table.getByText(/every 4 hours as needed/).waitFor();
    expect(await table.getByText(/v2$/).count()).toBe(1);
  });

  it('uploads a PDF and views it in the page', async () => {
    const { page } = j;
    await page.getByRole('tab', { name: 'Documents' }).click();
    const form = page.getByRole('form', { name: 'Upload document' });
    await choose(form, 'Type', 'outside records');
    await form.getByLabel('Date of service').fill('2026-02-20');
    await form.getByLabel('Title').fill('Pulmonology letter');
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('table', { name: 'Documents' }).getByText('Pulmonology letter').waitFor();
    await page.getByRole('button', { name: 'View Pulmonology letter' }).click();
    await page.locator('object[type="application/pdf"]').waitFor();
    expect(await page.locator('object[type="application/pdf"]').getAttribute('data')).toMatch(/^blob:/);
    await j.shot('document-viewer');
  });

  it('records an inpatient stay and its discharge', async () => {
    const { page } = j;
    await page.goto(`/patients/${patientId}/chart/encounters`);
    await page.getByRole('button', { name: 'Schedule encounter' }).click();
    const form = page.getByRole('form', { name: 'Schedule encounter' });
    await form.getByText('Inpatient stay').click();
    await form.getByLabel('Type').fill('acute admission');
    await form.getByLabel('Admitted at').fill('2026-02-25T08:15');
    await form.getByLabel('Location').fill('Ward 4');
    await form.getByLabel('Reason').fill('asthma exacerbation');
    await form.getByRole('button', { name: 'Schedule' }).click();
    await page.getByTestId('encounter-status').waitFor();
    await page.getByLabel('Discharged at').fill('2026-02-27T11:00');
    await page.getByText('Choose where the patient was discharged to').waitFor();
    await choose(page.locator('body'), 'Discharge disposition', 'home or self-care');
    await page.getByRole('button', { name: 'Save outcome' }).click();
    await page.locator('button:has-text("Save outcome")[disabled]:not([data-loading])').waitFor();
    await page.reload();
    await page.getByRole('combobox', { name: 'Discharge disposition' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Discharge disposition' }).inputValue()).toBe(
      'home or self-care',
    );
    await j.shot('inpatient-discharge');
  });
});
