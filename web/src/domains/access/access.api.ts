import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../../api/client.ts';

export interface Me {
  user: { id: string; username: string; fullName: string; credentials: string | null };
  roles: string[];
  permissions: string[];
  csrfToken: string | null;
  mfaPassed: boolean;
  mfaEnabled: boolean;
  mfaRequired: boolean;
  mustChangePassword: boolean;
  idleTimeoutSeconds: number;
  sessionExpiresAt: string | null;
}

/** The signed-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api<Me>('/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api<{ mfaRequired: boolean; csrfToken: string }>('/auth/login', { method: 'POST', json: body }),
    onSuccess: (r) => {
      setCsrfToken(r.csrfToken);
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      // Drop every cached patient screen, then show sign-in.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(['me'], null);
    },
  });
}

export const can = (me: Me | null | undefined, permission: string): boolean =>
  !!me?.permissions.includes(permission);

/** Re-reads the session after a change that alters what the user may do (MFA passed, password changed). */
function useRefreshMe() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['me'] });
}

export function useVerifyMfa() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (code: string) => api('/auth/mfa/verify', { method: 'POST', json: { code } }),
    onSuccess: refresh,
  });
}

export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

export function useStartMfaEnrolment() {
  return useMutation({
    mutationFn: () => api<MfaEnrolment>('/account/mfa/enrol', { method: 'POST' }),
  });
}

export function useConfirmMfaEnrolment() {
  return useMutation({
    mutationFn: (code: string) =>
      api<{ recoveryCodes: string[] }>('/account/mfa/confirm', { method: 'POST', json: { code } }),
  });
}

export function useDisableMfa() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (password: string) => api('/account/mfa/disable', { method: 'POST', json: { password } }),
    onSuccess: refresh,
  });
}

export { useRefreshMe };

const json = (method: string, body?: unknown) => ({ method, ...(body === undefined ? {} : { json: body }) });

export function useChangePassword() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (b: { currentPassword: string; newPassword: string }) =>
      api('/account/password', json('POST', b)),
    onSuccess: refresh,
  });
}

export interface SessionRow {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}
export const useMySessions = () =>
  useQuery({ queryKey: ['account', 'sessions'], queryFn: () => api<SessionRow[]>('/account/sessions') });

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
export const useMyTokens = () =>
  useQuery({ queryKey: ['account', 'tokens'], queryFn: () => api<TokenRow[]>('/account/tokens') });

/** A mutation that refreshes the given queries when it succeeds. */
function useAction<A, R>(fn: (a: A) => Promise<R>, ...keys: string[][]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      for (const k of keys) void qc.invalidateQueries({ queryKey: k });
    },
  });
}

export const useRevokeMySession = () =>
  useAction((id: string) => api(`/account/sessions/${id}`, json('DELETE')), ['account', 'sessions']);
export const useRevokeMyToken = () =>
  useAction((id: string) => api(`/account/tokens/${id}`, json('DELETE')), ['account', 'tokens']);
export const useCreateMyToken = () =>
  useAction(
    (b: { name: string; expiresInDays: number | null }) =>
      api<{ id: string; token: string; expiresAt: string | null }>('/account/tokens', json('POST', b)),
    ['account', 'tokens'],
  );

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  credentials: string | null;
  active: boolean;
  mfaEnabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  roles: string[];
  facilityIds: string[];
}
export const useUsers = (q: string, offset: number, limit: number) =>
  useQuery({
    queryKey: ['admin', 'users', q, offset, limit],
    queryFn: () =>
      api<{ items: UserRow[]; total: number }>(
        `/access/users?${new URLSearchParams({ q, offset: String(offset), limit: String(limit) })}`,
      ),
  });

export interface Facility {
  id: string;
  code: string;
  name: string;
}
export const useFacilities = () =>
  useQuery({ queryKey: ['admin', 'facilities'], queryFn: () => api<Facility[]>('/access/facilities') });
export const useCreateFacility = () =>
  useAction(
    (b: { code: string; name: string }) => api('/access/facilities', json('POST', b)),
    ['admin', 'facilities'],
  );

