import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { insertTestPatient } from '../../../test/factories.ts';

// Issue 12 item 1: the coding screen must hold the chart's sensitivity labels like every other chart read
// (docs/disclosure.md). The coder role is in no entry-label list (src/access/patient-access.ts), so a
// labelled note, stated diagnosis or document is withheld: listed with a marker, its content left out
// (minimum necessary, 45 CFR 164.502(b)), so the coder knows to route the encounter to someone cleared.

let t: TestApp;
let coder: TestUser;
let doctor: TestUser;
let clerk: TestUser;
let patientId: string;

const send = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

async function completedVisit(): Promise<string> {
  const res = await send(doctor, 'POST', `/api/patients/${patientId}/encounters`, {
    class: 'appointment',
    type: 'follow-up',
    startsAt: '2026-02-10T09:30:00Z',
    providerId: doctor.id,
    location: 'North Clinic',
    reason: 'review',
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  let version = 1;
  for (const status of ['arrived', 'in_progress', 'completed']) {
    const r = await send(doctor, 'POST', `/api/encounters/${id}/status`, { status, version });
    version = r.json().version;
  }
  return id;
}

async function entry(encounterId: string, kind: string, data: object): Promise<string> {
  const collection = kind === 'note' ? 'notes' : 'diagnoses';
  const res = await send(doctor, 'POST', `/api/patients/${patientId}/${collection}`, {
    kind,
    encounterId,
    data,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function label(what: 'chart-entries' | 'documents', id: string, name: string) {
  const res = await send(clerk, 'POST', `/api/${what}/${id}/labels`, { label: name, reason: 'policy' });
  expect(res.statusCode).toBe(200);
}

beforeAll(async () => {
  t = await buildTestApp();
  coder = await createTestUser(t, ['coder']);
  doctor = await createTestUser(t, ['physician']);
  clerk = await createTestUser(t, ['him_clerk']);
  patientId = (await insertTestPatient(t)).id;
});
afterAll(() => t.close());

describe('coding screen and sensitivity labels', () => {
  it('withholds the text of psychotherapy, HIV and Part 2 items from a coder, with a marker', async () => {
    const enc = await completedVisit();
    const plain = await entry(enc, 'note', {
      noteType: 'progress_note',
      title: 'Visit',
      text: 'Type 2 diabetes reviewed.',
      status: 'final',
    });
    const psy = await entry(enc, 'note', {
      noteType: 'progress_note',
      title: 'Session SECRET-TITLE',
      text: 'PSYCHOTHERAPY-SECRET-TEXT',
      status: 'final',
    });
    const sud = await entry(enc, 'note', {
      noteType: 'progress_note',
      title: 'Counselling',
      text: 'PART2-SECRET-TEXT',
      status: 'final',
    });
    const hiv = await entry(enc, 'diagnosis', {
      description: 'HIV-SECRET-DX',
      provisionalCode: 'B20',
      primary: true,
    });
    await label('chart-entries', psy, 'psychotherapy');
    await label('chart-entries', sud, 'substance_use_part2');
    await label('chart-entries', hiv, 'hiv_sti');

    const res = await send(coder, 'GET', `/api/coding/encounters/${enc}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const raw = JSON.stringify(body);
    for (const secret of ['PSYCHOTHERAPY-SECRET', 'PART2-SECRET', 'SECRET-TITLE', 'HIV-SECRET', 'B20'])
      expect(raw).not.toContain(secret);
    expect(body.notes.find((n: { id: string }) => n.id === plain)).toMatchObject({
      text: 'Type 2 diabetes reviewed.',
    });
    expect(body.notes.find((n: { id: string }) => n.id === plain).withheld).toBeUndefined();
    for (const id of [psy, sud])
      expect(body.notes.find((n: { id: string }) => n.id === id)).toMatchObject({
        withheld: true,
        text: '',
        title: '',
      });
    expect(body.stated.find((s: { id: string }) => s.id === hiv)).toMatchObject({
      withheld: true,
      description: '',
      code: null,
    });
  });

  it('withholds the title of a labelled document from a coder', async () => {
    const enc = await completedVisit();
    const boundary = 'cklabels42';
    const fields: Record<string, string> = {
      documentType: 'lab_report',
      serviceDate: '2026-02-10',
      title: 'GENETIC-SECRET-REPORT',
      encounterId: enc,
    };
    const parts = Object.entries(fields).map(([k, v]) =>
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="scan"\r\ncontent-type: application/pdf\r\n\r\n`,
      ),
      Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/documents`,
      payload: Buffer.concat(parts),
      headers: { ...clerk.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect([200, 201]).toContain(up.statusCode);
    const docId = up.json().id as string;
    await label('documents', docId, 'genetic');
    const body = (await send(coder, 'GET', `/api/coding/encounters/${enc}`)).json();
    expect(JSON.stringify(body)).not.toContain('GENETIC-SECRET');
    expect(body.documents.find((d: { id: string }) => d.id === docId)).toMatchObject({ withheld: true });
  });
});
