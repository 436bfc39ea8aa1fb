/** The field cipher comes from the key gate (src/kernel/keyring.ts); re-exported for the patients domain. */
export { cipherFor } from '../kernel/keyring.ts';
