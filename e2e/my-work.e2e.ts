import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { type Journey, signInThroughForm, startJourney } from './browser.ts';

/** Issue 20 journey: a clerk with ROI and coding duties opens "My work", sees what is late, opens it. */
let j: Journey;
let clerk: TestUser;
let him: TestUser;

beforeAll(async () => {
  j = await startJourney();
  clerk = await createTestUser(j.t, ['roi_specialist'], { mfa: true });
  him = await createTestUser(j.t, ['him_clerk']);
});
afterAll(() => j.close());

describe('journey: my work', () => {
  it('shows the late ROI request first and opens it in one click', async () => {
    const { page } = j;
    // Registered through the API, so the name search keys (normalised, phonetic) are written too.
    const reg = await j.t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: him.headers,
      payload: { family: 'Varma', given: 'Asha', birthDate: '1980-02-11', sexAtBirth: 'F' },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const p = reg.json() as { id: string };
    const res = await j.t.app.inject({
      method: 'POST',
      url: '/api/disclosure/requests',
      headers: clerk.headers,
      payload: {
        patientId: p.id,
        requesterType: 'payer',
        requesterName: 'Acme Health Insurance',
        requesterAddress: '1 Insurance Plaza, Hartford CT 06103',
        purpose: 'insurance-underwriting',
        scope: { recordTypes: ['discharge-summary'], dateFrom: '2025-03-01', dateTo: '2025-06-30' },
        deliveryMethod: 'mail',
        receivedOn: '2026-02-01',
      },
    });
    expect(res.statusCode).toBe(201);
    const requestNo: string = res.json().requestNo;

    await signInThroughForm(j, clerk);
    // "My work" is where a clerk lands after sign-in.
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/my-work');
    // The navigation is grouped by duty, showing only this clerk's duties.
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('group', { name: 'Release of information' }).waitFor();
    expect(await nav.getByRole('group', { name: 'Billing' }).count()).toBe(0);
    const row = page.getByTestId('queue-roi-requests');
    await expect.poll(() => row.textContent()).toContain('1 late');
    // The payer's request runs on the facility's 15-day clock, not HIPAA's 30.
    expect(await row.textContent()).toContain('15 days, facility policy');
    await j.shot('my-work-en');
    await row.getByRole('link', { name: /Open the most urgent item/ }).click();
    await page.getByRole('heading', { name: `Request ${requestNo}` }).waitFor();
    expect(page.url()).toContain(`/roi/requests/${res.json().id}`);

    // The command palette: Ctrl+K, a name finds the patient (through the audited search), a click opens it.
    await page.keyboard.press('Control+K');
    const search = page.getByRole('textbox', { name: 'Search patients, screens and actions' });
    await search.fill('Varma');
    const hit = page.getByRole('dialog').getByRole('button', { name: /Varma/i }).first();
    await hit.waitFor();
    await j.shot('palette-open');
    await hit.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/patients/${p.id}`);
    await j.shot('palette-patient');
    // ...and a screen by its name, opened from the keyboard alone. The palette fades out after the click;
    // typing before it has gone would fill the closing one.
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+K');
    await dialog.waitFor();
    await search.fill('my account');
    await dialog.getByRole('button', { name: /My account/ }).waitFor();
    // Only the screen is listed once the patient search for the old query has gone.
    await expect.poll(() => dialog.getByRole('button').filter({ hasText: /Varma/i }).count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/account');
  });
});
