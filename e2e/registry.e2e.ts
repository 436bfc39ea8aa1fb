import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliContext } from '../src/kernel/cli-context.ts';
import { loadSiteRecode } from '../src/registry/dashboard.service.ts';
import { clearDictionaryCache, loadDictionary } from '../src/registry/dictionary.service.ts';
import { importNaaccr } from '../src/registry/import.service.ts';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { insertTestPatient } from '../test/factories.ts';
import { sharedData } from '../test/shared-data.ts';
import { type Journey, navLink, signInThroughForm, startJourney } from './browser.ts';

/**
 * Journey (issue 14): a pathology report becomes a suspense hit, is accepted, abstracted, fixed until no
 * edit error, marked complete and exported as NAACCR XML; then the registrar works the follow-up due list:
 * letters as one PDF, and a contact that takes a patient off the list.
 */
let j: Journey;
let registrar: TestUser;
let doctor: TestUser;

/** Two synthetic imported cases diagnosed in 2023 and last seen in 2024: lost to follow-up today. */
const lostCases = () => {
  const item = (id: string, v: string) => `<Item naaccrId="${id}">${v}</Item>`;
  const patient = (n: string, last: string) =>
    `<Patient>${item('patientIdNumber', n)}${item('nameLast', last)}${item('nameFirst', 'Synthia')}${item('dateOfBirth', '19550303')}${item('vitalStatus', '1')}${item('dateOfLastContact', '20240310')}<Tumor>${item('tumorRecordNumber', '01')}${item('primarySite', 'C341')}${item('histologicTypeIcdO3', '8140')}${item('behaviorCodeIcdO3', '3')}${item('dateOfDiagnosis', '20230210')}${item('classOfCase', '10')}</Tumor></Patient>`;
  return `<?xml version="1.0"?><NaaccrData baseDictionaryUri="http://naaccr.org/naaccrxml/naaccr-dictionary-260.xml" recordType="A" specificationVersion="1.8" xmlns="http://naaccr.org/naaccrxml">${patient('90000001', 'Farfield')}${patient('90000002', 'Longgone')}</NaaccrData>`;
};

beforeAll(async () => {
  j = await startJourney();
  j.t.clock.set(new Date());
  clearDictionaryCache();
  const ctx = cliContext(j.t.deps);
  await loadDictionary(
    ctx,
    readFileSync(sharedData('naaccr', 'dictionaries', 'naaccr-dictionary-260.xml'), 'utf8'),
  );
  expect(await importNaaccr(ctx, Readable.from([lostCases()]))).toMatchObject({ tumours: 2, rejected: 0 });
  const recode = sharedData('icdo3', 'seer-recodes', 'seersiterecode_site-recode-data-2023.csv');
  await loadSiteRecode(ctx, readFileSync(recode, 'utf8'), 'seersiterecode_site-recode-data-2023.csv');
  registrar = await createTestUser(j.t, ['cancer_registrar'], { mfa: true, username: 'registrar-e2e' });
  doctor = await createTestUser(j.t, ['physician']);
  const patientId = (
    await insertTestPatient(j.t, { family: 'Pathfinder', given: 'Olive', sex: 'F', birthDate: '1962-07-14' })
  ).id;
  const filed = await j.t.app.inject({
    method: 'POST',
    url: `/api/patients/${patientId}/results`,
    headers: doctor.headers,
    payload: {
      kind: 'result',
      data: {
        code: '22637-3',
        name: 'Surgical pathology report',
        valueText: 'Left breast, core biopsy: invasive ductal carcinoma, grade 2.',
        status: 'final',
        performedAt: '2026-09-14T10:00:00Z',
      },
    },
  });
  expect(filed.statusCode).toBe(201);
});
afterAll(() => j.close());

