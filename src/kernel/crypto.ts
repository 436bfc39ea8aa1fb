import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';

/** A random URL-safe secret (sessions, API tokens, download links). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** SHA-256 hex: how we store bearer secrets (they are high-entropy, so no slow hash is needed). */
export const sha256Hex = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where this process takes its identifier key from: the variable's name, or the key file's path. */
export function keySource(config: Config): string {
  return config.CHARTKEEPER_KEY ? 'CHARTKEEPER_KEY' : path.join(config.dataDir, 'secret.key');
}

function parseKey(text: string, source: string): Buffer {
  const k = Buffer.from(text.trim(), 'base64');
  if (k.length !== 32) throw new KeyFileError(`${source} must hold a 32-byte key, base64-encoded.`);
  return k;
}

/** Raised for a key that is missing or malformed; the CLI and the server print it as one line. */
export class KeyFileError extends Error {}

/**
 * The data-encryption key (DESIGN invariant 6): from CHARTKEEPER_KEY, or the key file in the data
 * directory. It never goes into the database, so a database dump alone reveals no SSN. Never creates a
 * key: only the key gate does that, for a database that has none yet (src/kernel/keyring.ts, issue 22).
 */
export function readKey(config: Config): Buffer | undefined {
  if (config.CHARTKEEPER_KEY) return parseKey(config.CHARTKEEPER_KEY, 'CHARTKEEPER_KEY');
  return readKeyFile(path.join(config.dataDir, 'secret.key'));
}

/** A key file's key, or undefined when there is no such file. */
export function readKeyFile(file: string): Buffer | undefined {
  if (!existsSync(file)) return undefined;
  return parseKey(readFileSync(file, 'utf8'), file);
}

/** Creates the data directory's key file (mode 0600), failing if one appeared meanwhile. */
export function createKeyFile(config: Config): Buffer {
  const file = path.join(config.dataDir, 'secret.key');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

const hmac = (key: Buffer, label: string) => createHmac('sha256', key).update(label).digest();

/** A key's public name: 12 hex digits of an HMAC under the key, so it says nothing about the key. */
export const keyId = (master: Buffer): string => hmac(master, 'chartkeeper:kid').toString('hex').slice(0, 12);

/** The key-check value kept in the database: an HMAC of a fixed label under a key derived from the master. */
export const keyCheck = (master: Buffer): string =>
  hmac(hmac(master, 'chartkeeper:check'), 'chartkeeper key check v1').toString('hex');

/** A stored value that no key of this process opens (another key, or a damaged row). */
export class UndecryptableError extends AppError {
  constructor(ref: string | undefined) {
    super(
      'identifier-undecryptable',
      "An encrypted identifier could not be read with this server's key. An administrator should run `chartkeeper keys check`.",
      500,
      { ref: ref ?? 'unknown' },
    );
  }
}

interface DerivedKeys {
  enc: Buffer;
  mac: Buffer;
}

function derive(master: Buffer): DerivedKeys {
  // Separate keys for encryption and for lookup hashes, derived from the one master key.
  return { enc: hmac(master, 'chartkeeper:enc'), mac: hmac(master, 'chartkeeper:mac') };
}

/**
 * Field encryption with AES-256-GCM: `v2.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts), naming the key
 * that sealed it so old and new keys can be held side by side during a rotation. `v1.<iv>.<tag>.<data>`
 * (before key ids) is read with the current key.
 */
export class FieldCipher {
  readonly kid: string;
  private readonly current: DerivedKeys;
  private readonly byKid = new Map<string, DerivedKeys>();
  constructor(master: Buffer, older: Buffer[] = []) {
    this.kid = keyId(master);
    this.current = derive(master);
    this.byKid.set(this.kid, this.current);
    for (const k of older) this.byKid.set(keyId(k), derive(k));
  }
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.current.enc, iv);
    const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return [
      'v2',
      this.kid,
      iv.toString('base64url'),
      c.getAuthTag().toString('base64url'),
      data.toString('base64url'),
    ].join('.');
  }
  /**
   * @param ref - the row's resource id (e.g. `patient/<id>`), logged with the error; never the value
   * @throws UndecryptableError when no key held here opens the value
   */
  decrypt(sealed: string, ref?: string): string {
    const parts = sealed.split('.');
    const [keys, rest] =
      parts[0] === 'v2' && parts.length === 5
        ? [this.byKid.get(parts[1] as string), parts.slice(2)]
        : parts[0] === 'v1' && parts.length === 4
          ? [this.current, parts.slice(1)]
          : [undefined, []];
    const [iv, tag, data] = rest;
    if (!keys || !iv || !tag || data === undefined) throw new UndecryptableError(ref);
    try {
      const d = createDecipheriv('aes-256-gcm', keys.enc, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(data, 'base64url')), d.final()]).toString('utf8');
    } catch {
      throw new UndecryptableError(ref);
    }
  }
  /** Whether this value is sealed under the current key (what `keys check` counts as healthy). */
  opensWithCurrent(sealed: string): boolean {
    const [v, kid] = sealed.split('.');
    if (v === 'v2' && kid !== this.kid) return false;
    try {
      this.decrypt(sealed);
      return true;
    } catch {
      return false;
    }
  }
  /** Keyed hash for exact lookups of an encrypted value (e.g. SSN) without decrypting every row. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.current.mac).update(value).digest('hex');
  }
}
