import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliContext } from '../src/kernel/cli-context.ts';
import { clearDictionaryCache, loadDictionary } from '../src/registry/dictionary.service.ts';
import { importNaaccr } from '../src/registry/import.service.ts';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { sharedData } from '../test/shared-data.ts';
import { type Journey, SCREENSHOT_DIR, signInThroughForm, startJourney } from './browser.ts';

/**
 * Journey (issue 15): a registrar builds a cohort over the registry's tumours, groups it by stage, reads
 * the curves, the median and the log-rank p, switches to the life table and to incidence, sees the
 * suppressed small cells, and exports CSV.
 */
let j: Journey;
let registrar: TestUser;

/** Seeded synthetic tumours: stage 1 (40), stage 2 (30), stage 3 (25), stage 7 (8: a small group), lung or breast. */
function naaccrXml(): string {
  let seed = 15;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
  const item = (id: string, v: string) => `<Item naaccrId="${id}">${v}</Item>`;
  const patients: string[] = [];
  const add = (stage: string, n: number, scale: number) => {
    for (let i = 0; i < n; i++) {
      const dx = Date.UTC(
        2015 + Math.floor(rand() * 4),
        Math.floor(rand() * 12),
        1 + Math.floor(rand() * 28),
      );
      const last = day(dx + (1 + Math.floor(rand() * scale)) * 86_400_000);
      const vital = rand() < 0.6 ? '0' : '1';
      const sex = rand() < 0.5 ? '1' : '2';
      const site = rand() < 0.5 ? 'C341' : 'C509';
      const age = String(40 + Math.floor(rand() * 45)).padStart(3, '0');
      patients.push(
        `<Patient>${item('patientIdNumber', String(patients.length + 1).padStart(8, '0'))}${item('sex', sex)}${item('vitalStatus', vital)}${item('dateOfBirth', '19500101')}${item('dateOfLastContact', last)}<Tumor>${item('tumorRecordNumber', '01')}${item('primarySite', site)}${item('histologicTypeIcdO3', '8140')}${item('behaviorCodeIcdO3', '3')}${item('ageAtDiagnosis', age)}${item('dateOfDiagnosis', day(dx))}${item('summaryStage2018', stage)}${item('classOfCase', '00')}</Tumor></Patient>`,
      );
    }
  };
  add('1', 40, 3000);
  add('2', 30, 1500);
  add('3', 25, 1200);
  add('7', 8, 400);
  return `<?xml version="1.0"?><NaaccrData baseDictionaryUri="http://naaccr.org/naaccrxml/naaccr-dictionary-250.xml" recordType="A" specificationVersion="1.7" xmlns="http://naaccr.org/naaccrxml">${patients.join('')}</NaaccrData>`;
}

