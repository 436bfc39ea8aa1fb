import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, TEST_PASSWORD, type TestUser, totpCode } from '../../test/auth.ts';
import { chartSteps } from '../../test/completion-steps.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let clerk: TestUser;
let resident: TestUser;
let attending: TestUser;
let patientId: string;
let encounterId: string;
let steps: ReturnType<typeof chartSteps>;

beforeAll(async () => {
  t = await buildTestApp();
  steps = chartSteps(t);
  clerk = await createTestUser(t, ['him_clerk']);
  resident = await createTestUser(t, ['physician']);
  attending = await createTestUser(t, ['physician'], { mfa: true });
  patientId = (await insertTestPatient(t)).id;
  encounterId = await steps.encounter(resident, patientId, resident.id, {
    class: 'inpatient',
    startsAt: '2026-02-27T08:00:00Z',
    dischargedAt: '2026-03-01T10:00:00Z',
    dischargeDisposition: 'home',
  });
  let version = 1;
  for (const status of ['arrived', 'in_progress', 'completed']) {
    version = (
      await steps.send(resident, 'POST', `/api/encounters/${encounterId}/status`, { status, version })
    ).json().version;
  }
});
afterAll(() => t.close());

const open = async () =>
  (await steps.send(clerk, 'GET', '/api/completion/deficiencies?limit=200'))
    .json()
    .items.filter((d: { encounterId: string }) => d.encounterId === encounterId) as {
    ruleId: string;
    itemKey: string;
    responsibleUserId: string;
    description: string;
  }[];
const sign = (id: string, user: TestUser, body: object) =>
  steps.send(user, 'POST', `/api/completion/notes/${id}/sign`, body);

describe('signatures', () => {
  it('discharge → missing summary; the author signs with attestation and the deficiencies close', async () => {
    expect((await open()).map((d) => d.ruleId)).toContain('discharge-summary');
    const noteId = await steps.note(resident, patientId, encounterId, 'discharge_summary');
    expect((await open()).map((d) => d.itemKey)).toContain(`note:${noteId}`);
    // The same deficiency now reads as an unsigned draft rather than a missing summary.
    expect((await open()).find((d) => d.ruleId === 'discharge-summary')?.description).toBe(
      'Discharge summary not signed',
    );

    const wrong = await sign(noteId, resident, { password: 'not my password at all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues[0].field).toBe('password');
    const none = await sign(noteId, resident, {});
    expect(none.statusCode).toBe(400);

    const res = await sign(noteId, resident, { password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      signed: true,
      signatures: [{ role: 'author', attestation: 'password' }],
    });
    expect(res.json().signatures[0].signerName).toContain(resident.username);
    const left = (await open()).map((d) => d.ruleId);
    expect(left).not.toContain('discharge-summary');
    expect(left).not.toContain('unsigned-note');
  });

  it("refuses signing someone else's note with 403 and audits it", async () => {
    const noteId = await steps.note(resident, patientId, encounterId);
    t.clock.advance(30_000);
    const res = await sign(noteId, attending, { mfaCode: await totpCode(t, attending.mfaSecret as string) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('NOT_NOTE_SIGNER');
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'action'])
      .where('resource_id', '=', noteId)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual([{ actor_user_id: attending.id, action: 'completion.note.sign' }]);
    const sigs = (await steps.send(resident, 'GET', `/api/completion/notes/${noteId}/signatures`)).json();
    expect(sigs.signatures).toEqual([]);
  });

  it('co-signature: the resident names the attending, who co-signs with an MFA code', async () => {
    const noteId = await steps.note(resident, patientId, encounterId);
    await sign(noteId, resident, { password: TEST_PASSWORD, cosignerUserId: attending.id });
    const pending = (await open()).find((d) => d.itemKey === `cosign:${noteId}`);
    expect(pending?.responsibleUserId).toBe(attending.id);
    t.clock.advance(30_000);
    const res = await sign(noteId, attending, { mfaCode: await totpCode(t, attending.mfaSecret as string) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ cosigned: true, cosignerUserId: attending.id });
    expect(res.json().signatures.map((s: { role: string }) => s.role)).toEqual(['author', 'cosigner']);
    expect((await open()).some((d) => d.itemKey === `cosign:${noteId}`)).toBe(false);
    const twice = await sign(noteId, resident, { password: TEST_PASSWORD });
    expect(twice.json().error.code).toBe('ALREADY_SIGNED');
  });

  it('signed content is immutable: edits are refused, addenda are linked and shown with the note', async () => {
    const noteId = await steps.note(resident, patientId, encounterId);
    await sign(noteId, resident, { password: TEST_PASSWORD });
    const entry = (await steps.send(resident, 'GET', `/api/chart-entries/${noteId}`)).json();
    expect(entry.data.status).toBe('final');
    const edit = await steps.send(resident, 'PUT', `/api/chart-entries/${noteId}`, {
      version: entry.version,
      reason: 'fix typo',
      data: { ...entry.data, text: 'Changed after signing.' },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('NOTE_FINAL');
    const add = await steps.send(resident, 'POST', `/api/completion/notes/${noteId}/addenda`, {
      text: 'Addendum: potassium repeated, normal.',
      password: TEST_PASSWORD,
    });
    expect(add.statusCode).toBe(200);
    expect(add.json().addenda).toMatchObject([
      {
        text: 'Addendum: potassium repeated, normal.',
        signature: { role: 'author', attestation: 'password' },
      },
    ]);
    const after = (await steps.send(resident, 'GET', `/api/chart-entries/${noteId}`)).json();
    expect(after.data.text).toBe(entry.data.text);
    const draft = await steps.note(resident, patientId, encounterId);
    const early = await steps.send(resident, 'POST', `/api/completion/notes/${draft}/addenda`, {
      text: 'x',
      password: TEST_PASSWORD,
    });
    expect(early.json().error.code).toBe('NOTE_NOT_SIGNED');
  });

  it('keeps clerks (no chart:sign) from signing', async () => {
    const noteId = await steps.note(resident, patientId, encounterId);
    expect((await sign(noteId, clerk, { password: TEST_PASSWORD })).statusCode).toBe(403);
  });
});
