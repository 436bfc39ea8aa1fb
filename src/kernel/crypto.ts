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

/** A random URL-safe secret (sessions, API tokens, download links). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** SHA-256 hex: how we store bearer secrets (they are high-entropy, so no slow hash is needed). */
export const sha256Hex = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The data-encryption key (DESIGN invariant 6): from CHARTKEEPER_KEY, or a key file created in the data
 * directory on first use. It never goes into the database, so a database dump alone reveals no SSN.
 */
export function loadKey(config: Config): Buffer {
  if (config.CHARTKEEPER_KEY) {
    const k = Buffer.from(config.CHARTKEEPER_KEY, 'base64');
    if (k.length !== 32) throw new Error('CHARTKEEPER_KEY must be 32 bytes, base64-encoded.');
    return k;
  }
  const file = path.join(config.dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/** Field encryption with AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  constructor(master: Buffer) {
    // Separate keys for encryption and for lookup hashes, derived from the one master key.
    this.encKey = createHmac('sha256', master).update('chartkeeper:enc').digest();
    this.macKey = createHmac('sha256', master).update('chartkeeper:mac').digest();
  }
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return [
      'v1',
      iv.toString('base64url'),
      c.getAuthTag().toString('base64url'),
      data.toString('base64url'),
    ].join('.');
  }
  decrypt(sealed: string): string {
    const [v, iv, tag, data] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unrecognised encrypted value');
    const d = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(data, 'base64url')), d.final()]).toString('utf8');
  }
  /** Keyed hash for exact lookups of an encrypted value (e.g. SSN) without decrypting every row. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.macKey).update(value).digest('hex');
  }
}
