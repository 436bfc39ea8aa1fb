import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let roi: TestUser;
let roi2: TestUser;
let clerk: TestUser;
let privacy: TestUser;
let coder: TestUser;
let doctor: TestUser;

const form = {
  description: 'Discharge summaries and laboratory results from 2025',
  recordTypes: ['discharge-summary', 'lab-result'],
  dateFrom: '2025-01-01',
  dateTo: '2025-12-31',
  discloser: 'Riverside General Hospital',
  recipient: 'Acme Health Insurance',
  purpose: 'Life insurance underwriting',
  expiresOn: '2027-01-01',
  signed: true,
  signedOn: '2026-02-01',
  statesRightToRevoke: true,
  statesConditioning: true,
  statesRedisclosure: true,
};

/** The text drawn on a PDF's pages: inflates each content stream and decodes its hex text operands. */
function pdfText(raw: Buffer): string {
  let out = '';
  for (const m of raw.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let data: string;
    try {
      data = inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const h of data.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g))
      out += `${Buffer.from(h[1] ?? '', 'hex').toString('latin1')} `;
  }
  return out;
}

async function call(user: TestUser | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: user ? user.headers : {},
    ...(payload ? { payload: payload as object } : {}),
  });
  const json = res.headers['content-type']?.toString().includes('json') ? res.json() : undefined;
  return { status: res.statusCode, body: json, raw: res.rawPayload, type: res.headers['content-type'] };
}

/** A synthetic chart: a 2025 visit with a discharge summary, a Part 2 note, a result and an error entry. */
async function chart(patientId: string) {
  const enc = await call(clerk, 'POST', `/api/patients/${patientId}/encounters`, {
    class: 'inpatient',
    type: 'admission',
    startsAt: '2025-04-02T09:30:00Z',
    providerId: doctor.id,
    location: 'Ward 3',
    reason: 'pneumonia',
  });
  const note = async (noteType: string, title: string, text = 'Synthetic text for testing.') =>
    (
      await call(clerk, 'POST', `/api/patients/${patientId}/notes`, {
        kind: 'note',
        encounterId: enc.body.id,
        data: { noteType, title, text, status: 'final' },
      })
    ).body.id as string;
  const summary = await note(
    'discharge_summary',
    'Discharge summary',
    'Treated for pneumonia. Sister Jane Roe visited.',
  );
  const part2 = await note('discharge_summary', 'Addiction service discharge');
  const progress = await note('progress_note', 'Day 2 progress');
  const wrong = await note('discharge_summary', 'Filed on wrong patient');
  await call(clerk, 'POST', `/api/chart-entries/${part2}/labels`, {
    label: 'substance_use_part2',
    reason: 'Part 2 programme',
  });
  await call(clerk, 'POST', `/api/chart-entries/${wrong}/entered-in-error`, {
    version: 1,
    reason: 'Wrong patient',
  });
  const result = (
    await call(clerk, 'POST', `/api/patients/${patientId}/results`, {
      kind: 'result',
      data: {
        code: '2345-7',
        name: 'Glucose',
        value: 5.4,
        units: 'mmol/L',
        status: 'final',
        performedAt: '2025-04-03T08:00:00Z',
      },
    })
  ).body.id as string;
  return { encounterId: enc.body.id as string, summary, part2, progress, wrong, result };
}

async function toRetrieval(
  patientId: string,
  over: Record<string, unknown> = {},
  auth: Record<string, unknown> | null = form,
) {
  const r = await call(roi, 'POST', '/api/disclosure/requests', {
    patientId,
    requesterType: 'payer',
    requesterName: 'Acme Health Insurance',
    requesterAddress: '1 Insurance Plaza, Hartford CT 06103',
    purpose: 'insurance-underwriting',
    scope: { recordTypes: ['discharge-summary', 'lab-result'], dateFrom: '2025-01-01', dateTo: '2025-12-31' },
    deliveryMethod: 'secure-link',
    receivedOn: '2026-03-01',
    ...over,
  });
  expect(r.status).toBe(201);
  await call(roi, 'POST', `/api/disclosure/requests/${r.body.id}/verify-identity`, {
    method: 'Letterhead, called back',
    version: r.body.version,
  });
  if (auth) await call(roi, 'POST', `/api/disclosure/requests/${r.body.id}/authorization`, auth);
  const check = await call(roi, 'POST', `/api/disclosure/requests/${r.body.id}/check`);
  return { id: r.body.id as string, check: check.body };
}

const current = async (id: string) => (await call(roi, 'GET', `/api/disclosure/requests/${id}`)).body;
const release = async (id: string) =>
  call(roi, 'POST', `/api/disclosure/requests/${id}/release`, { version: (await current(id)).version });

