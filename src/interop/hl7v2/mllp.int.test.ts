import net from 'node:net';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { frame, type MllpListener, startMllpListener } from './mllp.ts';

/** MLLP over a real TCP socket, with @medplum/hl7's client as an independent sender. */
let t: TestApp;
let listener: MllpListener;

const adt = (id: string, mrn: string) =>
  [
    `MSH|^~\\&|REG|EAST|CK|HIM|20260302120000+0000||ADT^A04|${id}|P|2.5.1`,
    `PID|1||${mrn}^^^EAST^MR||ZZMLLP^CASEY||19900101|U`,
    `PV1|1|O|CLINIC^1||||||||||||||||${mrn}V^^^EAST|||||||||||||||||||||||||20260302110000+0000`,
  ].join('\r');

beforeAll(async () => {
  t = await buildTestApp();
  listener = await startMllpListener(t.deps, 0, '127.0.0.1');
});
afterAll(async () => {
  await listener.close();
  await t.close();
});

/** Sends raw bytes and collects `count` framed answers. */
function exchange(bytes: Buffer[], count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(listener.port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    const answers: string[] = [];
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      let end = buf.indexOf(Buffer.from([0x1c, 0x0d]));
      while (end >= 0) {
        answers.push(buf.subarray(1, end).toString('utf8'));
        buf = buf.subarray(end + 2);
        end = buf.indexOf(Buffer.from([0x1c, 0x0d]));
      }
      if (answers.length >= count) {
        socket.end();
        resolve(answers);
      }
    });
    socket.on('error', reject);
    socket.on('connect', async () => {
      for (const b of bytes) {
        socket.write(b);
        await new Promise((r) => setTimeout(r, 20));
      }
    });
  });
}

describe('the MLLP listener', () => {
  it('answers an HL7 client with AA after storing the message', async () => {
    const client = new Hl7Client({ host: '127.0.0.1', port: listener.port });
    try {
      const ack = await client.sendAndWait(Hl7Message.parse(adt('MLLP-1', 'E100')), { timeoutMs: 20_000 });
      expect(ack.getSegment('MSA')?.getField(1)?.toString()).toBe('AA');
      expect(ack.getSegment('MSA')?.getField(2)?.toString()).toBe('MLLP-1');
    } finally {
      await client.close();
    }
    const row = await t.deps.db
      .selectFrom('hl7v2_message')
      .select(['source', 'outcome'])
      .where('control_id', '=', 'MLLP-1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'mllp', outcome: 'AA' });
  });

  it('answers every frame in order: two in one write, one split across writes, and a non-HL7 frame', async () => {
    const two = Buffer.concat([frame(adt('MLLP-2', 'E200')), frame(adt('MLLP-3', 'E300'))]);
    const split = frame(adt('MLLP-4', 'E400'));
    const answers = await exchange(
      [two, split.subarray(0, 30), split.subarray(30), frame('this is not HL7')],
      4,
    );
    expect(answers.map((a) => a.split('\r')[1]?.split('|').slice(0, 3).join('|'))).toEqual([
      'MSA|AA|MLLP-2',
      'MSA|AA|MLLP-3',
      'MSA|AA|MLLP-4',
      'MSA|AR|',
    ]);
  });

  it('answers a resend with the first ACK without applying it again', async () => {
    const [first, second] = await exchange([frame(adt('MLLP-5', 'E500')), frame(adt('MLLP-5', 'E500'))], 2);
    expect(second).toBe(first);
    const rows = await t.deps.db
      .selectFrom('hl7v2_message')
      .select('duplicates')
      .where('control_id', '=', 'MLLP-5')
      .execute();
    expect(rows).toEqual([{ duplicates: 1 }]);
  });
});

describe('with the server', () => {
  it('starts when the server listens on HL7_MLLP_PORT and stops when it closes', async () => {
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const s = await buildTestApp({ env: { HL7_MLLP_PORT: port } });
    try {
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      const client = new Hl7Client({ host: '127.0.0.1', port: Number(port) });
      const ack = await client.sendAndWait(Hl7Message.parse(adt('SRV-1', 'E600')), { timeoutMs: 20_000 });
      await client.close();
      expect(ack.getSegment('MSA')?.getField(1)?.toString()).toBe('AA');
    } finally {
      await s.close();
    }
    const refused = await new Promise<string>((resolve) => {
      const c = net.connect(Number(port), '127.0.0.1');
      c.on('connect', () => resolve('connected'));
      c.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
