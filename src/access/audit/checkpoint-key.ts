import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hash,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../kernel/config.ts';

/**
 * The checkpoint signing key (issue 18): Ed25519, kept outside the database — CHARTKEEPER_AUDIT_KEY, or
 * audit-signing.key in the data directory (created on first use, mode 0600). Public keys that verify
 * checkpoints are trusted only from outside the database too: the current key, audit-trusted-keys in the
 * data directory (every key ever generated here is appended) and AUDIT_TRUSTED_KEYS.
 */
export const ORIGIN = 'chartkeeper.audit/v1';

export interface Signer {
  keyId: string;
  publicKey: KeyObject;
  sign(body: string): Buffer;
}

export const keyFile = (config: Config) => path.join(config.dataDir, 'audit-signing.key');
export const trustedKeysFile = (config: Config) => path.join(config.dataDir, 'audit-trusted-keys');
export const checkpointFile = (config: Config) =>
  config.AUDIT_CHECKPOINT_FILE ?? path.join(config.dataDir, 'audit-checkpoints.jsonl');

const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
/** First 8 hex digits of SHA-256 over the public key (SPKI DER). */
export const keyIdOf = (k: KeyObject) => hash('sha256', spki(k), 'hex').slice(0, 8);

function parsePrivate(text: string): KeyObject {
  const t = text.trim();
  return t.startsWith('-----')
    ? createPrivateKey(t)
    : createPrivateKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'pkcs8' });
}

function trust(config: Config, pub: KeyObject): void {
  const line = `${keyIdOf(pub)} ${spki(pub).toString('base64')}`;
  const file = trustedKeysFile(config);
  const known = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (!known.split('\n').includes(line)) appendFileSync(file, `${line}\n`, { mode: 0o644 });
}

function writeNewKey(config: Config): KeyObject {
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile(config), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  trust(config, createPublicKey(privateKey));
  return privateKey;
}

function makeSigner(key: KeyObject): Signer {
  const publicKey = createPublicKey(key);
  return { keyId: keyIdOf(publicKey), publicKey, sign: (body) => sign(null, Buffer.from(body), key) };
}

/** The signing key: from CHARTKEEPER_AUDIT_KEY, else the key file (created when missing). */
export function loadSigner(config: Config): Signer {
  if (config.CHARTKEEPER_AUDIT_KEY) return makeSigner(parsePrivate(config.CHARTKEEPER_AUDIT_KEY));
  const file = keyFile(config);
  if (!existsSync(file)) return makeSigner(writeNewKey(config));
  const key = parsePrivate(readFileSync(file, 'utf8'));
  trust(config, createPublicKey(key));
  return makeSigner(key);
}

/**
 * Rotation (`chartkeeper audit rotate-key`): the old public key stays trusted, so old checkpoints still
 * verify; the old private key is renamed audit-signing.key.<keyid>.retired for the operator to destroy.
 */
export function rotateSigner(config: Config): { retired: string; current: string } {
  if (config.CHARTKEEPER_AUDIT_KEY)
    throw new Error('CHARTKEEPER_AUDIT_KEY is set: rotate by setting a new key there (see docs/access.md).');
  const old = loadSigner(config);
  renameSync(keyFile(config), `${keyFile(config)}.${old.keyId}.retired`);
  const current = makeSigner(writeNewKey(config));
  return { retired: old.keyId, current: current.keyId };
}

/** Every public key that may have signed a checkpoint, by key id (never read from the database). */
export function trustedKeys(config: Config): Map<string, KeyObject> {
  const out = new Map<string, KeyObject>();
  const add = (b64: string) => {
    const k = createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
    out.set(keyIdOf(k), k);
  };
  const file = trustedKeysFile(config);
  if (existsSync(file))
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const b64 = line.trim().split(' ')[1];
      if (b64) add(b64);
    }
  for (const b64 of (config.AUDIT_TRUSTED_KEYS ?? '').split(',')) if (b64.trim()) add(b64.trim());
  if (config.CHARTKEEPER_AUDIT_KEY) {
    const k = createPublicKey(parsePrivate(config.CHARTKEEPER_AUDIT_KEY));
    out.set(keyIdOf(k), k);
  } else if (existsSync(keyFile(config))) {
    const k = createPublicKey(parsePrivate(readFileSync(keyFile(config), 'utf8')));
    out.set(keyIdOf(k), k);
  }
  return out;
}

/** The signed text (C2SP checkpoint body): origin, tree size, base64 root hash. */
export const checkpointBody = (size: number, root: Buffer) =>
  `${ORIGIN}\n${size}\n${root.toString('base64')}\n`;

/** The whole signed note: body, blank line, signature line `— <origin> <keyid> <base64 signature>`. */
export const checkpointNote = (body: string, keyId: string, signature: Buffer) =>
  `${body}\n— ${ORIGIN} ${keyId} ${signature.toString('base64')}\n`;

export function verifyCheckpointSignature(
  keys: Map<string, KeyObject>,
  c: { tree_size: number; root: Buffer; key_id: string; signature: Buffer },
): boolean {
  const key = keys.get(c.key_id);
  if (!key) return false;
  return verify(null, Buffer.from(checkpointBody(c.tree_size, c.root)), key, c.signature);
}
