import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The bundled list of commonly used passwords (NIST SP 800-63B §5.1.1.2 "passwords obtained from
 * previous breach corpuses ... commonly-used, expected, or compromised"), from zxcvbn-ts.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  dictionary['passwords-common'].map((p) => p.toLowerCase()),
);