beforeAll(async () => {
  t = await buildTestApp();
  [roi, roi2, clerk, privacy, coder, doctor] = await Promise.all([
    createTestUser(t, ['roi_specialist']),
    createTestUser(t, ['roi_specialist']),
    createTestUser(t, ['him_clerk']),
    createTestUser(t, ['privacy_officer']),
    createTestUser(t, ['coder']),
    createTestUser(t, ['physician']),
  ]);
});
afterAll(() => t.close());

describe('packet assembly', () => {
  it('takes only what was asked, withholds Part 2 and entered-in-error entries with reasons, and renders a stamped PDF', async () => {
    const p = await insertTestPatient(t);
    const c = await chart(p.id);
    const req = await toRetrieval(p.id);
    expect(req.check.passed).toBe(true);
    const built = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet`, {
      redactions: ['Jane Roe'],
    });
    expect(built.status).toBe(200);
    const packet = built.body.packet;
    expect(packet.manifest.map((i: { id: string }) => i.id).sort()).toEqual([c.summary, c.result].sort());
    expect(packet.withheld.map((w: { id: string; rule: string }) => [w.id, w.rule])).toEqual(
      expect.arrayContaining([
        [c.part2, '42 CFR 2.31'],
        [c.wrong, 'record integrity'],
      ]),
    );
    expect(packet.manifest.some((i: { id: string }) => i.id === c.progress)).toBe(false);
    expect(packet.fees.lines[0].item).toBe('Search and retrieval');
    expect(packet.qa.status).toBe('not-required');

    const pdf = await call(roi, 'GET', `/api/disclosure/requests/${req.id}/packet/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const doc = await PDFDocument.load(pdf.raw);
    expect(doc.getPageCount()).toBe(packet.pageCount);
    // Cover, contents, then one page per item: the manifest records where each starts.
    expect(packet.manifest.map((i: { firstPage: number }) => i.firstPage)).toEqual([3, 4]);
    // Redacted words are never written into the file; every page carries the notice and its number.
    const text = pdfText(Buffer.from(pdf.raw));
    expect(text).toContain('Treated for pneumonia.');
    expect(text).not.toContain('Jane Roe');
    expect(text).toContain('Sister');
    expect(text.match(/CONFIDENTIAL/g)?.length).toBe(packet.pageCount);
    const requestNo = (await current(req.id)).requestNo;
    expect(text).toContain(`${requestNo} page ${packet.pageCount}`);
    expect(text).toContain('Table of contents');

    const rel = await release(req.id);
    expect(rel.status).toBe(200);
    const rec = await t.deps.db
      .selectFrom('disclosure_record')
      .selectAll()
      .where('request_id', '=', req.id)
      .executeTakeFirstOrThrow();
    expect(rec.description).toContain('2 items');
    const built2 = await t.deps.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'disclosure.packet.build')
      .execute();
    expect(built2[0]?.details).toMatchObject({ included: 2, withheld: 2 });
  });

  it('releases Part 2 entries when the consent names them, with the 42 CFR 2.32 notice, and amendments travel', async () => {
    const p = await insertTestPatient(t);
    const c = await chart(p.id);
    const am = await call(clerk, 'POST', `/api/patients/${p.id}/amendments`, {
      entryIds: [c.summary],
      request: 'The summary names the wrong pharmacy.',
      receivedOn: '2026-03-01',
      authorUserId: doctor.id,
    });
    expect(am.status).toBe(201);
    const decided = await call(doctor, 'POST', `/api/completion/amendments/${am.body.id}/decision`, {
      decision: 'accept',
      amendmentText: 'Pharmacy corrected to Synthetic Drugstore.',
      notifyParties: [],
    });
    expect(decided.status).toBe(200);
    const req = await toRetrieval(p.id, {}, { ...form, sensitiveCategories: ['substance_use_part2'] });
    const packet = (await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet`, {})).body.packet;
    expect(packet.manifest.map((i: { id: string }) => i.id)).toContain(c.part2);
    const text = pdfText(
      Buffer.from((await call(roi, 'GET', `/api/disclosure/requests/${req.id}/packet/pdf`)).raw),
    );
    expect(text).toContain('Pharmacy corrected to Synthetic Drugstore.');
    expect(text).toContain('42 CFR part 2 prohibits');
  });

  it('refuses to build before the check passes and refuses release without a packet', async () => {
    const p = await insertTestPatient(t);
    const blocked = await toRetrieval(p.id, {}, { ...form, signed: false, signedOn: null });
    const b = await call(roi, 'POST', `/api/disclosure/requests/${blocked.id}/packet`, {});
    expect(b.status).toBe(409);
    expect(b.body.error.code).toBe('PACKET_NOT_READY');
    const ok = await toRetrieval(p.id);
    const r = await release(ok.id);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('PACKET_REQUIRED');
    expect((await call(coder, 'POST', `/api/disclosure/requests/${ok.id}/packet`, {})).status).toBe(403);
  });

  it('withholds psychotherapy notes from the right of access and sends the letter to the confidential address', async () => {
    const p = await insertTestPatient(t);
    const c = await chart(p.id);
    await call(clerk, 'POST', `/api/chart-entries/${c.summary}/labels`, {
      label: 'psychotherapy',
      reason: 'Psychotherapy notes',
    });
    const pref = await call(roi, 'POST', `/api/patients/${p.id}/disclosure-preferences`, {
      kind: 'confidential-communication',
      description: 'Send mail only to my work address',
      alternateAddress: 'PO Box 77, Springfield IL 62701',
    });
    expect(pref.status).toBe(200);
    const req = await toRetrieval(
      p.id,
      {
        requesterType: 'patient',
        requesterName: 'The patient',
        purpose: 'right-of-access',
        deliveryMethod: 'mail',
      },
      null,
    );
    const packet = (await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet`, {})).body.packet;
    expect(packet.mailTo).toBe('PO Box 77, Springfield IL 62701');
    expect(packet.withheld.find((w: { id: string }) => w.id === c.summary).rule).toBe('164.524(a)(1)(i)');
    expect(packet.manifest.map((i: { id: string }) => i.id)).toContain(c.part2);
    expect(packet.fees.lines[0].item).toContain('Copying labour');
    expect((await release(req.id)).status).toBe(200);
    const mail = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/delivery`, { method: 'mail' });
    expect(mail.body).toMatchObject({
      method: 'mail',
      mailedTo: 'PO Box 77, Springfield IL 62701',
      token: null,
    });
    const invoice = await call(roi, 'GET', `/api/disclosure/requests/${req.id}/invoice/pdf`);
    expect(invoice.type).toBe('application/pdf');
  });

  it('honours a restriction the patient asked for on disclosures to a health plan (164.522(a))', async () => {
    const p = await insertTestPatient(t);
    const c = await chart(p.id);
    const bad = await call(roi, 'POST', `/api/patients/${p.id}/disclosure-preferences`, {
      kind: 'confidential-communication',
      description: 'x',
    });
    expect(bad.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'description',
      'alternateAddress',
    ]);
    await call(roi, 'POST', `/api/patients/${p.id}/disclosure-preferences`, {
      kind: 'restriction',
      description: 'Paid in full out of pocket; do not tell my insurer',
      requesterTypes: ['payer'],
      encounterIds: [c.encounterId],
    });
    const req = await toRetrieval(p.id);
    const packet = (await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet`, {})).body.packet;
    expect(packet.manifest.map((i: { id: string }) => i.id)).toEqual([c.result]);
    expect(packet.withheld.find((w: { id: string }) => w.id === c.summary).rule).toBe('45 CFR 164.522(a)');
  });
});

