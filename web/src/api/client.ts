/** A coded API error as the server sends it: `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from sign-in or /auth/me) for state-changing requests. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (401), so the app can show the sign-in page. */
let onUnauthenticated: (() => void) | undefined;
export function onSessionLost(fn: () => void): void {
  onUnauthenticated = fn;
}

/** Calls the Chartkeeper API with the session cookie; throws ApiError with the server's message. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  if (csrfToken && init.method && init.method !== 'GET') headers.set('x-csrf-token', csrfToken);
  const res = await fetch(`/api${path}`, { ...init, body, headers, credentials: 'same-origin' });
  if (res.status === 401 && !path.startsWith('/auth/')) onUnauthenticated?.();
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => undefined)) as
    | { error?: { code: string; message: string; details?: unknown } }
    | undefined;
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(
      res.status,
      e?.code ?? 'HTTP_ERROR',
      e?.message ?? `Request failed (${res.status}).`,
      e?.details,
    );
  }
  return data as T;
}

/** POSTs JSON and returns the answer as a file (a PDF report, say); throws ApiError like `api`. */
export async function apiBlob(path: string, json: unknown): Promise<Blob> {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (csrfToken) headers.set('x-csrf-token', csrfToken);
  const res = await fetch(`/api${path}`, {
    method: 'POST',
    body: JSON.stringify(json),
    headers,
    credentials: 'same-origin',
  });
  if (res.status === 401) onUnauthenticated?.();
  if (!res.ok) {
    const data = (await res.json().catch(() => undefined)) as
      | { error?: { code: string; message: string; details?: unknown } }
      | undefined;
    throw new ApiError(
      res.status,
      data?.error?.code ?? 'HTTP_ERROR',
      data?.error?.message ?? `Request failed (${res.status}).`,
      data?.error?.details,
    );
  }
  return res.blob();
}
