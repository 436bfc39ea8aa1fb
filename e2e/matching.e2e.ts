import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { type Journey, navLink, signInThroughForm, startJourney } from './browser.ts';

// Issue 17: the duplicate reviewer filters the queue by grade, reads why each pair scored as it did (the
// weight waterfall and the cautions that keep twins out of "certain"), defers a pair and returns it.

let j: Journey;
let him: TestUser;

const register = async (body: Record<string, unknown>) => {
  const res = await j.t.app.inject({
    method: 'POST',
    url: '/api/patients',
    headers: him.headers,
    payload: {
      sexAtBirth: 'F',
      phones: [{ use: 'home', number: '555-410-2200' }],
      address: { line1: '12 Orchard Street', city: 'Salem', state: 'MA', postalCode: '01970' },
      ...body,
    },
  });
  expect(res.statusCode).toBe(201);
};

beforeAll(async () => {
  j = await startJourney();
  him = await createTestUser(j.t, ['him_clerk'], { mfa: true });
  await register({ family: 'Przybylski', given: 'Katherine', birthDate: '1971-03-14', ssn: '234-45-6789' });
  await register({ family: 'Przybylski', given: 'Kathy', birthDate: '1971-03-14', ssn: '234-45-6789' });
  await register({ family: 'Okonkwo', given: 'Adaeze', birthDate: '2003-08-02' });
  await register({ family: 'Okonkwo', given: 'Chioma', birthDate: '2003-08-02' });
});
afterAll(() => j.close());

describe('journey: review likely duplicates by grade, with the reasons for each score', () => {
  it('sweeps and filters the queue to certain pairs, then to probable ones where the twins wait', async () => {
    const { page } = j;
    await signInThroughForm(j, him);
    await navLink(page, 'Duplicate review').click();
    await page.getByRole('heading', { name: 'Duplicate review' }).waitFor();
    await page.getByRole('button', { name: 'Run duplicate sweep' }).click();
    await page.getByText(/Sweep done/).waitFor();
    await page.getByText('Certain (1)').click();
    await expect.poll(() => page.getByTestId('duplicate-pair').count()).toBe(1);
    expect(await page.getByTestId('duplicate-pair').textContent()).toMatch(/Przybylski/);
    await j.shot('matching-queue-certain');
    await page.getByText(/^Probable \(/).click();
    const twins = page.getByTestId('duplicate-pair').filter({ hasText: 'Okonkwo' });
    await twins.waitFor();
    expect(await page.getByTestId('duplicate-pair').filter({ hasText: 'Przybylski' }).count()).toBe(0);
    await twins.getByText(/possibly twins/).waitFor();
  });

  it('opens the twins and reads the weight each field contributed, ending at the score', async () => {
    const { page } = j;
    const twins = page.getByTestId('duplicate-pair').filter({ hasText: 'Okonkwo' });
    await twins.getByRole('button', { name: 'Compare' }).click();
    const table = page.getByRole('table', { name: 'Weight of each field' });
    await table.waitFor();
    const given = table.getByRole('row').filter({ hasText: 'Given name' });
    expect(await given.textContent()).toMatch(/-\d/);
    const badge = (await twins.locator('.mantine-Badge-root').textContent()) ?? '';
    const score = Number(badge.split('·')[1]);
    const last = await table.getByRole('row').filter({ hasText: 'Score' }).textContent();
    expect(last).toContain(score.toFixed(1));
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await j.shot('matching-waterfall');
  });

  it('defers the pair with a note (the note is checked as typed), then returns it to the queue', async () => {
    const { page } = j;
    const twins = page.getByTestId('duplicate-pair').filter({ hasText: 'Okonkwo' });
    await twins.getByLabel('What are you waiting for?').fill('x');
    await page.getByText('Say what you are waiting for (at least 3 characters).').waitFor();
    await twins.getByLabel('What are you waiting for?').fill('Birth certificates from the family');
    await twins.getByRole('button', { name: 'Defer this pair' }).click();
    await twins.waitFor({ state: 'detached' });
    await page.getByText('Deferred (1)').click();
    const aside = page.getByTestId('duplicate-pair').filter({ hasText: 'Okonkwo' });
    await aside.getByText('Deferred: Birth certificates from the family').waitFor();
    await j.shot('matching-deferred');
    await aside.getByRole('button', { name: 'Compare' }).click();
    await aside.getByRole('button', { name: 'Return to the queue' }).click();
    await page.getByText('No pairs are deferred.').waitFor();
    await page.getByText(/^All waiting \(2\)/).click();
    await page.getByTestId('duplicate-pair').filter({ hasText: 'Okonkwo' }).waitFor();
  });
});
