import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { putBlob } from '../chart/index.ts';
import { planRestore } from './backup.ts';

/** Issue 19, "Backup and restore": seed, back up, change more, restore → the same rows and documents. */
const BIN = path.resolve('bin/chartkeeper.mjs');
const tmp = (p: string) => mkdtempSync(path.join(os.tmpdir(), p));

function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', CHARTKEEPER_BACKUP_PASSPHRASE: '', ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** SHA-256 and bytes of `COPY schema.table TO STDOUT` — the same text the backup stores. */
async function copyText(url: string, schema: string, table: string): Promise<Buffer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const chunks: Buffer[] = [];
    const q = `copy ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)} to stdout`;
    for await (const c of client.query(copyTo(q))) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  } finally {
    await client.end();
  }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('chartkeeper backup and restore', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let other: TestDatabase;
  const dirA = tmp('ck-bk-a-');
  const dirB = path.join(tmp('ck-bk-b-'), 'data');
  const out = tmp('ck-bk-out-');
  const plain = path.join(out, 'plain.ckbackup');
  const sealed = path.join(out, 'sealed.ckbackup');
  const passFile = path.join(out, 'pass.txt');
  const document = randomBytes(2048);
  let docSha: string;

  beforeAll(async () => {
    [source, target, other] = await Promise.all([
      createTestDatabase(),
      createTestDatabase({ empty: true }),
      createTestDatabase({ empty: true }),
    ]);
    writeFileSync(passFile, 'correct horse battery staple\n', { mode: 0o600 });
  });
  afterAll(async () => {
    await Promise.all([source.drop(), target.drop(), other.drop()]);
  });

  it('restores exactly what the backup held, although the source changed afterwards', {
    timeout: 600_000,
  }, async () => {
    const envA = { DATABASE_URL: source.url, CHARTKEEPER_DATA_DIR: dirA };
    expect(cli(['demo', 'seed', '--patients', '30'], envA).code).toBe(0);
    docSha = await putBlob(dirA, document);

    const b = cli(['backup', '--out', plain, '--include-key'], envA);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain('identifier key INSIDE');
    const { manifest, dispose } = await planRestore(plain);
    await dispose();
    expect(manifest.blobs.count).toBe(1);
    expect(manifest.auditCheckpoint.verified).toBe(true);
    const patients = manifest.tables.find((t) => t.table === 'patient');
    expect(patients?.rows).toBe(30);

    // The source moves on; the restore must not see any of it.
    expect(cli(['demo', 'seed', '--patients', '5'], envA).code).toBe(0);

    const r = cli(['restore', plain, '--data-dir', dirB], { DATABASE_URL: target.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('audit trail intact');

    // Every table byte for byte as in the backup; the audit trail (and the sequencer's queue of events
    // not yet in the Merkle tree) only gained the restore's own event.
    for (const t of manifest.tables) {
      const now = await copyText(target.url, t.schema, t.table);
      if (t.table === 'audit_event' || t.table === 'audit_pending') {
        expect(sha(now.subarray(0, t.bytes)), t.table).toBe(t.sha256);
        expect(now.subarray(t.bytes).toString('utf8').split('\n').filter(Boolean)).toHaveLength(1);
      } else {
        expect(sha(now), `${t.schema}.${t.table}`).toBe(t.sha256);
      }
    }
    const restoredDoc = readFileSync(
      path.join(dirB, 'blobs', docSha.slice(0, 2), docSha.slice(2, 4), docSha),
    );
    expect(sha(restoredDoc)).toBe(docSha);
    expect(readFileSync(path.join(dirB, 'secret.key'), 'utf8')).toBe(
      readFileSync(path.join(dirA, 'secret.key'), 'utf8'),
    );
    // The restored database opens under the ordinary key gate and its chain verifies.
    const v = cli(['audit', 'verify'], { DATABASE_URL: target.url, CHARTKEEPER_DATA_DIR: dirB });
    expect(v.code, v.stderr).toBe(0);
  });

  it('refuses a target that is not empty, and changes nothing there', { timeout: 300_000 }, async () => {
    const before = sha(await copyText(target.url, 'public', 'patient'));
    const r = cli(['restore', plain, '--data-dir', tmp('ck-bk-c-')], { DATABASE_URL: target.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('target database is not empty');
    expect(sha(await copyText(target.url, 'public', 'patient'))).toBe(before);
  });

  it('refuses a damaged backup before touching the target', { timeout: 300_000 }, () => {
    const bytes = readFileSync(plain);
    const damaged = path.join(out, 'damaged.ckbackup');
    const i = bytes.indexOf(Buffer.from('\n'), 4096);
    bytes[i - 1] = bytes[i - 1] === 0x41 ? 0x42 : 0x41;
    writeFileSync(damaged, bytes);
    const r = cli(['restore', damaged, '--data-dir', tmp('ck-bk-d-')], { DATABASE_URL: other.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does not match its SHA-256|not a readable archive/);
  });

  it('encrypts with a passphrase, keeps the key out, and needs both to restore', { timeout: 600_000 }, () => {
    const envA = { DATABASE_URL: source.url, CHARTKEEPER_DATA_DIR: dirA };
    const b = cli(['backup', '--out', sealed, '--passphrase-file', passFile], envA);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain('encrypted (AES-256-GCM); identifier key not inside');
    const raw = readFileSync(sealed);
    expect(raw.subarray(0, 16).toString()).toBe('CKBACKUP-AESGCM1');
    expect(raw.includes(Buffer.from('manifest.json'))).toBe(false);

    const dirE = path.join(tmp('ck-bk-e-'), 'data');
    const wrongPass = path.join(out, 'wrong.txt');
    writeFileSync(wrongPass, 'not it\n');
    const wrong = cli(['restore', sealed, '--data-dir', dirE, '--passphrase-file', wrongPass], {
      DATABASE_URL: other.url,
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('does not decrypt');

    const noKey = cli(['restore', sealed, '--data-dir', dirE, '--passphrase-file', passFile], {
      DATABASE_URL: other.url,
    });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('which is not in it');
    expect(existsSync(path.join(dirE, 'secret.key'))).toBe(false);

    const key = readFileSync(path.join(dirA, 'secret.key'), 'utf8');
    const ok = cli(['restore', sealed, '--data-dir', dirE, '--passphrase-file', passFile], {
      DATABASE_URL: other.url,
      CHARTKEEPER_KEY: key,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/restored \d+ tables, \d+ rows, 1 documents/);
  });
});
