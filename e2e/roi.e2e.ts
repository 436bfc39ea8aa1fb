import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { insertTestPatient } from '../test/factories.ts';
import { type Journey, signInThroughForm, startJourney } from './browser.ts';

/** Issue 6 journeys: release to an insurer, a blocked expired authorization, the patient's own request, Part 2. */
let j: Journey;
let roi: TestUser;
let clerk: TestUser;
let doctor: TestUser;

const api = async (method: 'POST' | 'GET', url: string, payload?: object) => {
  const res = await j.t.app.inject({ method, url, headers: clerk.headers, ...(payload ? { payload } : {}) });
  return res.json();
};

/** A synthetic chart: a 2025 admission with a discharge summary, and optionally a Part 2 summary. */
async function patientWithChart(family: string, part2 = false) {
  const p = await insertTestPatient(j.t, { family, given: 'Robin', birthDate: '1979-06-14' });
  const enc = await api('POST', `/api/patients/${p.id}/encounters`, {
    class: 'inpatient',
    type: 'admission',
    startsAt: '2025-04-02T09:30:00Z',
    providerId: doctor.id,
    location: 'Ward 3',
    reason: 'community-acquired pneumonia',
  });
  const note = (title: string) =>
    api('POST', `/api/patients/${p.id}/notes`, {
      kind: 'note',
      encounterId: enc.id,
      data: {
        noteType: 'discharge_summary',
        title,
        text: 'Synthetic summary for a test journey.',
        status: 'final',
      },
    });
  await note('Discharge summary, medicine');
  if (part2) {
    const sud = await note('Addiction service discharge summary');
    await api('POST', `/api/chart-entries/${sud.id}/labels`, {
      label: 'substance_use_part2',
      reason: 'Part 2 programme',
    });
  }
  return p;
}

async function intake(mrn: string, o: { type: string; name: string; purpose: string }) {
  const { page } = j;
  await page.goto('/roi');
  await page.getByRole('link', { name: 'New request' }).click();
  const form = page.getByRole('form', { name: 'Request intake' });
  await form.getByLabel('MRN').fill(mrn);
  await form.getByRole('button', { name: 'Find patient' }).click();
  await form.getByRole('radio').first().check();
  await form.getByLabel('Requester type').selectOption(o.type);
  await form.getByLabel('Requester name').fill(o.name);
  await form.getByLabel('Requester address').fill('1 Insurance Plaza, Hartford CT 06103');
  await form.getByLabel('Purpose', { exact: true }).selectOption(o.purpose);
  await form.getByLabel('Discharge summaries').check();
  await form.getByLabel('From date').fill('2025-01-01');
  await form.getByLabel('To date').fill('2025-12-31');
  await form.getByLabel('Date received').fill('2026-03-01');
  await form.getByRole('button', { name: 'Take in request' }).click();
  await page.getByTestId('request-status').getByText('received').waitFor();
  await page.getByLabel("How was the requester's identity verified?").fill('Letterhead checked; called back');
}

async function verify() {
  const { page } = j;
  await page.getByRole('button', { name: 'Record verification' }).click();
  await page.getByTestId('request-status').getByText('verification').waitFor();
}

async function authorize(expiresOn: string) {
  const form = j.page.getByRole('form', { name: 'Authorization form' });
  await form.getByLabel('Description of the information').fill('Discharge summaries from 2025 admissions');
  await form.getByLabel('Who may disclose').fill('Riverside General Hospital');
  await form.getByLabel('Purpose on the form').fill('Life insurance underwriting');
  await form.getByLabel('Expires on').fill(expiresOn);
  await form.getByLabel('Signed on').fill('2026-02-01');
  await form.getByRole('button', { name: 'Save and check authorization' }).click();
}

beforeAll(async () => {
  j = await startJourney();
  roi = await createTestUser(j.t, ['roi_specialist'], { mfa: true });
  clerk = await createTestUser(j.t, ['him_clerk']);
  doctor = await createTestUser(j.t, ['physician']);
});
afterAll(() => j.close());

