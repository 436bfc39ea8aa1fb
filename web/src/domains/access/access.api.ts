import type {
  createdTokenSchema,
  loginResult,
  Me,
  mfaEnrolmentSchema,
  recoveryCodesSchema,
  roleMatrixSchema,
  sessionListSchema,
  setupStatusSchema,
  tokenListSchema,
} from '@server/access/access.schemas.ts';
import type {
  createdUserSchema,
  createUserBody,
  facilitySchema,
  revokedSchema,
  userListSchema,
} from '@server/access/admin.schemas.ts';
import type {
  auditPageSchema,
  breakGlassViewSchema,
  declaredSchema,
  reasonsSchema,
} from '@server/access/audit/audit.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api, setCsrfToken } from '../../api/client.ts';

// Shapes as the access API sends them, from its schemas (docs/adr/0005, type-only imports).
export type { Me };
export type MfaEnrolment = z.output<typeof mfaEnrolmentSchema>;
export type SessionRow = z.output<typeof sessionListSchema>[number];
export type TokenRow = z.output<typeof tokenListSchema>[number];
export type UserRow = z.output<typeof userListSchema>['items'][number];
export type Facility = z.output<typeof facilitySchema>;
export type RoleMatrix = z.output<typeof roleMatrixSchema>;
export type NewUser = z.input<typeof createUserBody>;
export type AuditEvent = z.output<typeof auditPageSchema>['items'][number];
export type BreakGlassRow = z.output<typeof breakGlassViewSchema>[number];

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
      api<z.output<typeof loginResult>>('/auth/login', { method: 'POST', json: body }),
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

export function useStartMfaEnrolment() {
  return useMutation({
    mutationFn: () => api<MfaEnrolment>('/account/mfa/enrol', { method: 'POST' }),
  });
}

export function useConfirmMfaEnrolment() {
  return useMutation({
    mutationFn: (code: string) =>
      api<z.output<typeof recoveryCodesSchema>>('/account/mfa/confirm', { method: 'POST', json: { code } }),
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

export const useMySessions = () =>
  useQuery({ queryKey: ['account', 'sessions'], queryFn: () => api<SessionRow[]>('/account/sessions') });

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
      api<z.output<typeof createdTokenSchema>>('/account/tokens', json('POST', b)),
    ['account', 'tokens'],
  );

export const useUsers = (q: string, offset: number, limit: number) =>
  useQuery({
    queryKey: ['admin', 'users', q, offset, limit],
    queryFn: () =>
      api<z.output<typeof userListSchema>>(
        `/access/users?${new URLSearchParams({ q, offset: String(offset), limit: String(limit) })}`,
      ),
  });

export const useFacilities = () =>
  useQuery({ queryKey: ['admin', 'facilities'], queryFn: () => api<Facility[]>('/access/facilities') });
export const useCreateFacility = () =>
  useAction(
    (b: { code: string; name: string }) => api('/access/facilities', json('POST', b)),
    ['admin', 'facilities'],
  );

export const useRoleMatrix = () =>
  useQuery({
    queryKey: ['admin', 'roles'],
    queryFn: () => api<RoleMatrix>('/access/roles'),
    staleTime: Infinity,
  });

export const useCreateUser = () =>
  useAction(
    (b: NewUser) => api<z.output<typeof createdUserSchema>>('/access/users', json('POST', b)),
    ['admin', 'users'],
  );
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
  useAction((id: string) =>
    api<z.output<typeof revokedSchema>>(`/access/users/${id}/sessions/revoke`, json('POST')),
  );

export type AuditFilter = Partial<
  Record<'username' | 'patientId' | 'action' | 'outcome' | 'from' | 'to', string>
>;

export const auditQueryString = (f: AuditFilter) =>
  new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();

export const useAuditSearch = (f: AuditFilter, offset: number, limit: number, enabled = true) =>
  useQuery({
    queryKey: ['audit', f, offset, limit],
    queryFn: () =>
      api<z.output<typeof auditPageSchema>>(
        `/access/audit?${auditQueryString(f)}&offset=${offset}&limit=${limit}`,
      ),
    enabled,
  });

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
    queryFn: () => api<z.output<typeof reasonsSchema>>('/access/break-glass/reasons'),
    enabled,
    staleTime: Infinity,
  });
export const useDeclareBreakGlass = () =>
  useAction((b: { patientId: string; reasonCode: string; reasonText: string }) =>
    api<z.output<typeof declaredSchema>>('/access/break-glass', json('POST', b)),
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

export const useSetupStatus = (token: string) =>
  useQuery({
    queryKey: ['setup', token],
    queryFn: () =>
      api<z.output<typeof setupStatusSchema>>(`/setup/status?token=${encodeURIComponent(token)}`),
    enabled: !!token,
  });

export function useCompleteSetup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { token: string; username: string; fullName: string; password: string }) =>
      api<{ csrfToken: string }>('/setup', json('POST', b)),
    onSuccess: (r) => {
      setCsrfToken(r.csrfToken);
      window.history.replaceState(null, '', '/');
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
