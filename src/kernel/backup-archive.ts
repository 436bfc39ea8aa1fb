import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

/**
 * The backup file: a POSIX tar (readable with `tar -tf` when not encrypted) whose last entry is
 * manifest.json with the SHA-256 of every other entry. Encrypted backups wrap the whole tar in
 * AES-256-GCM under a key derived from a passphrase with scrypt; the tag at the end authenticates every
 * byte, so a wrong passphrase or a changed byte is refused before anything is restored
 * (HIPAA 164.308(a)(7)(ii)(A) data backup plan; 164.312(a)(2)(iv) encryption).
 */
export const ENCRYPTED_MAGIC = Buffer.from('CKBACKUP-AESGCM1');
const SALT = 16;
const IV = 12;
const TAG = 16;
// scrypt N=2^15, r=8: ~32 MiB and a fraction of a second, as RFC 7914 §2 suggests for interactive use.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export class BackupFileError extends Error {}

const deriveKey = (passphrase: string, salt: Buffer) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase, salt, 32, SCRYPT, (e, k) => (e ? reject(e) : resolve(k))),
  );

/** Collects tar entries with their hashes; large parts arrive as chunks so memory stays bounded. */
export class ArchiveWriter {
  private readonly pack = tar.pack();
  readonly hashes = new Map<string, string>();
  private readonly done: Promise<void>;

  constructor(file: string, passphrase?: string) {
    this.done = (async () => {
      const out = createWriteStream(file, { mode: 0o600 });
      if (!passphrase) return pipeline(this.pack, out);
      const salt = randomBytes(SALT);
      const iv = randomBytes(IV);
      const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt), iv);
      cipher.setAAD(ENCRYPTED_MAGIC);
      const framed = async function* (body: AsyncIterable<Buffer>) {
        yield Buffer.concat([ENCRYPTED_MAGIC, salt, iv]);
        for await (const chunk of body) yield chunk as Buffer;
        yield cipher.getAuthTag();
      };
      return pipeline(this.pack, cipher, framed, out);
    })();
  }

  /** Adds one entry (the caller keeps each entry small: tar needs its size before its bytes). */
  add(name: string, bytes: Buffer): Promise<void> {
    this.hashes.set(name, createHash('sha256').update(bytes).digest('hex'));
    return new Promise((resolve, reject) =>
      this.pack.entry({ name, size: bytes.length, mode: 0o600 }, bytes, (e) => (e ? reject(e) : resolve())),
    );
  }

  async finish(): Promise<void> {
    this.pack.finalize();
    await this.done;
  }

  /** Stops writing after a failure; the caller removes the partial file. */
  async abort(): Promise<void> {
    this.pack.destroy();
    await this.done.catch(() => undefined);
  }
}

export async function isEncrypted(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(ENCRYPTED_MAGIC.length);
    await fh.read(head, 0, head.length, 0);
    return head.equals(ENCRYPTED_MAGIC);
  } finally {
    await fh.close();
  }
}

/**
 * A readable plain tar of the backup: the file itself, or — for an encrypted one — a decrypted copy in a
 * private temporary folder, written only after the GCM tag checked out. `dispose` removes the copy.
 */
export async function openArchive(
  file: string,
  passphrase?: string,
): Promise<{ tarFile: string; dispose: () => Promise<void> }> {
  if (!(await isEncrypted(file))) return { tarFile: file, dispose: async () => undefined };
  if (!passphrase)
    throw new BackupFileError(
      `${file} is encrypted: give its passphrase with --passphrase-file FILE or CHARTKEEPER_BACKUP_PASSPHRASE.`,
    );
  const fh = await open(file, 'r');
  const { size } = await fh.stat();
  const header = Buffer.alloc(ENCRYPTED_MAGIC.length + SALT + IV);
  const tag = Buffer.alloc(TAG);
  await fh.read(header, 0, header.length, 0);
  await fh.read(tag, 0, TAG, size - TAG);
  await fh.close();
  const salt = header.subarray(ENCRYPTED_MAGIC.length, ENCRYPTED_MAGIC.length + SALT);
  const iv = header.subarray(ENCRYPTED_MAGIC.length + SALT);
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt), iv);
  decipher.setAAD(ENCRYPTED_MAGIC);
  decipher.setAuthTag(tag);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ck-restore-'));
  const tarFile = path.join(dir, 'backup.tar');
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(
      createReadStream(file, { start: header.length, end: size - TAG - 1 }),
      decipher,
      createWriteStream(tarFile, { mode: 0o600 }),
    );
  } catch {
    await dispose();
    throw new BackupFileError(
      `${file} does not decrypt: the passphrase is wrong or the file was changed. Nothing was restored.`,
    );
  }
  return { tarFile, dispose };
}

/** Calls `onEntry` for every entry of the tar in order, with its bytes as a stream. */
export async function readEntries(
  tarFile: string,
  onEntry: (name: string, body: Readable) => Promise<void>,
): Promise<void> {
  const extract = tar.extract();
  const source = createReadStream(tarFile);
  source.on('error', (e) => extract.destroy(e));
  source.pipe(extract);
  try {
    for await (const entry of extract) {
      await onEntry(entry.header.name, entry as unknown as Readable);
      entry.resume();
    }
  } catch (e) {
    if (e instanceof BackupFileError) throw e;
    throw new BackupFileError(`The backup file is not a readable archive: ${(e as Error).message}`);
  }
}

export async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function sha256OfStream(body: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of body) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
