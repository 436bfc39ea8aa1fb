import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { receiveMessage } from './receive.service.ts';

/** The interface's behaviour through its effects on the patient index, the chart and the monitor. */
let t: TestApp;
let him: TestUser;
let clerk: TestUser;
let physician: TestUser;

const msh = (type: string, id: string) =>
  `MSH|^~\\&|REG|NORTH|CK|HIM|20260302120000+0000||${type}|${id}|P|2.5.1`;
const pid = (mrn: string, extra = '') =>
  `PID|1||${mrn}^^^NORTH^MR||ZZHLSEVEN^ROBIN^J||19750412|F|||12 Elm St^^Springfield^IL^62701^USA||(217)555-0142${extra}`;
const pv1 = (visit: string, cls = 'I', discharge = '') =>
  `PV1|1|${cls}|W2^201^B||||||||||||||||${visit}^^^NORTH|||||||||||||||||||||||||20260302110000+0000|${discharge}`;
const send = (...segments: string[]) => receiveMessage(t.deps, segments.join('\r'), 'file');
const msa = (ack: string) => ack.split('\r')[1];
const get = (url: string, u: TestUser) => t.app.inject({ method: 'GET', url, headers: u.headers });

beforeAll(async () => {
  t = await buildTestApp();
  him = await createTestUser(t, ['him_clerk']);
  clerk = await createTestUser(t, ['registration_clerk']);
  physician = await createTestUser(t, ['physician']);
});
afterAll(() => t.close());

async function encountersOf(patientId: string) {
  const res = await get(`/api/patients/${patientId}/encounters`, him);
  return res.json().items as {
    id: string;
    status: string;
    dischargedAt: string | null;
    enteredInError: boolean;
  }[];
}

describe('ADT life cycle', () => {
  let patientId: string;
  it('A01 registers the patient and admits them (in progress)', async () => {
    const r = await send(msh('ADT^A01^ADT_A01', 'LC-1'), 'EVN|A01', pid('M100'), pv1('V100'));
    expect(msa(r.ack)).toBe('MSA|AA|LC-1');
    const detail = (await get(`/api/hl7v2/messages/${r.messageId}`, him)).json();
    patientId = detail.patientId;
    const p = (await get(`/api/patients/${patientId}`, him)).json();
    expect(p).toMatchObject({
      family: 'ZZHLSEVEN',
      given: 'ROBIN',
      birthDate: '1975-04-12',
      sexAtBirth: 'F',
    });
    expect(p.identifiers).toEqual([expect.objectContaining({ system: 'NORTH', value: 'M100' })]);
    expect(await encountersOf(patientId)).toEqual([expect.objectContaining({ status: 'in_progress' })]);
  });

  it('A08 changes only the fields sent, as a new version', async () => {
    const r = await send(msh('ADT^A08', 'LC-2'), `PID|1||M100^^^NORTH^MR|||||||||||||M`);
    expect(msa(r.ack)).toBe('MSA|AA|LC-2');
    const p = (await get(`/api/patients/${patientId}`, him)).json();
    expect({ family: p.family, maritalStatus: p.maritalStatus, version: p.version }).toEqual({
      family: 'ZZHLSEVEN',
      maritalStatus: 'married',
      version: 2,
    });
  });

  it('A03 discharges, A13 takes the discharge back, both kept in the history', async () => {
    const d = await send(msh('ADT^A03', 'LC-3'), pid('M100'), pv1('V100', 'I', '20260305100000+0000'));
    expect(msa(d.ack)).toBe('MSA|AA|LC-3');
    expect(await encountersOf(patientId)).toEqual([
      expect.objectContaining({ status: 'completed', dischargedAt: '2026-03-05T10:00:00.000Z' }),
    ]);
    const c = await send(msh('ADT^A13', 'LC-4'), pid('M100'), pv1('V100'));
    expect(msa(c.ack)).toBe('MSA|AA|LC-4');
    const [e] = await encountersOf(patientId);
    expect(e).toMatchObject({ status: 'in_progress', dischargedAt: null });
    const versions = (await get(`/api/encounters/${e!.id}/versions`, him)).json().items;
    expect(versions.length).toBeGreaterThanOrEqual(5);
  });

  it('A11 marks the admission entered-in-error with the reason, never deletes it', async () => {
    const r = await send(msh('ADT^A11', 'LC-5'), pid('M100'), pv1('V100'));
    expect(msa(r.ack)).toBe('MSA|AA|LC-5');
    expect(await encountersOf(patientId)).toEqual([expect.objectContaining({ enteredInError: true })]);
  });

  it('ORU^R01 files results on the visit named in PV1-19', async () => {
    await send(msh('ADT^A04', 'LC-6'), pid('M100'), pv1('V101', 'O'));
    const r = await send(
      msh('ORU^R01', 'LC-7'),
      pid('M100'),
      pv1('V101', 'O'),
      'OBR|1|||2345-7^Glucose^LN|||20260302120000+0000',
      'OBX|1|NM|2345-7^Glucose^LN||182|mg/dL|70-99|H|||F',
    );
    expect(msa(r.ack)).toBe('MSA|AA|LC-7');
    const res = (await get(`/api/patients/${patientId}/results`, him)).json();
    expect(res.items).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ code: '2345-7', value: 182, abnormalFlag: 'high' }),
      }),
    ]);
    expect(res.items[0].encounterId).toBeTruthy();
  });

  it('A40 merges the record known by MRG-1 into the one known by PID-3', async () => {
    await send(msh('ADT^A04', 'LC-8'), pid('M200'), pv1('V200', 'O'));
    const r = await send(msh('ADT^A40^ADT_A39', 'LC-9'), 'EVN|A40', pid('M100'), 'MRG|M200^^^NORTH^MR');
    expect(msa(r.ack)).toBe('MSA|AA|LC-9');
    const merged = await send(msh('ADT^A08', 'LC-10'), `PID|1||M200^^^NORTH^MR|||||||||||||S`);
    expect((await get(`/api/hl7v2/messages/${merged.messageId}`, him)).json().patientId).toBe(patientId);
  });
});

