import type {
  restrictedOut,
  restrictionLabelsOut,
  staffDirectoryOut,
  staffLinksOut,
} from '@server/patients/restrictions.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// Types come from the server's response schemas (type-only imports).
export type RestrictionLabels = z.infer<typeof restrictionLabelsOut>;
export type StaffLinks = z.infer<typeof staffLinksOut>;
export type StaffMember = z.infer<typeof staffDirectoryOut>[number];
export type RestrictedPage = z.infer<typeof restrictedOut>;

/** How each label reads to a clerk (RESTRICTION_LABELS in src/access/patient-access.ts). */
/** Restriction labels as the screens name them (the banner's own wording). */
export {
  RESTRICTION_LABEL_TEXT as LABEL_TEXT,
  restrictionText as labelText,
} from '../../ui/PatientBanner.tsx';

/** A reason is required for every change and is kept with it (issue 23; 45 CFR 164.530(j) documentation). */
export const reasonProblem = (r: string, touched: boolean): string | undefined =>
  touched && r.trim().length < 5 ? 'Say why, in a few words (it is kept with the change).' : undefined;

export const useRestrictionLabels = (patientId: string, enabled = true) =>
  useQuery({
    queryKey: ['restrictions', patientId],
    queryFn: () => api<RestrictionLabels>(`/patients/${patientId}/restriction-labels`),
    enabled,
  });

function useInvalidatePatient(patientId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['restrictions', patientId] });
    void qc.invalidateQueries({ queryKey: ['staff-links', patientId] });
    void qc.invalidateQueries({ queryKey: ['patients', patientId] });
    void qc.invalidateQueries({ queryKey: ['restricted'] });
  };
}

export function useChangeRestriction(patientId: string) {
  const done = useInvalidatePatient(patientId);
  return useMutation({
    mutationFn: (v: { action: 'add' | 'remove'; label: string; reason: string }) =>
      api<RestrictionLabels>(
        `/patients/${patientId}/restriction-labels${v.action === 'remove' ? '/remove' : ''}`,
        { method: 'POST', json: { label: v.label, reason: v.reason } },
      ),
    onSuccess: done,
  });
}

export const useStaffLinks = (patientId: string, enabled = true) =>
  useQuery({
    queryKey: ['staff-links', patientId],
    queryFn: () => api<StaffLinks>(`/patients/${patientId}/staff-links`),
    enabled,
  });

export function useLinkStaff(patientId: string) {
  const done = useInvalidatePatient(patientId);
  return useMutation({
    mutationFn: (v: { userId: string; kind: 'self' | 'family'; reason: string }) =>
      api<StaffLinks>(`/patients/${patientId}/staff-links`, { method: 'POST', json: v }),
    onSuccess: done,
  });
}

export function useUnlinkStaff(patientId: string) {
  const done = useInvalidatePatient(patientId);
  return useMutation({
    mutationFn: (v: { linkId: string; reason: string }) =>
      api<StaffLinks>(`/patients/${patientId}/staff-links/remove`, { method: 'POST', json: v }),
    onSuccess: done,
  });
}

export const useStaffDirectory = (q: string) =>
  useQuery({
    queryKey: ['staff-directory', q],
    queryFn: () => api<StaffMember[]>(`/patients/staff-directory?q=${encodeURIComponent(q)}`),
    enabled: q.trim().length >= 2,
  });

export const useRestrictedPatients = (f: { label?: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: ['restricted', f],
    queryFn: () => {
      const p = new URLSearchParams({ page: String(f.page), pageSize: String(f.pageSize) });
      if (f.label) p.set('label', f.label);
      return api<RestrictedPage>(`/patients/restricted?${p}`);
    },
    placeholderData: keepPreviousData,
  });
