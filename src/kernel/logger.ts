import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Log redaction (DESIGN invariant 5): nothing that could be patient data or a secret reaches the logs.
 * Request bodies are never logged; URLs are logged without their query string (a GET search carries names
 * and dates of birth there); credentials and any field that commonly holds PHI are censored wherever
 * they appear one or two levels deep in a logged object.
 */
const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'secret',
  'totp',
  'code',
  'ssn',
  'name',
  'family',
  'given',
  'birthDate',
  'dateOfBirth',
  'address',
  'phone',
  'email',
  'mrn',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/** Strips the query string: `/api/patients?family=Doe` → `/api/patients`. */
export function pathOnly(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        method: req.method,
        url: typeof req.url === 'string' ? pathOnly(req.url) : undefined,
        id: req.id,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