describe('quality review', () => {
  it('needs a second person when configured; the builder cannot approve their own packet', async () => {
    expect(
      (
        await call(roi, 'PUT', '/api/disclosure/settings', {
          qaRequired: true,
          linkDays: 7,
          linkMaxDownloads: 2,
          facilityName: 'Riverside General',
        })
      ).status,
    ).toBe(403);
    const s = await call(privacy, 'PUT', '/api/disclosure/settings', {
      qaRequired: true,
      linkDays: 7,
      linkMaxDownloads: 2,
      facilityName: 'Riverside General',
    });
    expect(s.body.qaRequired).toBe(true);
    try {
      const p = await insertTestPatient(t);
      await chart(p.id);
      const req = await toRetrieval(p.id);
      await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet`, {});
      expect((await current(req.id)).status).toBe('quality-review');
      expect((await release(req.id)).body.error.code).toBe('QA_REQUIRED');
      const self = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet/review`, {
        decision: 'approve',
      });
      expect(self.status).toBe(403);
      expect(self.body.error.code).toBe('QA_SAME_PERSON');
      const reject = await call(roi2, 'POST', `/api/disclosure/requests/${req.id}/packet/review`, {
        decision: 'reject',
        note: 'Wrong date range',
      });
      expect(reject.body.packet.qa.status).toBe('rejected');
      expect((await current(req.id)).status).toBe('retrieval');
      await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet`, {});
      const ok = await call(roi2, 'POST', `/api/disclosure/requests/${req.id}/packet/review`, {
        decision: 'approve',
      });
      expect(ok.body.packet).toMatchObject({ buildNo: 2, qa: { status: 'approved' } });
      expect((await release(req.id)).status).toBe(200);
    } finally {
      await call(privacy, 'PUT', '/api/disclosure/settings', {
        qaRequired: false,
        linkDays: 7,
        linkMaxDownloads: 2,
        facilityName: 'Riverside General',
      });
    }
  });
});

describe('secure link delivery', () => {
  it('counts downloads, needs the one-time code, and refuses expired, used-up and unknown links (audited)', async () => {
    const p = await insertTestPatient(t);
    await chart(p.id);
    const req = await toRetrieval(p.id);
    await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet`, {});
    expect(
      (await call(roi, 'POST', `/api/disclosure/requests/${req.id}/delivery`, { method: 'secure-link' })).body
        .error.code,
    ).toBe('NOT_RELEASED');
    await release(req.id);
    const bad = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/delivery`, {
      method: 'secure-link',
      expiresInDays: 0,
      maxDownloads: 99,
    });
    expect(bad.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'expiresInDays',
      'maxDownloads',
    ]);
    const link = (
      await call(roi, 'POST', `/api/disclosure/requests/${req.id}/delivery`, {
        method: 'secure-link',
        maxDownloads: 2,
        oneTimeCode: true,
      })
    ).body;
    expect(link.url).toContain(`/records/download#${link.token}`);
    expect(link.code).toMatch(/^\d{6}$/);
    const stored = await t.deps.db
      .selectFrom('disclosure_delivery')
      .selectAll()
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(link.token);

    const dl = (code?: string, token = link.token) =>
      call(null, 'POST', '/api/disclosure/download', { token, ...(code ? { code } : {}) });
    expect((await dl()).body.error.code).toBe('LINK_CODE_WRONG');
    expect((await dl('000000' === link.code ? '111111' : '000000')).status).toBe(403);
    const first = await dl(link.code);
    expect(first.status).toBe(200);
    expect(first.type).toBe('application/pdf');
    expect((await dl(link.code)).status).toBe(200);
    const third = await dl(link.code);
    expect(third.status).toBe(410);
    expect(third.body.error.code).toBe('LINK_USED_UP');
    expect((await dl(undefined, 'x'.repeat(43))).body.error.code).toBe('LINK_NOT_FOUND');

    const other = (
      await call(roi, 'POST', `/api/disclosure/requests/${req.id}/delivery`, {
        method: 'secure-link',
        expiresInDays: 1,
      })
    ).body;
    t.clock.advance(2 * 86_400_000);
    const late = await dl(undefined, other.token);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('LINK_EXPIRED');
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['outcome', 'details'])
      .where('action', '=', 'disclosure.download')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.outcome)).toEqual([
      'denied',
      'denied',
      'success',
      'success',
      'denied',
      'denied',
      'denied',
    ]);
    const view = (await call(roi, 'GET', `/api/disclosure/requests/${req.id}/packet`)).body.packet;
    expect(view.deliveries[0]).toMatchObject({ downloads: 2, maxDownloads: 2, oneTimeCode: true });
  });
});

