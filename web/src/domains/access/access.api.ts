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
