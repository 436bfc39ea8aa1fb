import { FieldCipher } from './crypto.ts';
import { type Db, withTransaction } from './db.ts';
import type { EncryptedStore } from './keyring.ts';

/** Rows read per round trip; each adopted page is one transaction, so an interrupted run resumes. */
const PAGE = 500;
/** Row ids listed per column in a report (counts are always complete). */
const LISTED = 50;

export interface StoreCheck {
  store: string;
  rows: number;
  /** Rows that do not open under the current key. */
  undecryptable: number;
  /** The first ids of those rows (resource ids, never values). */
  ids: string[];
  /** Rows per key id that sealed them (`v1` for values from before key ids). */
  byKey: Record<string, number>;
}

const sealedBy = (sealed: string) => {
  const [v, kid] = sealed.split('.');
  return v === 'v2' && kid ? kid : 'v1';
};

async function scan(
  db: Db,
  store: EncryptedStore,
  each: (rows: { id: string; sealed: string }[]) => Promise<void>,
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const rows = await store.page(db, after, PAGE);
    if (rows.length === 0) return;
    await each(rows);
    after = rows[rows.length - 1]?.id ?? null;
  }
}

/** `chartkeeper keys check`: per encrypted column, how many rows do not decrypt under the current key. */
export async function checkStores(
  db: Db,
  cipher: FieldCipher,
  stores: EncryptedStore[],
  onRows: (n: number) => void = () => undefined,
): Promise<StoreCheck[]> {
  const out: StoreCheck[] = [];
  for (const store of stores) {
    const r: StoreCheck = { store: store.name, rows: 0, undecryptable: 0, ids: [], byKey: {} };
    await scan(db, store, async (rows) => {
      for (const { id, sealed } of rows) {
        r.rows++;
        const kid = sealedBy(sealed);
        r.byKey[kid] = (r.byKey[kid] ?? 0) + 1;
        if (cipher.opensWithCurrent(sealed)) continue;
        r.undecryptable++;
        if (r.ids.length < LISTED) r.ids.push(id);
      }
      onRows(rows.length);
    });
    out.push(r);
  }
  return out;
}

export interface StoreAdoption {
  store: string;
  /** Rows re-sealed under the current key from the other key. */
  resealed: number;
  /** Rows that open under neither key (left as they are). */
  stillUndecryptable: number;
  ids: string[];
}

/**
 * `chartkeeper keys adopt --from FILE`: re-seals, under the current key, every value that opens only under
 * the other key, with its lookup hashes. Values already under the current key are left alone, so a second
 * run (after an interruption) only does what is left.
 */
export async function adoptStores(
  db: Db,
  cipher: FieldCipher,
  other: Buffer,
  stores: EncryptedStore[],
  onRows: (n: number) => void = () => undefined,
): Promise<StoreAdoption[]> {
  const from = new FieldCipher(other);
  const out: StoreAdoption[] = [];
  for (const store of stores) {
    const r: StoreAdoption = { store: store.name, resealed: 0, stillUndecryptable: 0, ids: [] };
    await scan(db, store, (rows) =>
      withTransaction(db, async (trx) => {
        for (const { id, sealed } of rows) {
          if (cipher.opensWithCurrent(sealed)) continue;
          let plain: string;
          try {
            plain = from.decrypt(sealed);
          } catch {
            r.stillUndecryptable++;
            if (r.ids.length < LISTED) r.ids.push(id);
            continue;
          }
          await store.reseal(trx, id, plain, cipher);
          r.resealed++;
        }
        onRows(rows.length);
      }),
    );
    out.push(r);
  }
  return out;
}
