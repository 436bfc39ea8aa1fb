import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import type { AppDeps } from '../../kernel/context.ts';
import { receiveMessage } from './receive.service.ts';

/**
 * Issue 8, done when: every HL7 sample in shared/data/hl7v2 of a supported type is answered AA. Each
 * sample runs in a transaction that is rolled back, so each meets the same empty index (the samples reuse
 * control ids such as MSG00001 across files, which one live sender must not do).
 */
const local = fileURLToPath(
  new URL('../../../../shared/data/hl7v2/microsoft-fhir-converter-samples/', import.meta.url),
);
const DIR = existsSync(local) ? local : '/work/shared/data/hl7v2/microsoft-fhir-converter-samples/';
const read = (f: string) => readFileSync(`${DIR}${f}`, 'utf8');
const typeOf = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split(/[\r\n]/)[0]!
    .split('|')[8]!
    .split('^')
    .slice(0, 2)
    .join('^');
/** Another control id, for a prerequisite message sent before the sample itself. */
const asSetup = (text: string, id: string) =>
  text.replace(/^(\uFEFF?MSH(?:\|[^|\r\n]*){8}\|)[^|\r\n]*/, `$1${id}`);

const SUPPORTED = new Set([
  'ADT^A01',
  'ADT^A04',
  'ADT^A08',
  'ADT^A03',
  'ADT^A11',
  'ADT^A13',
  'ADT^A40',
  'ORU^R01',
]);

/** A04 registrations of the identifiers the A40 samples merge (survivor PID-3 and prior MRG-1). */
const register = (id: string, n: string) =>
  `MSH|^~\\&|Ntierprise|Ntierprise Clinic|CK|HIM|20190423150000||ADT^A04|SETUP-${n}|P|2.5.1\rPID|1||${id}^^^BCBS^MR||Test^Test^A||20180205|F`;
const SETUP: Record<string, string[]> = {
  'ADT^A11': [asSetup(read('ADT-A01-01.hl7'), 'SETUP-A01')],
  'ADT^A13': [asSetup(read('ADT-A03-01.hl7'), 'SETUP-A03')],
  'ADT^A40': [register('12345', '1'), register('56789', '2'), register('145', '3'), register('569', '4')],
};

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

class Rollback extends Error {}

/** Sends the setup messages and the sample inside one rolled-back transaction; returns the sample's ACK. */
async function isolated(sample: string, setup: string[]): Promise<string> {
  let ack = '';
  await t.deps.db
    .transaction()
    .execute(async (trx) => {
      const deps: AppDeps = { ...t.deps, db: trx as unknown as AppDeps['db'] };
      for (const s of setup) {
        const r = await receiveMessage(deps, s, 'file');
        expect(r.ack.split('\r')[1], 'setup message').toMatch(/^MSA\|AA\|/);
      }
      ack = (await receiveMessage(deps, sample, 'file')).ack;
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return ack;
}

describe('the shared HL7 v2 samples', () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.hl7'))
    .sort();
  const supported = files.filter((f) => SUPPORTED.has(typeOf(read(f))));

  it('covers every supported trigger event', () => {
    expect(new Set(supported.map((f) => typeOf(read(f))))).toEqual(SUPPORTED);
  });

  it.each(supported)('answers %s with AA', async (file) => {
    const text = read(file);
    const ack = await isolated(text, SETUP[typeOf(text)] ?? []);
    const [msh, msa, ...errs] = ack.split('\r');
    expect(msh).toMatch(/^MSH\|\^~\\&\|CHARTKEEPER\|/);
    expect(msa, errs.join('\n')).toMatch(/^MSA\|AA\|/);
    for (const e of errs) expect(e).toMatch(/^ERR\|\|[^|]*\|\d{3}\^[^|]*\|W\|/);
  });

  it.each(files.filter((f) => !SUPPORTED.has(typeOf(read(f)))))(
    'rejects %s as unsupported (AR)',
    async (file) => {
      const ack = await isolated(read(file), []);
      expect(ack.split('\r')[1]).toMatch(/^MSA\|AR\|/);
      expect(ack.split('\r')[2]).toMatch(/^ERR\|\|MSH\^1\^9\^1\|20[01]\^/);
    },
  );
});
