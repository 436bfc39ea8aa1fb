import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { hstsSetting, readTlsFiles } from './tls.ts';

const fixtures = path.resolve('test/fixtures/tls');
const cert = path.join(fixtures, 'localhost.crt');
const key = path.join(fixtures, 'localhost.key');

describe('TLS configuration', () => {
  it('needs TLS_CERT and TLS_KEY together', () => {
    expect(() => loadConfig({ TLS_CERT: cert })).toThrow(/TLS_CERT and TLS_KEY must be set together/);
    expect(() => loadConfig({ TLS_KEY: key })).toThrow(ConfigError);
  });

  it('makes the default public URL https when the server terminates TLS', () => {
    expect(loadConfig({ TLS_CERT: cert, TLS_KEY: key, PORT: '8443' }).publicUrl).toBe(
      'https://127.0.0.1:8443',
    );
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:8080');
  });

  it('reads both PEM files, or none when TLS is off', () => {
    const files = readTlsFiles({ TLS_CERT: cert, TLS_KEY: key });
    expect(files?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(files?.key.toString()).toContain('PRIVATE KEY');
    expect(readTlsFiles({})).toBeUndefined();
  });

  it('names the variable of a missing or non-PEM file', () => {
    expect(() => readTlsFiles({ TLS_CERT: '/nonexistent/cert.pem', TLS_KEY: key })).toThrow(
      /TLS_CERT: cannot read \/nonexistent\/cert\.pem \(ENOENT\)/,
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-tls-'));
    const junk = path.join(dir, 'key.txt');
    writeFileSync(junk, 'not a key');
    expect(() => readTlsFiles({ TLS_CERT: cert, TLS_KEY: junk })).toThrow(/TLS_KEY: .* is not a PEM file/);
  });

  it('sends HSTS only when this process speaks TLS', () => {
    expect(hstsSetting(undefined)).toBe(false);
    expect(hstsSetting({ cert: Buffer.from(''), key: Buffer.from('') })).toEqual({
      maxAge: 31_536_000,
      includeSubDomains: true,
    });
  });
});
