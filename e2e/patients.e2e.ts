import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { type Journey, navLink, signInThroughForm, startJourney } from './browser.ts';

let j: Journey;
let him: TestUser;

const register = async (body: Record<string, unknown>) => {
  const res = await j.t.app.inject({
    method: 'POST',
    url: '/api/patients',
    headers: him.headers,
    payload: body,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; mrn: string };
};

beforeAll(async () => {
  j = await startJourney();
  him = await createTestUser(j.t, ['him_clerk'], { mfa: true });
  await register({
    family: 'Fitzgerald',
    given: 'Elizabeth',
    birthDate: '1975-06-21',
    sexAtBirth: 'F',
    phones: [{ use: 'home', number: '555-777-1212' }],
  });
});
afterAll(() => j.close());

describe('journey: register a new patient and be warned of a duplicate', () => {
  it('signs in, lands on My work and opens patient search', async () => {
    const { page } = j;
    await signInThroughForm(j, him);
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await navLink(page, 'Patients').click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();
    await page.getByLabel('Name').fill('Fitzgerld');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: /Fitzgerald, Elizabeth/ }).waitFor();
    await j.shot('patients-search');
  });

  it('validates as the clerk types and shows likely existing records with reasons', async () => {
    const { page } = j;
    await page.getByRole('link', { name: 'Register patient' }).click();
    await page.getByRole('heading', { name: 'Register a new patient' }).waitFor();
    await page.getByLabel('Family name').fill('Fitzgerald');
    await page.getByLabel('Given name').fill('Liz');
    await page.getByLabel('Date of birth').fill('1975-02-30');
    await page.getByText('This date does not exist; check the day and month.').waitFor();
    await page.getByLabel('Home phone').fill('555-CALL');
    await page.getByText(/Enter the phone number with digits only/).waitFor();
    await j.shot('patients-register-validation');
    await page.getByLabel('Date of birth').fill('1975-06-21');
    await page.getByLabel('Home phone').fill('555-777-1212');
    const card = page.getByTestId('match-candidate').first();
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Fitzgerald, Elizabeth/);
    expect(await card.textContent()).toMatch(/nickname/);
    await j.shot('patients-register-duplicate-warning');
  });

  it('creates a new record anyway and opens its face sheet', async () => {
    const { page } = j;
    await page.getByLabel('Family name').fill('Fitzgerald-Moreau');
    await page.getByLabel('Given name').fill('Lucia');
    await page.getByLabel('Date of birth').fill('1988-11-03');
    await page.getByLabel('Sex assigned at birth').selectOption('F');
    await page.getByLabel('SSN').fill('234-56-7891');
    await page.getByRole('button', { name: 'Add insurance' }).click();
    await page.getByLabel('Payer').fill('Synthetic Health Plan');
    await page.getByLabel('Member id').fill('SHP-2231');
    await page.getByRole('button', { name: 'Add an identifier' }).click();
    await page.getByLabel('Issued by').fill('Mercy General');
    await page.getByLabel(/^Identifier/).fill('MG-7781');
    await page.getByRole('button', { name: 'Create new record' }).click();
    await page.getByTestId('patient-banner').waitFor();
    const header = await page.getByTestId('patient-banner').textContent();
    expect(header).toMatch(/FITZGERALD-MOREAU, Lucia/);
    expect(header).toMatch(/SSN \*\*\*-\*\*-7891/);
    await page.getByText('Synthetic Health Plan').waitFor();
    await page.getByText('MG-7781 (Mercy General)').waitFor();
    await j.shot('patients-face-sheet');
  });
});