describe('journey: release of information', () => {
  it('releases an insurer request with a valid authorization, and it appears in the accounting', async () => {
    const { page } = j;
    const p = await patientWithChart('Okonkwo');
    await signInThroughForm(j, roi);
    await intake(p.mrn, { type: 'payer', name: 'Acme Health Insurance', purpose: 'insurance-underwriting' });
    await j.shot('roi-intake-done');
    await verify();
    await authorize('2027-01-01');
    await page.getByText('The authorization check passed').waitFor();
    await page.getByTestId('request-status').getByText('retrieval').waitFor();
    await j.shot('roi-checklist-passed');
    await page.getByRole('button', { name: 'Build packet' }).click();
    await page
      .getByRole('table', { name: 'Packet contents' })
      .getByText('note: Discharge summary, medicine')
      .waitFor();
    await j.shot('roi-packet');
    await page.getByRole('button', { name: 'Release records' }).click();
    await page.getByTestId('request-status').getByText('released').waitFor();
    await page.getByRole('button', { name: 'Create secure link' }).click();
    await page.getByTestId('one-time-code').waitFor();
    await j.shot('roi-delivery');
    await page.getByRole('link', { name: 'Accounting of disclosures' }).click();
    await page.getByLabel('Include disclosures exempt from the accounting').check();
    const row = page
      .getByRole('table', { name: 'Accounting of disclosures' })
      .getByText('Acme Health Insurance');
    await row.waitFor();
    expect(await page.getByText('exempt: authorization').count()).toBe(1);
    await j.shot('roi-accounting');
  });

  it('blocks a request whose authorization expired and shows the reason', async () => {
    const { page } = j;
    const p = await patientWithChart('Haverford');
    await intake(p.mrn, { type: 'payer', name: 'Acme Health Insurance', purpose: 'insurance-underwriting' });
    await verify();
    await authorize('2026-02-15');
    await page.getByText('The authorization check failed').waitFor();
    await page.getByText('The authorization has expired.').waitFor();
    expect(await page.getByRole('button', { name: 'Build packet' }).count()).toBe(0);
    await page.getByTestId('request-status').getByText('authorization-check').waitFor();
    await j.shot('roi-expired-blocked');
  });

  it("fulfils the patient's own request under the right of access, downloaded through the secure link", async () => {
    const { page } = j;
    const p = await patientWithChart('Szabo');
    await intake(p.mrn, { type: 'patient', name: 'Robin Szabo', purpose: 'right-of-access' });
    await verify();
    await page.getByRole('button', { name: 'Run check without a form' }).click();
    await page.getByText('The authorization check passed').waitFor();
    await page.getByRole('button', { name: 'Build packet' }).click();
    await page.getByRole('table', { name: 'Packet contents' }).waitFor();
    await page.getByRole('button', { name: 'Release records' }).click();
    await page.getByTestId('request-status').getByText('released').waitFor();
    await page.getByRole('button', { name: 'Create secure link' }).click();
    const code = (await page.getByTestId('one-time-code').textContent()) ?? '';
    const url = (await page.getByTestId('secure-link-url').textContent()) ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const recipient = await j.browser.newPage({ baseURL: j.baseUrl });
    await recipient.goto(url.replace(/^https?:\/\/[^/]+/, ''));
    await recipient.getByLabel('One-time code').fill(code);
    const download = recipient.waitForEvent('download');
    await recipient.getByRole('button', { name: 'Download' }).click();
    expect((await download).suggestedFilename()).toBe('records.pdf');
    await recipient.getByText('The download has started').waitFor();
    await recipient.screenshot({ path: 'test-results/screenshots/roi-recipient-download.png' });
    await recipient.close();
  });

  it('withholds Part 2 entries the consent does not cover and lists them for the clerk', async () => {
    const { page } = j;
    const p = await patientWithChart('Delacroix', true);
    await intake(p.mrn, { type: 'payer', name: 'Acme Health Insurance', purpose: 'insurance-underwriting' });
    await verify();
    await authorize('2027-01-01');
    await page.getByText('The authorization check passed').waitFor();
    await page.getByRole('button', { name: 'Build packet' }).click();
    const withheld = page.getByRole('table', { name: 'Withheld items' });
    await withheld
      .getByText('Part 2 substance use disorder record not covered by a Part 2 consent')
      .waitFor();
    expect(await withheld.getByText('42 CFR 2.31').count()).toBe(1);
    expect(
      await page.getByRole('table', { name: 'Packet contents' }).getByText('Addiction service').count(),
    ).toBe(0);
    await j.shot('roi-part2-withheld');
  });
});
