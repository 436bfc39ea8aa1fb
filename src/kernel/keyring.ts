import type { Config } from './config.ts';
import {
  createKeyFile,
  FieldCipher,
  KeyFileError,
  keyCheck,
  keyId,
  keySource,
  readKey,
  readKeyFile,
} from './crypto.ts';
import type { Db, DbOrTx } from './db.ts';
import { insertFirstKey, keyTableExists, type StoredKey, storedKeys } from './keyring.queries.ts';
import { migrateUp } from './migrate.ts';

/**
 * The key gate (issue 22). The database records which identifier key it was written with (an id and a
 * check value, never the key). Every process that opens the database (server, each CLI command) runs the
 * gate before it writes anything: a process holding another key stops with one line instead of writing
 * SSNs, TOTP secrets and lookup hashes under a key the others cannot read.
 */

/** A key that is not the database's, or no key where the database has one: one line for the operator. */
export class KeyMismatchError extends Error {}

/** One encrypted column a domain owns, for `keys check` and `keys adopt` (wired through DomainModule). */
export interface EncryptedStore {
  /** `table.column`, as reports show it. */
  name: string;
  /** How many rows hold a sealed value (for progress). */
  count(db: DbOrTx): Promise<number>;
  /** Up to `limit` rows with a sealed value, ordered by id, after `after` (null: from the start). */
  page(db: DbOrTx, after: string | null, limit: number): Promise<{ id: string; sealed: string }[]>;
  /** Re-seals one row's value under the current key, recomputing any lookup hash derived from it. */
  reseal(db: DbOrTx, id: string, plain: string, cipher: FieldCipher): Promise<void>;
}

export interface Keyring {
  cipher: FieldCipher;
  kid: string;
  /** Where the key came from: `CHARTKEEPER_KEY` or the key file's path. */
  source: string;
}

const opened = new WeakMap<Config, Keyring>();

function mismatch(config: Config, kid: string | undefined, stored: StoredKey): KeyMismatchError {
  const source = keySource(config);
  const what = kid
    ? `the identifier key from ${source} holds key ${kid}`
    : `there is no identifier key at ${source}`;
  return new KeyMismatchError(
    `${what}, but this database was written with key ${stored.kid}. ` +
      'Start with the key this database was written with (set CHARTKEEPER_KEY, or CHARTKEEPER_DATA_DIR to the ' +
      'folder holding its secret.key); nothing was written. See docs/operations.md, "Identifier key".',
  );
}

function current(keys: StoredKey[]): StoredKey | undefined {
  return keys.find((k) => k.status === 'current');
}

/**
 * Compares this process's key with the database's, before migrations or any write. A database without the
 * key table or without a recorded key passes (it is new, or from before the gate: `openKeyring` records).
 * @throws KeyMismatchError on another key, or a missing key where the database has one
 */
export async function checkKey(db: DbOrTx, config: Config): Promise<void> {
  if (!(await keyTableExists(db))) return;
  const stored = current(await storedKeys(db));
  if (!stored) return;
  const key = readKeyOrExplain(config);
  if (!key || keyCheck(key) !== stored.check_value) throw mismatch(config, key && keyId(key), stored);
}

function readKeyOrExplain(config: Config): Buffer | undefined {
  try {
    return readKey(config);
  } catch (e) {
    if (e instanceof KeyFileError) throw new KeyMismatchError(e.message);
    throw e;
  }
}

/**
 * The gate after migrations: records the key of a new database (creating the key file only then), checks
 * it otherwise, and makes the cipher available to this process's services through `cipherFor`.
 */
export async function openKeyring(db: DbOrTx, config: Config): Promise<Keyring> {
  let stored = current(await storedKeys(db));
  let key = readKeyOrExplain(config);
  if (!stored) {
    key ??= createKeyFile(config);
    await insertFirstKey(db, keyId(key), keyCheck(key));
    stored = current(await storedKeys(db));
  }
  if (!stored || !key || keyCheck(key) !== stored.check_value) {
    throw mismatch(config, key && keyId(key), stored as StoredKey);
  }
  const ring: Keyring = { cipher: new FieldCipher(key), kid: stored.kid, source: keySource(config) };
  opened.set(config, ring);
  return ring;
}

/** The keyring the gate opened for this configuration. */
export function keyringFor(config: Config): Keyring {
  const ring = opened.get(config);
  if (!ring) throw new Error('The identifier key was not opened: run the key gate (openKeyring) first.');
  return ring;
}

/** The field cipher of this configuration's key (DESIGN invariant 6), as the key gate opened it. */
export const cipherFor = (config: Config): FieldCipher => keyringFor(config).cipher;

/** Reads a second key file (for `keys adopt --from FILE`). */
export function readOtherKey(file: string): Buffer {
  let key: Buffer | undefined;
  try {
    key = readKeyFile(file);
  } catch (e) {
    if (e instanceof KeyFileError) throw new KeyMismatchError(e.message);
    throw e;
  }
  if (!key) throw new KeyMismatchError(`No key file at ${file}.`);
  return key;
}

/** The keyring opened for this configuration, if the gate has run in this process (for /healthz). */
export const openedKeyring = (config: Config): Keyring | undefined => opened.get(config);

/**
 * What every process does on opening the database: the key check before anything is written, then the
 * migrations, then the keyring (recording the key of a new database).
 * @returns the migrations applied
 */
export async function migrateBehindKeyGate(
  db: Db,
  config: Config,
): Promise<{ applied: string[]; keyring: Keyring }> {
  await checkKey(db, config);
  const applied = await migrateUp(db);
  return { applied, keyring: await openKeyring(db, config) };
}
