import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, keyCheck, keyId, UndecryptableError } from './crypto.ts';

/** A value sealed as before key ids (`v1.<iv>.<tag>.<data>`), as rows written before issue 22 hold. */
function sealV1(master: Buffer, plain: string): string {
  const enc = createHmac('sha256', master).update('chartkeeper:enc').digest();
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', enc, iv);
  const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv, c.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

describe('FieldCipher with key ids', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);

  it('seals as v2.<kid>.… and opens its own values', () => {
    const c = new FieldCipher(a);
    const sealed = c.encrypt('123456789');
    expect(sealed.split('.').slice(0, 2)).toEqual(['v2', keyId(a)]);
    expect(sealed).not.toContain('123456789');
    expect(c.decrypt(sealed)).toBe('123456789');
    expect(c.opensWithCurrent(sealed)).toBe(true);
  });

  it('reads v1 values with the current key', () => {
    expect(new FieldCipher(a).decrypt(sealV1(a, '987654321'))).toBe('987654321');
  });

  it('answers a value of another key with the coded error, naming the row, never the value', () => {
    const sealed = new FieldCipher(b).encrypt('111223333');
    const err = (() => {
      try {
        new FieldCipher(a).decrypt(sealed, 'Patient/p1');
      } catch (e) {
        return e as UndecryptableError;
      }
    })();
    expect(err).toBeInstanceOf(UndecryptableError);
    expect(err?.code).toBe('identifier-undecryptable');
    expect(err?.statusCode).toBe(500);
    expect(err?.details).toEqual({ ref: 'Patient/p1' });
    expect(JSON.stringify(err)).not.toContain('111223333');
    expect(() => new FieldCipher(a).decrypt(sealV1(b, 'x'))).toThrow(UndecryptableError);
    expect(() => new FieldCipher(a).decrypt('garbage')).toThrow(UndecryptableError);
  });

  it('holds an older key beside the current one (rotation), sealing only under the current', () => {
    const old = new FieldCipher(b).encrypt('222334444');
    const both = new FieldCipher(a, [b]);
    expect(both.decrypt(old)).toBe('222334444');
    expect(both.opensWithCurrent(old)).toBe(false);
    expect(both.encrypt('x').split('.')[1]).toBe(keyId(a));
  });

  it('derives ids and check values that differ per key and reveal nothing of it', () => {
    expect(keyId(a)).toMatch(/^[0-9a-f]{12}$/);
    expect(keyId(a)).not.toBe(keyId(b));
    expect(keyCheck(a)).not.toBe(keyCheck(b));
    expect(keyCheck(a)).not.toContain(a.toString('hex').slice(0, 12));
  });
});
