import type { Config } from '../kernel/config.ts';
import { FieldCipher, loadKey } from '../kernel/crypto.ts';

const cache = new WeakMap<Config, FieldCipher>();

/** The field cipher for this configuration's key (DESIGN invariant 6), built once per process. */
export function cipherFor(config: Config): FieldCipher {
  let c = cache.get(config);
  if (!c) {
    c = new FieldCipher(loadKey(config));
    cache.set(config, c);
  }
  return c;
}
