import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { ssnHashes } from '../patients/patient-mapper.ts';
import { FieldCipher, keyId } from './crypto.ts';

/** Issue 22: one identifier key per database; a process with another key stops before writing. */
const BIN = path.resolve('bin/chartkeeper.mjs');
const tmp = (p: string) => mkdtempSync(path.join(os.tmpdir(), p));

function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('key gate over one DATABASE_URL', () => {
  let db: TestDatabase;
  const dirA = tmp('ck-key-a-');
  const dirB = tmp('ck-key-b-');
  const patients = async () =>
    Number(
      (
        await db.db
          .selectFrom('patient')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('records the key at the first migrate and refuses a command holding another key', {
    timeout: 180_000,
  }, async () => {
    const env = { DATABASE_URL: db.url };
    const first = cli(['demo', 'seed', '--patients', '5'], { ...env, CHARTKEEPER_DATA_DIR: dirA });
    expect(first.code, first.stderr).toBe(0);
    const stored = await db.db.selectFrom('kernel_key').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.status).toBe('current');
    expect(existsSync(path.join(dirA, 'secret.key'))).toBe(true);
    const before = await patients();
    expect(before).toBe(5);

    const other = cli(['demo', 'seed', '--patients', '5'], { ...env, CHARTKEEPER_DATA_DIR: dirB });
    expect(other.code).toBe(1);
    const line = other.stderr.trim();
    expect(line).toContain(`this database was written with key ${stored[0]?.kid}`);
    expect(line).toContain(path.join(dirB, 'secret.key'));
    expect(line).toContain('nothing was written');
    expect(line.split('\n')).toHaveLength(1);
    // No fresh key where the database already has one, and no row written.
    expect(existsSync(path.join(dirB, 'secret.key'))).toBe(false);
    expect(await patients()).toBe(before);

    const status = cli(['db', 'status'], { ...env, CHARTKEEPER_DATA_DIR: dirA });
    expect(status.stdout).toContain(`key:        ${stored[0]?.kid}`);
  });

  it('does not start the server with a wrong CHARTKEEPER_KEY, and says why', { timeout: 120_000 }, () => {
    const wrong = randomBytes(32);
    const r = cli(['serve'], {
      DATABASE_URL: db.url,
      CHARTKEEPER_DATA_DIR: dirA,
      CHARTKEEPER_KEY: wrong.toString('base64'),
      PORT: '0',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the identifier key from CHARTKEEPER_KEY holds key ${keyId(wrong)}`);
  });
});

describe('keys check and keys adopt on a database with rows under two keys', () => {
  let t: TestApp;
  let clerk: TestUser;
  const strayKey = randomBytes(32);
  const strayFile = path.join(tmp('ck-key-stray-'), 'secret.key');
  const SSN = '219-09-9999';
  let kept: string;
  let planted: string;
  const env = () => ({ DATABASE_URL: t.database.url, CHARTKEEPER_DATA_DIR: t.deps.config.dataDir });
  const register = async (given: string, phone: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: clerk.headers,
      payload: {
        family: 'Quennell',
        given,
        birthDate: '1958-02-03',
        sexAtBirth: 'F',
        ssn: SSN,
        race: [],
        phones: [{ use: 'mobile', number: phone }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const read = (id: string) =>
    t.app.inject({ method: 'GET', url: `/api/patients/${id}`, headers: clerk.headers });
  const bySsn = async () =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/patients/search',
        headers: clerk.headers,
        payload: { ssn: SSN },
      })
    )
      .json()
      .items.map((i: { id: string }) => i.id);

  beforeAll(async () => {
    t = await buildTestApp();
    clerk = await createTestUser(t, ['registration_clerk']);
    kept = await register('Orla', '555-300-1000');
    planted = await register('Orlagh', '555-300-2000');
    // What a process with a stray key file wrote: the SSN sealed, and its lookup hashes keyed, under it.
    const stray = new FieldCipher(strayKey);
    const h = ssnHashes(stray, SSN);
    await t.deps.db
      .updateTable('patient')
      .set({ ssn_enc: stray.encrypt(SSN.replace(/-/g, '')), ssn_hash: h.full, ssn_last4_hash: h.last4 })
      .where('id', '=', planted)
      .execute();
    writeFileSync(strayFile, strayKey.toString('base64'), { mode: 0o600 });
  });
  afterAll(() => t.close());

  it('answers a row it cannot decrypt with a named error, not a stack', async () => {
    const res = await read(planted);
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('identifier-undecryptable');
    expect(res.body).not.toContain('9999');
    expect(await bySsn()).toEqual([kept]);
  });

  it('finds the rows under the other key, repairs them, and SSN lookups match again', async () => {
    const check = cli(['keys', 'check', '--json'], env());
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout);
    const ssn = report.stores.find((s: { store: string }) => s.store === 'patient.ssn_enc');
    expect(ssn).toMatchObject({ rows: 2, undecryptable: 1, ids: [planted] });
    expect(ssn.byKey[keyId(strayKey)]).toBe(1);
    expect(check.stdout).not.toContain('9999');

    const adopt = cli(['keys', 'adopt', '--from', strayFile, '--json'], env());
    expect(adopt.code, adopt.stderr).toBe(0);
    const adopted = JSON.parse(adopt.stdout);
    expect(adopted.stores.find((s: { store: string }) => s.store === 'patient.ssn_enc').resealed).toBe(1);

    const again = cli(['keys', 'check'], env());
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('patient.ssn_enc: 2 rows, 0 do not decrypt');

    for (const id of [kept, planted]) {
      const res = await read(id);
      expect(res.statusCode).toBe(200);
      expect(res.json().ssnMasked).toBe('***-**-9999');
    }
    expect((await bySsn()).sort()).toEqual([kept, planted].sort());

    // A second adopt has nothing left to do (resumable: it only touches what is still under the other key).
    const second = JSON.parse(cli(['keys', 'adopt', '--from', strayFile, '--json'], env()).stdout);
    expect(second.stores.every((s: { resealed: number }) => s.resealed === 0)).toBe(true);
    const audited = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'in', ['keys.check', 'keys.adopt'])
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(4);
  }, 180_000);
});
