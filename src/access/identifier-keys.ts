import type { EncryptedStore } from '../kernel/keyring.ts';
import { countSealedMfa, sealedMfaPage, updateSealedMfa } from './identifier-keys.queries.ts';

/** The users' TOTP secrets (encrypted at rest, DESIGN invariant 6) for the key tools (issue 22). */
export const mfaSecretStore: EncryptedStore = {
  name: 'access_user.mfa_secret',
  count: countSealedMfa,
  page: sealedMfaPage,
  reseal: (db, id, plain, cipher) => updateSealedMfa(db, id, cipher.encrypt(plain)),
};