export interface RoleMatrix {
  roles: { id: string; label: string; permissions: string[] }[];
  permissions: { id: string; description: string }[];
}
export const useRoleMatrix = () =>
  useQuery({
    queryKey: ['admin', 'roles'],
    queryFn: () => api<RoleMatrix>('/access/roles'),
    staleTime: Infinity,
  });

export interface NewUser {
  username: string;
  fullName: string;
  credentials: string | null;
  roles: string[];
  facilityIds: string[];
  password: string;
}
export const useCreateUser = () =>
  useAction((b: NewUser) => api<{ id: string }>('/access/users', json('POST', b)), ['admin', 'users']);
export const useUpdateUser = () =>
  useAction(
    ({
      id,
      ...b
    }: {
      id: string;
      fullName?: string;
      credentials?: string | null;
      roles?: string[];
      facilityIds?: string[];
    }) => api(`/access/users/${id}`, json('PATCH', b)),
    ['admin', 'users'],
  );
export const useSetUserActive = () =>
  useAction(
    ({ id, active }: { id: string; active: boolean }) =>
      api(`/access/users/${id}/active`, json('PUT', { active })),
    ['admin', 'users'],
  );
export const useResetPassword = () =>
  useAction(
    ({ id, password }: { id: string; password: string }) =>
      api(`/access/users/${id}/password-reset`, json('POST', { password })),
    ['admin', 'users'],
  );
export const useResetMfa = () =>
  useAction((id: string) => api(`/access/users/${id}/mfa/reset`, json('POST')), ['admin', 'users']);
export const useRevokeUserSessions = () =>
  useAction((id: string) => api<{ revoked: number }>(`/access/users/${id}/sessions/revoke`, json('POST')));

export interface AuditEvent {
  seq: number;
  id: string;
  occurredAt: string;
  username: string | null;
  roles: string[];
  action: string;
  outcome: string;
  patientIds: string[];
  resourceType: string | null;
  resourceId: string | null;
  breakGlass: boolean;
  sourceIp: string | null;
  channel: string | null;
}
export type AuditFilter = Partial<
  Record<'username' | 'patientId' | 'action' | 'outcome' | 'from' | 'to', string>
>;

export const auditQueryString = (f: AuditFilter) =>
  new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();

export const useAuditSearch = (f: AuditFilter, offset: number, limit: number, enabled = true) =>
  useQuery({
    queryKey: ['audit', f, offset, limit],
    queryFn: () =>
      api<{ items: AuditEvent[]; total: number }>(
        `/access/audit?${auditQueryString(f)}&offset=${offset}&limit=${limit}`,
      ),
    enabled,
  });

export interface BreakGlassRow {
  id: string;
  username: string;
  fullName: string;
  patientId: string;
  reasonCode: string;
  reasonText: string;
  startedAt: string;
  expiresAt: string;
  reviewStatus: string;
  reviewNote: string | null;
}
export const useBreakGlassQueue = (status: string) =>
  useQuery({
    queryKey: ['breakglass', status],
    queryFn: () => api<BreakGlassRow[]>(`/access/break-glass?${status ? `status=${status}` : ''}`),
  });
export const useReviewBreakGlass = () =>
  useAction(
    ({ id, ...b }: { id: string; decision: 'acknowledged' | 'escalated'; note: string }) =>
      api(`/access/break-glass/${id}/review`, json('POST', b)),
    ['breakglass'],
  );
export const useBreakGlassReasons = (enabled: boolean) =>
  useQuery({
    queryKey: ['breakglass', 'reasons'],
    queryFn: () => api<{ code: string; label: string }[]>('/access/break-glass/reasons'),
    enabled,
    staleTime: Infinity,
  });
export const useDeclareBreakGlass = () =>
  useAction((b: { patientId: string; reasonCode: string; reasonText: string }) =>
    api<{ id: string; expiresAt: string }>('/access/break-glass', json('POST', b)),
  );

/** Field errors from a VALIDATION_FAILED answer, by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
    const issues = (error.details as { issues?: { field: string; message: string }[] })?.issues ?? [];
    for (const i of issues) out[i.field] = out[i.field] ? `${out[i.field]} ${i.message}` : i.message;
  }
  return out;
}
