import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD, type TestUser } from '../test/auth.ts';
import { insertTestPatient } from '../test/factories.ts';
import { type Journey, navLink, signInThroughForm, startJourney } from './browser.ts';

let j: Journey;
let clerk: TestUser;
let doctor: TestUser;
let patientId: string;
let mrn: string;
let encounterId: string;

const inject = async (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await j.t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.body}`);
  return res.json();
};
const day = (offset: number) =>
  new Date(j.t.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);

async function signInAs(user: TestUser) {
  await j.page.context().clearCookies();
  await signInThroughForm(j, user);
}

beforeAll(async () => {
  j = await startJourney();
  // The browser validates dates against its own clock: start the server's clock at the same time.
  j.t.clock.set(new Date());
  clerk = await createTestUser(j.t, ['him_clerk'], { mfa: true });
  doctor = await createTestUser(j.t, ['physician'], { mfa: true });
  ({ id: patientId, mrn } = await insertTestPatient(j.t, { family: 'Lindqvist', given: 'Marta', sex: 'F' }));
  // The physician discharges the patient (the chart's encounter API, as the chart screens call it).
  const enc = await inject(doctor, 'POST', `/api/patients/${patientId}/encounters`, {
    class: 'inpatient',
    type: 'medicine',
    startsAt: `${day(-5)}T08:00:00Z`,
    providerId: doctor.id,
    location: 'Ward 4',
    reason: 'pneumonia',
    dischargedAt: `${day(-1)}T10:00:00Z`,
    dischargeDisposition: 'home',
  });
  encounterId = enc.id;
  let version = 1;
  for (const status of ['arrived', 'in_progress', 'completed'])
    version = (await inject(doctor, 'POST', `/api/encounters/${encounterId}/status`, { status, version }))
      .version;
});
afterAll(() => j.close());

describe('journey: discharge → missing discharge summary → physician signs → deficiency closes', () => {
  it('the HIM clerk sees the missing discharge summary in the queue', async () => {
    const { page } = j;
    await signInAs(clerk);
    await navLink(page, 'Deficiency queue').click();
    await page.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Discharge summary', exact: true }).click();
    await page.getByRole('button', { name: 'Filter' }).click();
    const table = page.getByRole('table', { name: 'Deficiencies' });
    await table.getByText('Discharge summary missing').waitFor();
    expect(await table.getByText('Lindqvist, Marta').count()).toBe(1);
    await j.shot('completion-queue-discharge-summary');
  });

  it('the physician writes the summary and signs it from the inbox with a password attestation', async () => {
    const { page } = j;
    await inject(doctor, 'POST', `/api/patients/${patientId}/notes`, {
      kind: 'note',
      encounterId,
      data: {
        noteType: 'discharge_summary',
        title: 'Discharge summary',
        text: 'Synthetic summary.',
        status: 'draft',
      },
    });
    await signInAs(doctor);
    await navLink(page, 'My inbox').click();
    const mine = page.getByRole('table', { name: 'My deficiencies' });
    await mine.getByText('Unsigned discharge summary').waitFor();
    await j.shot('completion-inbox-unsigned');
    await mine
      .getByRole('row', { name: /Unsigned discharge summary/ })
      .getByRole('button', { name: 'Sign' })
      .click();
    const dialog = page.getByRole('form', { name: 'Sign note' });
    await dialog.getByLabel('Your password').fill(TEST_PASSWORD);
    await j.shot('completion-sign-dialog');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await dialog.waitFor({ state: 'detached' });
    await mine.getByText('Unsigned discharge summary').waitFor({ state: 'detached' });
    await j.shot('completion-inbox-after-signing');
    const open = await inject(clerk, 'GET', '/api/completion/deficiencies?ruleId=discharge-summary');
    expect(open.items.filter((d: { encounterId: string }) => d.encounterId === encounterId)).toEqual([]);
  });
});

describe('journey: a clinician query round trip', () => {
  const question = 'What is the clinical significance of the low sodium (128 mmol/L)?';

  it('the clerk asks the physician a structured query', async () => {
    const { page } = j;
    await signInAs(clerk);
    await page.goto(
      `/completion/queries?patientId=${patientId}&encounterId=${encounterId}&addressee=${doctor.id}`,
    );
    const form = page.getByRole('form', { name: 'Ask a query' });
    await form.getByLabel('Question').fill(question);
    await form.getByLabel('Answer options (one per line)').fill('Yes');
    await form.getByText('Offer at least two answers').waitFor();
    await form
      .getByLabel('Answer options (one per line)')
      .fill('Hyponatremia\nNot clinically significant\nClinically undetermined\nOther');
    await form.getByLabel('Due on').fill(day(7));
    await form.getByRole('button', { name: 'Send query' }).click();
    await form.getByText("Query sent to the clinician's inbox.").waitFor();
    await page.getByRole('table', { name: 'Queries' }).getByText(question).waitFor();
    await j.shot('completion-query-sent');
  });

  it('the physician answers from the inbox and the query closes', async () => {
    const { page } = j;
    await signInAs(doctor);
    await navLink(page, 'My inbox').click();
    const card = page.getByRole('form', { name: `Query: ${question}` });
    await card.getByLabel('Hyponatremia').check();
    await card.getByLabel('Comment (optional)').fill('Dilutional, from the diuretic.');
    await j.shot('completion-query-answer');
    await card.getByRole('button', { name: 'Send answer' }).click();
    await card.waitFor({ state: 'detached' });
    await signInAs(clerk);
    await navLink(page, 'Clinician queries').click();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'answered', exact: true }).click();
    await page
      .getByRole('table', { name: 'Queries' })
      .getByText('Hyponatremia — Dilutional, from the diuretic.')
      .waitFor();
    await j.shot('completion-query-answered');
  });
});

describe('journey: amendments, one accepted and one denied', () => {
  it('the clerk records two requests on the discharge summary', async () => {
    const { page } = j;
    await navLink(page, 'Amendments').click();
    const form = page.getByRole('form', { name: 'Amendment request' });
    for (const text of [
      'My address in the summary is wrong.',
      'Remove the smoking history; I never smoked.',
    ]) {
      await form.getByLabel('Patient MRN').fill(mrn);
      await form.getByRole('button', { name: 'Find chart' }).click();
      await form.getByRole('checkbox', { name: /Discharge summary/ }).check();
      await form.getByLabel('What the patient asks to change, in their words').fill(text);
      await form.getByLabel('Received on').fill(day(0));
      await form.getByRole('button', { name: 'Record request' }).click();
      await form.getByText('Request recorded and routed to the author.').waitFor();
    }
    await page.getByText('“Remove the smoking history; I never smoked.”').waitFor();
    await j.shot('completion-amendments-recorded');
  });

  it('the author accepts one and denies the other with a basis', async () => {
    const { page } = j;
    await signInAs(doctor);
    await navLink(page, 'My inbox').click();
    const first = page.getByRole('form', { name: 'Amendment decision' }).filter({ hasText: 'address' });
    await first.getByLabel('Amendment text').fill('Address corrected to the one on file at registration.');
    await first.getByRole('button', { name: 'Accept amendment' }).click();
    await first.waitFor({ state: 'detached' });
    const second = page.getByRole('form', { name: 'Amendment decision' }).filter({ hasText: 'smoking' });
    await second.getByText('Deny').click();
    await second.getByRole('combobox', { name: 'Ground (164.526(a)(2))' }).click();
    await page.getByRole('option', { name: 'The record is accurate and complete' }).click();
    await second
      .getByLabel('Basis for the denial')
      .fill('The history was given by the patient at admission.');
    await j.shot('completion-amendment-deny');
    await second.getByRole('button', { name: 'Deny amendment' }).click();
    await second.waitFor({ state: 'detached' });
  });

  it("the clerk appends the patient's statement of disagreement to the denial", async () => {
    const { page } = j;
    await signInAs(clerk);
    await navLink(page, 'Amendments').click();
    await page.getByText('Amendment: Address corrected to the one on file at registration.').waitFor();
    await page
      .getByLabel("Patient's statement of disagreement")
      .fill('I have never smoked; please keep my statement.');
    await page.getByRole('button', { name: 'Append' }).click();
    await page.getByText('Statement of disagreement:').waitFor();
    await j.shot('completion-amendments-decided');
    const all = await inject(clerk, 'GET', '/api/completion/amendments');
    expect(all.items.map((a: { status: string }) => a.status).sort()).toEqual(['accepted', 'denied']);
  });
});

describe('journey: the delinquency report', () => {
  it('shows delinquent charts per clinician and service, printable and exportable', async () => {
    const { page } = j;
    await navLink(page, 'Delinquency report').click();
    await page.getByLabel('Discharged from').fill(day(-30));
    await page.getByLabel('to', { exact: true }).fill(day(0));
    const totals = page.getByTestId('report-totals');
    await totals.waitFor();
    expect(await totals.textContent()).toContain('1 delinquent charts of 1 discharges');
    await page.getByRole('table', { name: 'Service' }).getByText('medicine').waitFor();
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toContain(
      'delinquency.csv',
    );
    await j.shot('completion-delinquency-report');
  });
});

describe('journey: rules and manual deficiencies', () => {
  it('switches a rule off for the hospital and opens a deficiency by hand', async () => {
    const { page } = j;
    await navLink(page, 'Deficiency rules').click();
    const rule = page.getByRole('switch', { name: 'Rule Procedure without a consent document' });
    await rule.waitFor();
    // Wait registered before the click, and the switch polled: the list re-renders after the save answers.
    const saved = page.waitForResponse((r) =>
      r.url().includes('/api/completion/settings/rules/procedure-consent'),
    );
    await rule.click({ force: true });
    expect((await saved).ok()).toBe(true);
    await expect.poll(() => rule.isChecked(), { timeout: 10_000 }).toBe(false);
    await j.shot('completion-rule-settings');
    await navLink(page, 'Deficiency queue').click();
    await page.getByRole('button', { name: 'Open a deficiency by hand' }).click();
    const form = page.getByRole('form', { name: 'Open a deficiency by hand' });
    await form.getByLabel('Encounter id').fill(encounterId);
    await form.getByLabel('What is missing').fill('Outside records not filed');
    await form.getByLabel('Clinician (user id)').fill(doctor.id);
    await form.getByLabel('Due on').fill(day(-1));
    await form.getByText('The due date cannot be in the past.').waitFor();
    await form.getByLabel('Due on').fill(day(5));
    await form.getByRole('button', { name: 'Open deficiency' }).click();
    await page.getByRole('table', { name: 'Deficiencies' }).getByText('Outside records not filed').waitFor();
    await j.shot('completion-manual-deficiency');
  });
});
