import type { EncryptedStore } from '../kernel/keyring.ts';
import { countSealedSsn, sealedSsnPage, updateSealedSsn } from './identifier-keys.queries.ts';
import { ssnHashes } from './patient-mapper.ts';

/**
 * The patient SSN column for the key tools (issue 22): re-sealing also recomputes the SSN lookup hashes,
 * which are keyed too, so that duplicate detection by SSN matches again after a repair.
 */
export const ssnStore: EncryptedStore = {
  name: 'patient.ssn_enc',
  count: countSealedSsn,
  page: sealedSsnPage,
  async reseal(db, id, plain, cipher) {
    const h = ssnHashes(cipher, plain);
    await updateSealedSsn(db, id, {
      ssn_enc: cipher.encrypt(plain),
      ssn_hash: h.full,
      ssn_last4_hash: h.last4,
    });
  },
};
