import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveMessage } from '../src/interop/hl7v2/index.ts';
import { createTestUser, type TestUser } from '../test/auth.ts';
import { type Journey, signInThroughForm, startJourney } from './browser.ts';

/** Journey: an HIM clerk watches the HL7 v2 feed, reads why a message failed, and replays it. */
let j: Journey;
let him: TestUser;

const msh = (type: string, id: string) =>
  `MSH|^~\\&|REG|NORTH|CK|HIM|20260302120000+0000||${type}|${id}|P|2.5.1`;
const pid = 'PID|1||J100^^^NORTH^MR||ZZJOURNEY^SAM||19800101|M';
const pv1 = 'PV1|1|I|W3^301^A||||||||||||||||JV100^^^NORTH|||||||||||||||||||||||||20260302110000+0000';
const feed = (...segments: string[]) => receiveMessage(j.t.deps, segments.join('\r'), 'mllp');

beforeAll(async () => {
  j = await startJourney();
  him = await createTestUser(j.t, ['him_clerk'], { mfa: true });
  await feed(
    msh('ADT^A04^ADT_A01', 'J-1'),
    'PID|1||J200^^^NORTH^MR||ZZJOURNEY^ALEX||19700101|F',
    'PV1|1|O|CLINIC',
  );
  await feed(msh('ADT^A11^ADT_A09', 'J-2'), pid, pv1);
  await feed('this line is not an HL7 message');
});
afterAll(() => j.close());

describe('journey: monitor the HL7 v2 interface and replay a failed message', () => {
  it('shows what arrived and how each message was answered', async () => {
    const { page } = j;
    await signInThroughForm(j, him);
    await page.getByRole('link', { name: 'HL7 interface' }).click();
    await page.getByRole('heading', { name: 'HL7 v2 interface' }).waitFor();
    await page.getByTestId('hl7-message-row').nth(2).waitFor();
    expect(await page.getByTestId('hl7-message-row').count()).toBe(3);
    await j.shot('hl7-monitor');
  });

  it('filters the errors and opens one to read why it failed', async () => {
    const { page } = j;
    await page.getByText('Errors', { exact: true }).click();
    await page.getByRole('link', { name: /ADT\^A11/ }).click();
    await page.getByText('Why it was not applied').waitFor();
    expect(await page.getByTestId('hl7-raw').textContent()).toContain('PV1|1|I|W3^301^A');
    await page
      .getByText(/PV1-19: no visit with this number was received/)
      .first()
      .waitFor();
    await j.shot('hl7-message-error');
  });

  it('replays it once the admission it cancels has arrived', async () => {
    const { page } = j;
    await feed(msh('ADT^A01^ADT_A01', 'J-3'), pid, pv1);
    await page.getByRole('button', { name: 'Replay this message' }).click();
    await page.getByTestId('hl7-replay-result').waitFor();
    expect(await page.getByTestId('hl7-replay-result').textContent()).toContain('Replay answered AA');
    await page.getByRole('link', { name: "Open the patient's chart" }).waitFor();
    await j.shot('hl7-message-replayed');
  });

  it('sends a message by hand, checking it as the clerk types', async () => {
    const { page } = j;
    await page.getByRole('link', { name: '← All messages' }).click();
    const box = page.getByLabel('HL7 v2 message');
    await box.fill('PID|1||X');
    await page.getByText(/starts with its MSH segment/).waitFor();
    await box.fill([msh('ADT^A08', 'J-4'), 'PID|1||J200^^^NORTH^MR|||||||||||||S'].join('\n'));
    await page.getByRole('button', { name: 'Send and show the ACK' }).click();
    await page.getByTestId('hl7-submit-ack').waitFor();
    expect(await page.getByTestId('hl7-submit-ack').textContent()).toContain('MSA|AA|J-4');
    await j.shot('hl7-monitor-sent-by-hand');
  });
});
