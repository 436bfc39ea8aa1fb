import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { type Journey, signInThroughForm, startJourney } from './browser.ts';

const ROOT = existsSync('../shared/data/fhir-r4') ? '../shared/data/fhir-r4' : '/work/shared/data/fhir-r4';
const BUNDLES = path.resolve(ROOT, 'synthea-bundles');

let j: Journey;
let user: TestUser;
beforeAll(async () => {
  j = await startJourney();
  // Bulk access (administrator) and the chart (HIM clerk): the person who loads records and checks them.
  user = await createTestUser(j.t, ['administrator', 'him_clerk'], { mfa: true });
});
afterAll(() => j.close());

describe('journey: import the Synthea samples from the web page and open an imported chart', () => {
  it('uploads the 12 bundles, watches the job finish and reads the counts', async () => {
    const { page } = j;
    await signInThroughForm(j, user);
    await page.getByRole('link', { name: 'Import FHIR' }).click();
    await page.getByRole('heading', { name: 'Import FHIR data' }).waitFor();
    await j.shot('fhir-import-empty');
    const files = readdirSync(BUNDLES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(BUNDLES, f));
    expect(files).toHaveLength(12);
    await page.locator('input[type="file"]').setInputFiles(files);
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByTestId('import-job').waitFor();
    await page.getByTestId('import-status').getByText('done').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('count-Patient').textContent()).toMatch(/^Patient12/);
    expect(await page.getByTestId('count-Observation').textContent()).toMatch(/^Observation762/);
    await page.getByText('No resource was rejected.').waitFor();
    await j.shot('fhir-import-done');
  }, 180_000);

  it("opens an imported patient's chart with the imported history", async () => {
    const { page } = j;
    const p = await j.t.deps.db
      .selectFrom('patient')
      .select('id')
      .where('family_name', '=', 'Wiegand')
      .executeTakeFirstOrThrow();
    await page.goto(`/patients/${p.id}/chart/history`);
    await page
      .getByLabel('Patient banner')
      .getByText(/Wiegand/i)
      .waitFor();
    await page
      .getByRole('table', { name: 'History' })
      .getByText(/Hep B, adolescent or pediatric/)
      .first()
      .waitFor();
    await j.shot('fhir-import-chart');
  });
});