describe('journey: correct demographics as a new version, and meet a concurrent edit', () => {
  it('records an address and a secondary insurance with the reason in the version history', async () => {
    const { page } = j;
    await page.getByRole('link', { name: 'Edit demographics' }).click();
    await page.getByRole('heading', { name: 'Edit demographics' }).waitFor();
    await page.getByLabel('Street address').fill('40 Harbor Road');
    await page.getByLabel('City', { exact: true }).fill('Salem');
    await page.getByLabel('State').fill('MA');
    await page.getByLabel('Postal code').fill('01970');
    await page.getByRole('button', { name: 'Add insurance' }).click();
    await page.getByLabel('Priority').last().selectOption('secondary');
    await page.getByLabel('Payer').fill('Northeast Mutual Care');
    await page.getByLabel('Member id').fill('NMC-0042');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByText('Say why the record is being changed').waitFor();
    await page.getByLabel('Reason for the change').fill('Patient moved; new secondary card');
    await j.shot('patients-edit-demographics');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByText('40 Harbor Road, Salem, MA 01970').waitFor();
    await page.getByText('Northeast Mutual Care').waitFor();
    await page.getByRole('tab', { name: 'Version history' }).click();
    await page.getByText('Patient moved; new secondary card').waitFor();
    await j.shot('patients-version-history');
  });

  it('shows what another clerk changed meanwhile and saves nothing', async () => {
    const { page } = j;
    await page.getByRole('link', { name: 'Edit demographics' }).click();
    await page.getByLabel('Email').fill('lucia@example.org');
    await page.getByLabel('Reason for the change').fill('Email from intake form');
    const id = page.url().split('/').at(-2)!;
    const current = (await j.t.app.inject({ url: `/api/patients/${id}`, headers: him.headers })).json();
    const other = await j.t.app.inject({
      method: 'PUT',
      url: `/api/patients/${id}`,
      headers: him.headers,
      payload: {
        ...current,
        ssn: null,
        phones: [{ use: 'mobile', number: '555-640-2200' }],
        address: current.address,
        reason: 'Phone update by another clerk',
      },
    });
    expect(other.statusCode).toBe(200);
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByText('Someone else changed this record while you were editing').waitFor();
    expect(await page.getByRole('alert').first().textContent()).toMatch(/phones/);
    await j.shot('patients-edit-conflict');
    await page.getByRole('button', { name: 'Reload the latest version' }).click();
    await expect.poll(() => page.getByLabel('Mobile phone').inputValue()).toBe('555-640-2200');
  });
});

describe('journey: merge two duplicates and unmerge them', () => {
  it('sweeps, compares side by side, merges, and the retired record points at the survivor', async () => {
    const { page } = j;
    const base = {
      family: 'Castellanos',
      birthDate: '1958-09-03',
      sexAtBirth: 'M',
      phones: [{ use: 'home', number: '555-310-4400' }],
    };
    await register({ ...base, given: 'Robert' });
    await register({
      ...base,
      given: 'Bob',
      identifiers: [{ kind: 'other_mrn', system: 'Mercy General', value: 'MG-5501' }],
    });
    await page.getByRole('link', { name: 'Duplicate review' }).click();
    await page.getByRole('button', { name: 'Run duplicate sweep' }).click();
    await page.getByText(/Sweep done/).waitFor();
    const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Castellanos' });
    await pair.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('table', { name: 'Side-by-side comparison' }).waitFor();
    await page.getByText('Record B', { exact: false }).first().waitFor();
    await j.shot('patients-duplicate-compare');
    await page.getByRole('button', { name: 'Merge into the surviving record' }).click();
    await pair.waitFor({ state: 'detached' });
    await j.shot('patients-duplicates-after-merge');
  });

  it('unmerges from the retired record and both records are active again', async () => {
    const { page } = j;
    await page.getByRole('link', { name: 'Patients' }).click();
    await page.getByLabel('Name').fill('Castellanos');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page
      .getByRole('link', { name: /Castellanos/ })
      .first()
      .click();
    await page.getByRole('tab', { name: 'Merges' }).click();
    await page.getByRole('button', { name: 'Unmerge' }).click();
    await page.getByText(/undone/).waitFor();
    await j.shot('patients-unmerged');
    await page.getByRole('link', { name: 'Patients' }).click();
    await page.getByLabel('Name').fill('Castellanos');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: /Castellanos, Bob/ }).waitFor();
    await page.getByRole('link', { name: /Castellanos, Robert/ }).waitFor();
    await j.shot('patients-search-after-unmerge');
  });
});
