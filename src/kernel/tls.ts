import { readFileSync } from 'node:fs';
import { type Config, ConfigError } from './config.ts';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * The certificate and key named by TLS_CERT / TLS_KEY, read once at start so a missing or unreadable file
 * stops the server with a message naming the variable, never at the first handshake.
 * @returns undefined when TLS is not configured (plain HTTP behind a proxy)
 */
export function readTlsFiles(config: Pick<Config, 'TLS_CERT' | 'TLS_KEY'>): TlsFiles | undefined {
  if (!config.TLS_CERT || !config.TLS_KEY) return undefined;
  const read = (name: 'TLS_CERT' | 'TLS_KEY', file: string) => {
    let text: Buffer;
    try {
      text = readFileSync(file);
    } catch (e) {
      throw new ConfigError(
        `${name}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
    if (!text.toString('latin1').includes('-----BEGIN ')) {
      throw new ConfigError(`${name}: ${file} is not a PEM file.`);
    }
    return text;
  };
  return { cert: read('TLS_CERT', config.TLS_CERT), key: read('TLS_KEY', config.TLS_KEY) };
}

/**
 * HSTS only when this process terminates TLS itself: one year, subdomains included (OWASP ASVS 9.1.1,
 * RFC 6797). Behind a proxy the proxy sets it, because only it knows whether the client used HTTPS.
 */
export function hstsSetting(tls: TlsFiles | undefined) {
  return tls ? { maxAge: 31_536_000, includeSubDomains: true } : (false as const);
}