/** Synthetic person-years by sex and the 19 age groups. */
function populationFile(): string {
  const lines = ['sex,ageGroup,population'];
  for (const sex of ['1', '2']) for (let a = 0; a < 19; a++) lines.push(`${sex},${a},${20_000 + a * 500}`);
  const file = path.join(os.tmpdir(), `ck-population-${process.pid}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

beforeAll(async () => {
  j = await startJourney();
  j.t.clock.set(new Date());
  clearDictionaryCache();
  const ctx = cliContext(j.t.deps);
  await loadDictionary(
    ctx,
    readFileSync(sharedData('naaccr', 'dictionaries', 'naaccr-dictionary-250.xml'), 'utf8'),
  );
  const imported = await importNaaccr(ctx, Readable.from([naaccrXml()]));
  expect(imported).toMatchObject({ tumours: 103, rejected: 0 });
  registrar = await createTestUser(j.t, ['cancer_registrar'], { mfa: true });
});
afterAll(() => j.close());

describe('journey: cohort → survival curves by stage → life table → incidence with suppressed cells', () => {
  it('builds a cohort with live counts and shows Kaplan–Meier curves by stage', async () => {
    const { page } = j;
    await signInThroughForm(j, registrar);
    await page.getByRole('link', { name: 'Registry analytics' }).click();
    const count = page.getByTestId('cohort-count');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toContain('Cohort: 103 tumours');
    // Narrow to lung and breast (every case here), then group by stage: the small stage 7 is suppressed, and stage 3 with it
    // (else the total less the others would give stage 7 back).
    await page.getByRole('combobox', { name: 'Site group' }).click();
    await page.getByRole('option', { name: 'Lung and bronchus' }).click();
    await page.getByRole('option', { name: 'Breast' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Group by' }).click();
    await page.getByRole('option', { name: 'Summary stage 2018' }).click();
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toContain('1 Localized: 40');
    expect(await count.textContent()).toContain('7 Distant: suppressed');

    await page.getByRole('button', { name: 'Show survival' }).click();
    const medians = page.getByRole('table', { name: 'Median survival' });
    await medians.waitFor();
    await expect.poll(() => medians.textContent(), { timeout: 20_000 }).toContain('1 Localized');
    const text = (await medians.textContent()) ?? '';
    expect(text.match(/Suppressed \(small cell\)/g)).toHaveLength(2);
    expect(await page.getByTestId('logrank').textContent()).toMatch(
      /Log-rank test: χ² = [\d.]+ on 3 df, p = /,
    );
    expect(await page.getByRole('note').textContent()).toContain('Small cells suppressed');
    // Curves drawn: one step line per shown group, and the numbers at risk under the axis.
    expect(await page.locator('.recharts-line').count()).toBe(2);
    const atRisk = page.getByRole('img', { name: 'Number at risk' });
    expect(await atRisk.textContent()).toContain('Number at risk');
    await j.shot('analytics-survival');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('group,time,atRisk,events,censored,survival,stdErr,lower,upper');
    expect(csv).toContain('7,suppressed');

    // The PDF report with the chart: saved, then looked at as an image (see the screenshots folder).
    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PDF' }).click();
    const pdf = readFileSync(await (await pdfDownload).path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(path.join(SCREENSHOT_DIR, 'analytics-survival-report.pdf'), pdf);
  });

  it('switches to the life table', async () => {
    const { page } = j;
    await page.getByRole('tab', { name: 'Life table' }).click();
    await page.getByRole('button', { name: 'Show life table' }).click();
    const table = page.getByRole('table', { name: 'Life table 1 Localized' });
    await table.waitFor();
    expect(await table.textContent()).toContain('Alive at start');
    expect(await page.getByTestId('years-1').textContent()).toMatch(/1-year ([\d.]+%|not available)/);
    // Intervals with 1–15 deaths or withdrawals are suppressed in the table, and said so.
    expect(await page.locator('[data-suppressed="true"]').count()).toBeGreaterThan(0);
    await page.getByRole('note').filter({ hasText: 'Small cells suppressed' }).first().waitFor();
    await j.shot('analytics-lifetable');
  });

  it('shows incidence rates with their intervals and the suppressed cells', async () => {
    const { page } = j;
    await page.getByRole('tab', { name: 'Incidence' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByLabel('Population (person-years CSV)').click();
    await (await chooser).setFiles(populationFile());
    await page.getByRole('button', { name: 'Show incidence' }).click();
    const table = page.getByRole('table', { name: 'Incidence rates' });
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Male');
    expect(text).toContain('Total');
    expect(await page.getByRole('note').last().textContent()).toMatch(/cells? (is|are) hidden/);
    // Age cells of 1–15 cases are shown as suppressed, never as numbers.
    const ages = page.getByRole('table', { name: 'Age-specific counts and rates' });
    expect(await ages.locator('td[data-suppressed="true"]').count()).toBeGreaterThan(0);
    expect(await ages.textContent()).toContain('suppressed');
    await j.shot('analytics-incidence');
  });
});
