/**
 * The role → permission matrix, in one place (issue: access control). Routes declare the permission they
 * need; the admin screen and docs/access.md show this table. A permission is `<area>:<verb>`.
 */
export const PERMISSIONS = {
  'patient:read': 'See patient demographics and the patient index',
  'patient:write': 'Register patients, update demographics and insurance',
  'patient:merge': 'Merge and unmerge duplicate patient records',
  'patient:matcher': 'See, train, activate and roll back the patient matcher weights (issue 17)',
  'patient:restrict': 'Set and remove restriction labels (VIP, employee, confidential…) on a patient record',
  'chart:read': 'See the clinical record (history, medications, encounters, results, notes, documents)',
  'chart:write': 'Record encounters, outcomes, notes and documents',
  'chart:sign': 'Sign and co-sign clinical notes',
  'completion:manage': 'Work deficiencies, queries and amendments (HIM)',
  'disclosure:read': 'See release-of-information requests and the accounting of disclosures',
  'disclosure:release': 'Process requests, check authorizations and release records',
  'disclosure:override': 'Let a release proceed despite a failing authorization check (with a reason)',
  'code:read': 'Search code sets and run coding edits',
  'code:admin': 'Import and manage code-set versions',
  'coding:write': 'Code encounters',
  'billing:read': 'See claims, remittances and denials',
  'billing:write': 'Build and submit claims, post payments, work denials',
  'registry:read': 'See cancer registry abstracts and reports',
  'registry:write': 'Abstract cases, follow-up, submit to central registries',
  'audit:read': 'Search the audit trail and review break-the-glass events',
  'audit:fhir': 'Read the audit trail as FHIR AuditEvent resources (privacy officer only, issue 8)',
  'privacy:monitor': 'Work privacy-monitoring alerts found in the audit trail and run scans (issue 23)',
  'breakglass:use': 'Declare an emergency to open a restricted record',
  'fhir:bulk': 'Bulk FHIR export and import',
  'interface:read': 'See the HL7 v2 interface monitor and received messages (raw text holds PHI)',
  'interface:manage': 'Replay rejected interface messages and submit HL7 v2 messages by hand',
  'user:admin': 'Manage users, roles, facilities and security policies',
  'system:read': 'See system information (version, database, migrations)',
  'job:admin': 'See, cancel and retry background jobs (the jobs screen)',
  'self:manage': 'Manage my own password, MFA, sessions and API tokens',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export const ROLES = {
  registration_clerk: 'Registration clerk',
  him_clerk: 'HIM clerk',
  physician: 'Physician',
  nurse: 'Nurse',
  coder: 'Coder',
  biller: 'Biller',
  roi_specialist: 'Release-of-information specialist',
  cancer_registrar: 'Cancer registrar',
  privacy_officer: 'Privacy officer',
  administrator: 'Administrator',
} as const;

export type Role = keyof typeof ROLES;
export const ALL_ROLES = Object.keys(ROLES) as Role[];

/** Clinicians need a care relationship (or break-the-glass) to open a restricted record. */
export const CLINICAL_ROLES: ReadonlySet<Role> = new Set(['physician', 'nurse']);

const everyone: Permission[] = ['self:manage'];

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  registration_clerk: [...everyone, 'patient:read', 'patient:write'],
  him_clerk: [
    ...everyone,
    'patient:read',
    'patient:write',
    'patient:merge',
    'patient:restrict',
    'chart:read',
    'chart:write',
    'completion:manage',
    'code:read',
    'interface:read',
    'interface:manage',
  ],
  physician: [
    ...everyone,
    'patient:read',
    'chart:read',
    'chart:write',
    'chart:sign',
    'code:read',
    'breakglass:use',
  ],
  nurse: [...everyone, 'patient:read', 'chart:read', 'chart:write', 'breakglass:use'],
  coder: [...everyone, 'patient:read', 'chart:read', 'code:read', 'coding:write', 'completion:manage'],
  biller: [...everyone, 'patient:read', 'code:read', 'billing:read', 'billing:write'],
  roi_specialist: [...everyone, 'patient:read', 'chart:read', 'disclosure:read', 'disclosure:release'],
  cancer_registrar: [
    ...everyone,
    'patient:read',
    'chart:read',
    'code:read',
    'registry:read',
    'registry:write',
  ],
  privacy_officer: [
    ...everyone,
    'patient:read',
    'patient:restrict',
    'audit:read',
    'audit:fhir',
    'privacy:monitor',
    'disclosure:read',
    'disclosure:override',
  ],
  administrator: [
    ...everyone,
    'user:admin',
    'system:read',
    'job:admin',
    'code:read',
    'code:admin',
    'fhir:bulk',
    'audit:read',
    'interface:read',
    'interface:manage',
    'patient:matcher',
  ],
};

/** Permissions that reach patient data: roles holding any of them must use MFA (unless policy is off). */
export const PATIENT_DATA_PERMISSIONS: ReadonlySet<Permission> = new Set([
  'patient:read',
  'chart:read',
  'disclosure:read',
  'billing:read',
  'registry:read',
  'audit:read',
  'audit:fhir',
  'privacy:monitor',
  'fhir:bulk',
  'interface:read',
]);

export function permissionsFor(roles: readonly string[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r as Role] ?? []) out.add(p);
  return out;
}

export const isRole = (r: string): r is Role => r in ROLES;
export const isPermission = (p: string): p is Permission => p in PERMISSIONS;
