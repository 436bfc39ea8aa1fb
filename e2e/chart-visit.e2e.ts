import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { insertTestPatient } from '../test/factories.ts';
import { type Journey, signInThroughForm, startJourney } from './browser.ts';

let j: Journey;
let doctor: TestUser;
let mrn: string;

beforeAll(async () => {
  j = await startJourney();
  doctor = await createTestUser(j.t, ['physician'], { mfa: true });
  ({ mrn } = await insertTestPatient(j.t, {
    family: 'Okafor',
    given: 'Adaeze',
    birthDate: '1961-07-14',
    sex: 'F',
  }));
});
afterAll(() => j.close());

/** Picks an option in a Mantine Select by its label. */
async function choose(scope: Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await j.page.getByRole('option', { name: option, exact: true }).click();
}

async function addResult(r: {
  code: string;
  name: string;
  value: string;
  units: string;
  low: string;
  high: string;
}) {
  const form = j.page.getByRole('form', { name: 'New Result' });
  await form.getByLabel('Test code (LOINC)').fill(r.code);
  await form.getByLabel('Test name').fill(r.name);
  await form.getByLabel('Value').fill(r.value);
  await form.getByLabel('Units').fill(r.units);
  await form.getByLabel('Reference low').fill(r.low);
  await form.getByLabel('Reference high').fill(r.high);
  await choose(form, 'Status', 'final');
  await form.getByLabel('Performed').fill('2026-03-02T10:30');
  await form.getByRole('button', { name: 'Save result' }).click();
  await j.page.getByRole('table', { name: 'Outcomes' }).getByText(r.name).waitFor();
}

describe('journey: record a visit with results and diagnoses', () => {
  it('signs in as a physician and opens the chart by MRN', async () => {
    const { page } = j;
    await signInThroughForm(j, doctor);
    await page.getByRole('link', { name: 'Charts' }).click();
    await page.getByLabel('MRN').fill(mrn);
    await page.getByRole('button', { name: 'Open chart' }).click();
    await page.getByTestId('banner-name').waitFor();
    expect(await page.getByTestId('banner-name').textContent()).toBe('OKAFOR, Adaeze');
    await j.shot('chart-history-empty');
  });

  it('schedules a visit and moves it to in progress', async () => {
    const { page } = j;
    await page.getByRole('tab', { name: 'Encounters' }).click();
    await page.getByRole('button', { name: 'Schedule encounter' }).click();
    const form = page.getByRole('form', { name: 'Schedule encounter' });
    await form.getByLabel('Type').fill('follow-up');
    await form.getByLabel('Date and time').fill('2026-03-02T10:00');
    await form.getByLabel('Location').fill('Clinic B');
    await form.getByLabel('Reason').fill('diabetes review');
    await j.shot('encounter-schedule-form');
    await form.getByRole('button', { name: 'Schedule' }).click();
    const status = page.getByTestId('encounter-status');
    await status.waitFor();
    expect(await status.textContent()).toBe('scheduled');
    await page.getByRole('button', { name: 'Mark arrived' }).click();
    await page.getByRole('button', { name: 'Start visit' }).waitFor();
    expect(await status.textContent()).toBe('arrived');
    await page.getByRole('button', { name: 'Start visit' }).click();
    await page.getByRole('button', { name: 'Complete visit' }).waitFor();
    expect(await status.textContent()).toBe('in progress');
  });

  it('records an abnormal and a normal result and a diagnosis, then completes the visit', async () => {
    const { page } = j;
    await addResult({
      code: '4548-4',
      name: 'Hemoglobin A1c',
      value: '8.1',
      units: '%',
      low: '4',
      high: '5.6',
    });
    await addResult({ code: '2345-7', name: 'Glucose', value: '95', units: 'mg/dL', low: '70', high: '99' });
    const outcomes = page.getByRole('table', { name: 'Outcomes' });
    expect(await outcomes.locator('tr[data-abnormal]').count()).toBe(1);
    expect(await outcomes.locator('tr[data-abnormal]').textContent()).toContain('Hemoglobin A1c');

    await choose(page.locator('body'), 'What to record', 'Diagnosis');
    const dx = page.getByRole('form', { name: 'New Diagnosis' });
    await dx.getByLabel('Diagnosis as stated').fill('Type 2 diabetes, poorly controlled');
    await dx.getByLabel('Provisional ICD-10-CM').fill('E11.65');
    await dx.getByLabel('Primary diagnosis').check();
    await dx.getByRole('button', { name: 'Save diagnosis' }).click();
    await outcomes.getByText('Type 2 diabetes, poorly controlled').waitFor();

    await page.getByLabel('Follow-up instructions').fill('Return in 3 months with fasting labs.');
    await page.getByRole('button', { name: 'Save outcome' }).click();
    await page.locator('button:has-text("Save outcome")[disabled]:not([data-loading])').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await j.shot('encounter-outcomes');
    await page.getByRole('button', { name: 'Complete visit' }).click();
    await page.getByRole('button', { name: 'Complete visit' }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('encounter-status').textContent()).toBe('completed');
    await page.evaluate(() => window.scrollTo(0, 0));
    await j.shot('encounter-completed');
  });

  it('shows results with the abnormal one highlighted and the encounter history', async () => {
    const { page } = j;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const versions = page.getByRole('table', { name: 'Versions' });
    await versions.waitFor();
    expect(await versions.locator('tbody tr').count()).toBe(5);
    await j.shot('encounter-version-history');
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: '← All encounters' }).click();
    await page.getByRole('tab', { name: 'Results' }).click();
    const table = page.getByRole('table', { name: 'Results' });
    await table.waitFor();
    expect(await table.locator('tr[data-abnormal]').count()).toBe(1);
    await page.getByTestId('trend-4548-4').waitFor();
    await j.shot('chart-results');
  });
});