describe('journey: pathology report → suspense hit → abstract fixed until no error → NAACCR XML → follow-up', () => {
  it('finds the pathology report and accepts it as a new primary', async () => {
    const { page } = j;
    await signInThroughForm(j, registrar);
    await navLink(page, 'Case-finding queue').click();
    await page.getByRole('heading', { name: 'Case-finding queue' }).waitFor();
    await page.getByRole('button', { name: 'Run case finding now' }).click();
    await page
      .getByRole('status')
      .getByText(/1 new in the queue/)
      .waitFor();
    const row = page
      .getByRole('table', { name: 'Suspense hits' })
      .getByRole('row', { name: /Pathology report/ });
    expect(await row.textContent()).toContain('invasive ductal carcinoma');
    await j.shot('registry-suspense-queue');
    await row.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('heading', { name: /Abstract/ }).waitFor();
    await page.getByText('Abstracting · version 1').waitFor();
  });

  it('shows edits as the registrar types and completes the abstract once none is left', async () => {
    const { page } = j;
    const field = (label: string) => page.getByLabel(label, { exact: false });
    await field('Date of diagnosis (#390)').fill('20260914');
    // The dictionary check runs as the registrar types: a five-character site is refused before any save …
    await field('Primary site (#400)').fill('C5044');
    await page.getByText('at most 4 allowed').first().waitFor();
    expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    // … and a site outside ICD-O-3 is an edit error, named with its id.
    await field('Primary site (#400)').fill('C5X4');
    await page
      .getByText(/REG010: Primary site C5X4 is not an ICD-O-3 topography code/)
      .first()
      .waitFor();
    await j.shot('registry-abstract-live-edits');
    const values: [string, string][] = [
      ['Primary site (#400)', 'C504'],
      ['Laterality (#410)', '2'],
      ['Histology (#522)', '8500'],
      ['Behaviour (#523)', '3'],
      ['Grade clinical (#3843)', '2'],
      ['Diagnostic confirmation (#490)', '1'],
      ['Class of case (#610)', '10'],
      ['Sequence number (hospital) (#560)', '00'],
      ['SEER Summary Stage 2018 (#764)', '1'],
      ['Surgery of primary site (#1290)', '00'],
      ['Radiation (#1360)', '0'],
      ['Chemotherapy (#1390)', '00'],
      ['Hormone therapy (#1400)', '00'],
      ['Immunotherapy (#1410)', '00'],
      ['Date of last contact (#1750)', '20261001'],
    ];
    for (const [label, v] of values) await field(label).fill(v);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Abstracting · version 2').waitFor();
    await page.getByText('No edit errors: the abstract can be marked complete.').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Mark complete' }).click();
    await page.getByText('Complete · version 3').waitFor();
    await j.shot('registry-abstract-complete');
  });

  it('exports the abstract as NAACCR XML v26 record type A', async () => {
    const { page } = j;
    await navLink(page, 'NAACCR export').click();
    await page.getByLabel('Diagnosis year').fill('20x6');
    await page.getByText('Give a four-digit year').waitFor();
    await page.getByLabel('Diagnosis year').fill('2026');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download NAACCR XML' }).click(),
    ]);
    const xml = readFileSync((await download.path()) as string, 'utf8');
    expect(xml).toContain('naaccr-dictionary-260.xml');
    expect(xml).toMatch(/<Item naaccrId="primarySite"[^>]*>C504<\/Item>/);
    expect(xml).toMatch(/<Item naaccrId="nameLast"[^>]*>Pathfinder<\/Item>/);
    expect(xml).not.toContain('Farfield');
  });

  it('shows the dashboard: cases by SEER site recode, diagnosis year and Summary Stage 2018', async () => {
    const { page } = j;
    await navLink(page, 'Registry dashboard').click();
    await page.getByRole('heading', { name: 'Registry dashboard' }).waitFor();
    await page.getByRole('status').getByText('3 cases (tumours)').waitFor();
    const cells = async (table: string) =>
      (await page.getByRole('table', { name: table }).getByRole('row').allTextContents()).sort();
    expect(await cells('Case counts by primary site (seer site recode)')).toEqual([
      'Breast1',
      'Lung and Bronchus2',
    ]);
    expect(await cells('Case counts by diagnosis year')).toEqual(['20232', '20261']);
    expect(await cells('Case counts by seer summary stage 2018')).toEqual(['1 Localized1', 'Not recorded2']);
    expect(await page.getByRole('img', { name: /Cases by/ }).count()).toBe(3);
    await j.shot('registry-dashboard');
  });

  it('works the follow-up due list: letters as one PDF, and a contact that takes a patient off the list', async () => {
    const { page, baseUrl } = j;
    await navLink(page, 'Registry follow-up').click();
    const table = page.getByRole('table', { name: 'Follow-up due' });
    await table.getByRole('row', { name: /Farfield/ }).waitFor();
    expect(await table.getByRole('row', { name: /Longgone/ }).textContent()).toContain('lost');
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: 'Patient letters (2)' }).click();
    const link = page.getByRole('link', { name: 'Open the letters (PDF)' });
    await link.waitFor();
    const pdf = await page.request.get(`${baseUrl}${await link.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await PDFDocument.load(await pdf.body())).getPageCount()).toBe(2);
    await j.shot('registry-followup-letters');

    await table
      .getByRole('row', { name: /Farfield/ })
      .getByRole('button', { name: 'Record contact…' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Record follow-up contact' });
    const today = j.t.clock.now().toISOString().slice(0, 10);
    await dialog.getByLabel('Date of contact (#1750)').fill(today);
    await dialog.getByRole('combobox', { name: 'Vital status (#1760)' }).click();
    await page.getByRole('option', { name: '0 Dead' }).click();
    await dialog.getByLabel('Cause of death (#1910)').fill('lung');
    await dialog.getByText('Give the ICD-10 cause without the dot').waitFor();
    await j.shot('registry-contact-validation');
    await dialog.getByRole('combobox', { name: 'Vital status (#1760)' }).click();
    await page.getByRole('option', { name: '1 Alive' }).click();
    await dialog.getByRole('button', { name: 'Record contact' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await table.getByRole('row', { name: /Farfield/ }).waitFor({ state: 'detached' });
    expect(await table.getByRole('row', { name: /Longgone/ }).count()).toBe(1);
    await j.shot('registry-followup-after-contact');
  });

  it('opens the cases to abstract from My work, and each case opens its abstract', async () => {
    const { page } = j;
    await navLink(page, 'My work').click();
    await page
      .getByRole('table', { name: 'My queues' })
      .getByRole('link', { name: 'Cases to abstract', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Registry cases' }).waitFor();
    const table = page.getByRole('table', { name: 'Registry tumours' });
    await table.getByRole('row', { name: /Farfield/ }).waitFor();
    // The two imported cases are still to abstract; Pathfinder's abstract was completed above.
    expect(await table.getByRole('row', { name: /Longgone/ }).count()).toBe(1);
    expect(await table.getByRole('row', { name: /abstracting/ }).count()).toBe(2);
    await j.shot('registry-cases-to-abstract');
    await page.locator('label', { hasText: /^Complete$/ }).click();
    await table
      .getByRole('row', { name: /complete/ })
      .first()
      .waitFor();
    expect(await table.getByRole('row', { name: /abstracting/ }).count()).toBe(0);
    await page.locator('label', { hasText: /^To abstract$/ }).click();
    await table
      .getByRole('row', { name: /Farfield/ })
      .getByRole('link')
      .click();
    await page.getByRole('heading', { name: /Abstract 90000001 \/ tumour 01/ }).waitFor();
    expect(page.url()).toMatch(/\/registry\/tumours\/[0-9a-f-]{36}$/);
    // The follow-up section names where the date of last contact came from (the contact recorded above).
    const today = j.t.clock.now().toISOString().slice(0, 10);
    expect(await page.getByLabel('Source of last contact').textContent()).toContain(
      `Last contact ${today} (alive) from`,
    );
    await j.shot('registry-abstract-followup-source');
  });
});