describe('accounting and access reports', () => {
  it('tracks accounting requests (60 days, first free in 12 months), prints the letter and reports who accessed the record', async () => {
    const p = await insertTestPatient(t);
    const first = await call(roi, 'POST', `/api/patients/${p.id}/accounting-requests`, {
      receivedOn: '2026-03-01',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ dueOn: '2026-04-30', free: true, fee: 0, periodFrom: '2020-03-01' });
    const second = await call(roi, 'POST', `/api/patients/${p.id}/accounting-requests`, {
      receivedOn: '2026-03-02',
    });
    expect(second.body).toMatchObject({ free: false, fee: 10 });
    const future = await call(roi, 'POST', `/api/patients/${p.id}/accounting-requests`, {
      receivedOn: '2027-01-01',
      periodFrom: '2027-02-01',
    });
    expect(future.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'receivedOn',
      'periodFrom',
    ]);
    const letter = await call(
      roi,
      'GET',
      `/api/patients/${p.id}/disclosures/letter?requestId=${first.body.id}`,
    );
    expect(letter.type).toBe('application/pdf');
    const list = (await call(roi, 'GET', `/api/patients/${p.id}/accounting-requests`)).body.items;
    expect(list.find((r: { id: string }) => r.id === first.body.id).fulfilledOn).toBe(
      t.clock.now().toISOString().slice(0, 10),
    );

    await call(doctor, 'GET', `/api/patients/${p.id}/chart`);
    const report = await call(privacy, 'GET', `/api/patients/${p.id}/access-report?pageSize=100`);
    expect(report.status).toBe(200);
    expect(
      report.body.items.some(
        (i: { user: string; action: string }) =>
          i.action === 'chart.summary.read' && i.user === `Test ${doctor.username}`,
      ),
    ).toBe(true);
    expect((await call(coder, 'GET', `/api/patients/${p.id}/access-report`)).status).toBe(403);
  });
});
