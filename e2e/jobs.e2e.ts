import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODESET_IMPORT_JOB } from '../src/coding/import-job.service.ts';
import { NIGHTLY_JOB } from '../src/completeness/nightly.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import { TRAIN_MATCHER_JOB } from '../src/patients/matcher-admin.service.ts';
import { SCAN_JOB } from '../src/privacy/privacy.service.ts';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { waitForLatestJob } from '../test/jobs.ts';
import { type Journey, navLink, signInThroughForm, startJourney } from './browser.ts';

// Issue 12 item 5: the administrator's jobs screen over the one job queue.
let j: Journey;
let admin: TestUser;
beforeAll(async () => {
  j = await startJourney();
  admin = await createTestUser(j.t, ['administrator'], { mfa: true });
});
afterAll(() => j.close());

const rows = () => j.page.getByTestId('job-row');
/** How many jobs the server holds in these states (a scheduled scan may join the list at any time). */
const count = async (statuses?: ('queued' | 'completed' | 'cancelled')[]) =>
  (await j.t.deps.jobs.list(j.t.deps.db, { statuses, page: 1, pageSize: 1 })).total;
const plural = (n: number) => `${n} ${n === 1 ? 'job' : 'jobs'}`;
/** Toggles options of the State filter, then closes its list. */
async function toggleStates(...names: string[]) {
  // The field with its pills: once a state is picked, Mantine hides the bare input behind them.
  const field = j.page.getByRole('combobox', { name: 'State' });
  await j.page.locator('.mantine-MultiSelect-input', { has: field }).click();
  for (const n of names) await j.page.getByRole('option', { name: n, exact: true }).click();
  await j.page.keyboard.press('Escape');
}
const rowOf = (kind: string) => j.page.locator(`[data-testid="job-row"][data-kind="${kind}"]`);

describe('journey: the administrator follows, cancels and retries background jobs', () => {
  it('starts a code-set import and watches it finish on the jobs screen', async () => {
    const { page } = j;
    await signInThroughForm(j, admin);
    await navLink(page, 'Code sets').click();
    await page.getByRole('textbox', { name: 'Version (optional)' }).fill('FY2025');
    await page
      .locator('input[type="file"]')
      .setInputFiles(path.resolve('src/coding/sample/icd10cm-fy2026-sample.txt'));
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await navLink(page, 'Jobs').click();
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    // The job's own completion, then the screen (which refreshes itself while a job runs) shows it.
    expect((await waitForLatestJob(j.t, CODESET_IMPORT_JOB)).status).toBe('completed');
    const row = rowOf(CODESET_IMPORT_JOB).first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('completed');
    expect(await row.textContent()).toContain('Code-set import');
    expect(await row.textContent()).toContain('86 of 86 codes');
    expect(await row.textContent()).toContain(admin.username);
    await j.shot('jobs-import-finished');
  });

  it('pages through the jobs and filters them by queue and state', async () => {
    const { page } = j;
    // A busy queue: workers off, so the scans wait (the server's other jobs keep their places).
    await j.t.deps.jobs.stop();
    await j.t.deps.jobs.start(j.t.deps, { work: false });
    const ctx = cliContext(j.t.deps);
    // Three queues of seven: each queue has its own worker, so they drain side by side afterwards.
    for (let i = 1; i <= 7; i++) {
      await j.t.deps.jobs.enqueue(ctx, SCAN_JOB, {});
      await j.t.deps.jobs.enqueue(ctx, NIGHTLY_JOB, { runDate: `2026-02-0${i}` });
      await j.t.deps.jobs.enqueue(ctx, TRAIN_MATCHER_JOB, {});
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    const all = await count();
    expect(all).toBeGreaterThanOrEqual(22);
    await expect.poll(() => page.getByTestId('jobs-total').textContent()).toBe(plural(all));
    expect(await rows().count()).toBe(20);
    await page.getByTestId('jobs-live').waitFor();
    await page.getByRole('button', { name: '2', exact: true }).click();
    await expect.poll(() => rows().count()).toBe(all - 20);
    await j.shot('jobs-page-2');

    await toggleStates('completed');
    await expect
      .poll(() => page.getByTestId('jobs-total').textContent())
      .toBe(plural(await count(['completed'])));
    expect(await rowOf(CODESET_IMPORT_JOB).count()).toBe(1);
    await toggleStates('completed', 'queued');
    await expect.poll(() => page.getByTestId('jobs-total').textContent()).toBe(plural(21));
  });

  it('cancels a queued job after confirming, retries it, and sees it finish', async () => {
    const { page } = j;
    const row = rowOf(SCAN_JOB).first();
    expect(await row.getAttribute('data-status')).toBe('queued');
    await row.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this job?' });
    await dialog.waitFor();
    await j.shot('jobs-cancel-confirm');
    await dialog.getByRole('button', { name: 'Keep as it is' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await count(['cancelled'])).toBe(0);

    await row.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: 'Cancel job' }).click();
    await expect.poll(() => page.getByTestId('jobs-total').textContent()).toBe(plural(20));
    await toggleStates('queued', 'cancelled');
    await expect.poll(() => page.getByTestId('jobs-total').textContent()).toBe(plural(1));
    const cancelled = rowOf(SCAN_JOB).first();
    expect(await cancelled.getAttribute('data-status')).toBe('cancelled');
    await j.shot('jobs-cancelled');

    await cancelled.getByRole('button', { name: 'Retry' }).click();
    await page
      .getByRole('dialog', { name: 'Run this job again?' })
      .getByRole('button', { name: 'Retry job' })
      .click();
    await expect.poll(() => page.getByTestId('jobs-total').textContent()).toBe(plural(0));
    expect(await count(['queued'])).toBe(21);

    // Workers back: every waiting job runs, and the screen follows them to the end by itself.
    await j.t.deps.jobs.stop();
    await j.t.deps.jobs.start(j.t.deps);
    await toggleStates('cancelled');
    const waiting = await j.t.deps.jobs.list(j.t.deps.db, { page: 1, pageSize: 50 });
    for (const s of waiting.items) expect((await j.t.deps.jobs.waitFor(s.id)).status).toBe('completed');
    await expect.poll(() => page.getByTestId('jobs-live').count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('button', { name: '1', exact: true }).click();
    expect(await rowOf(SCAN_JOB).first().getAttribute('data-status')).toBe('completed');
    await j.shot('jobs-all-finished');
  });
});
