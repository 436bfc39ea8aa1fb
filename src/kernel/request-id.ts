import { randomUUID } from 'node:crypto';

/** Accepts a caller's X-Request-Id when it is a short safe token (for tracing across systems), else makes one. */
export function newRequestId(incoming: string | string[] | undefined): string {
  const v = Array.isArray(incoming) ? incoming[0] : incoming;
  return v && /^[A-Za-z0-9._-]{8,64}$/.test(v) ? v : randomUUID();
}