describe('bad input and resends', () => {
  it('does not apply a resend twice and answers it as before', async () => {
    const text = [msh('ADT^A04', 'DUP-1'), pid('M300'), pv1('V300', 'O')];
    const first = await send(...text);
    const again = await send(...text);
    expect(again).toMatchObject({ duplicate: true, messageId: first.messageId, ack: first.ack });
    const page = (await get('/api/hl7v2/messages?pageSize=200', him)).json();
    expect(page.items.find((m: { id: string }) => m.id === first.messageId).duplicates).toBe(1);
    const reused = await send(msh('ADT^A04', 'DUP-1'), pid('M301'), pv1('V301', 'O'));
    expect(reused.ack).toContain('MSA|AE|DUP-1');
    expect(reused.ack).toContain('ERR||MSH^1^10^1|205^');
  });

  it('answers AE naming the field and changes nothing when a required value is missing', async () => {
    const count = async () =>
      (
        await t.deps.db
          .selectFrom('patient')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const r = await send(msh('ADT^A01', 'BAD-1'), pid('M400').replace('|19750412|', '||'), pv1('V400'));
    expect(msa(r.ack)).toMatch(/^MSA\|AE\|BAD-1\|/);
    expect(r.ack).toContain('ERR||PID^1^7^1|101^Required field missing^HL70357|E');
    expect(await count()).toBe(before);
  });

  it('leaves nothing half-applied when a later step fails', async () => {
    const r = await send(msh('ADT^A03', 'BAD-2'), pid('M500'), pv1('V500', 'I', '20200101000000+0000'));
    expect(r.ack).toContain('MSA|AE|BAD-2');
    expect(r.ack).toContain('ERR||PV1^1^45^1|102^');
    const known = await send(msh('ADT^A08', 'BAD-3'), `PID|1||M500^^^NORTH^MR|||||||||||||S`);
    expect(known.ack).toContain('ERR||PID^1^7^1|101^');
  });

  it('rejects what is not HL7, unsupported types and bad headers with AR, keeping the raw text', async () => {
    const garbage = await receiveMessage(t.deps, '\u00ef\u00bb\u00bfnot a message at all', 'mllp');
    expect(msa(garbage.ack)).toMatch(/^MSA\|AR\|/);
    const unsupported = await send(msh('ADT^A02', 'AR-1'), pid('M600'));
    expect(unsupported.ack).toContain('MSA|AR|AR-1');
    expect(unsupported.ack).toContain('ERR||MSH^1^9^1|201^');
    const noId = await send(msh('ADT^A01', ''), pid('M600'));
    expect(noId.ack).toContain('ERR||MSH^1^10^1|101^');
    const raw = (await get(`/api/hl7v2/messages/${garbage.messageId}`, him)).json().raw;
    expect(raw).toContain('not a message at all');
  });

  it("files results without the visit when PV1-19 names another patient's visit", async () => {
    await send(msh('ADT^A04', 'MIS-1'), pid('M950'), pv1('V950', 'O'));
    const r = await send(
      msh('ORU^R01', 'MIS-2'),
      pid('M951').replace('ZZHLSEVEN^ROBIN', 'ZZOTHER^PAT'),
      pv1('V950', 'O'),
      'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL|70-99|N|||F|||20260302120000+0000',
    );
    expect(msa(r.ack)).toBe('MSA|AA|MIS-2');
    expect(r.ack).toContain('ERR||PV1^1^19^1|204^Unknown key identifier^HL70357|W|');
    const patientId = (await get(`/api/hl7v2/messages/${r.messageId}`, him)).json().patientId;
    const results = (await get(`/api/patients/${patientId}/results`, him)).json().items;
    expect(results).toEqual([expect.objectContaining({ encounterId: null })]);
  });

  it('accepts LF separators and a byte-order mark', async () => {
    const r = await receiveMessage(
      t.deps,
      `\uFEFF${[msh('ADT^A04', 'LF-1'), pid('M700'), pv1('V700', 'O')].join('\n')}\n`,
      'file',
    );
    expect(msa(r.ack)).toBe('MSA|AA|LF-1');
  });
});

describe('replay', () => {
  it('replays a rejected message once its cause is fixed, and never an accepted one', async () => {
    const early = await send(msh('ADT^A11', 'RP-1'), pid('M800'), pv1('V800'));
    expect(early.ack).toContain('ERR||PV1^1^19^1|204^');
    await send(msh('ADT^A01', 'RP-2'), pid('M800'), pv1('V800'));
    const replay = await t.app.inject({
      method: 'POST',
      url: `/api/hl7v2/messages/${early.messageId}/replay`,
      headers: him.headers,
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ outcome: 'AA' });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/hl7v2/messages/${early.messageId}/replay`,
      headers: him.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('HL7_ALREADY_APPLIED');
    const detail = (await get(`/api/hl7v2/messages/${early.messageId}`, him)).json();
    expect(detail.history.map((h: { outcome: string }) => h.outcome)).toEqual(['AE', 'AA']);
    expect(detail.history[1].attemptedBy).toBe(him.username);
  });
});

describe('who may see the interface', () => {
  it('refuses the monitor to roles without interface permissions, and audits', async () => {
    for (const u of [clerk, physician]) {
      expect((await get('/api/hl7v2/messages', u)).statusCode).toBe(403);
    }
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/hl7v2/messages',
      headers: clerk.headers,
      payload: { text: 'x' },
    });
    expect(replay.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_username', '=', clerk.username)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('audits interface work under the hl7v2 channel and each raw-text view', async () => {
    const r = await send(msh('ADT^A04', 'AU-1'), pid('M900'), pv1('V900', 'O'));
    await get(`/api/hl7v2/messages/${r.messageId}`, him);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'channel', 'actor_username'])
      .where('resource_id', '=', r.messageId)
      .execute();
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'hl7v2.message.receive', channel: 'hl7v2', actor_username: 'hl7v2-interface' },
        { action: 'hl7v2.message.read', channel: 'api', actor_username: him.username },
      ]),
    );
  });

  it('validates the list query and the submitted text', async () => {
    const bad = await get('/api/hl7v2/messages?outcome=XX&pageSize=0', him);
    expect(bad.statusCode).toBe(400);
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/hl7v2/messages',
      headers: him.headers,
      payload: { text: [msh('ADT^A04', 'MAN-1'), pid('M901'), pv1('V901', 'O')].join('\n') },
    });
    expect(submitted.json()).toMatchObject({ outcome: 'AA', duplicate: false });
  });
});
