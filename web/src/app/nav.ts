import {
  type Icon,
  IconAdjustments,
  IconAlertTriangle,
  IconArrowsJoin,
  IconCash,
  IconChartBar,
  IconChartLine,
  IconChecklist,
  IconClipboardCheck,
  IconClipboardHeart,
  IconClockPlay,
  IconDatabase,
  IconDatabaseExport,
  IconDatabaseImport,
  IconEyeExclamation,
  IconFileExport,
  IconFileInvoice,
  IconFilePencil,
  IconHome,
  IconInbox,
  IconListCheck,
  IconListSearch,
  IconLock,
  IconMessageQuestion,
  IconPlugConnected,
  IconReceiptOff,
  IconSearch,
  IconSend,
  IconServer2,
  IconShieldCheck,
  IconShieldLock,
  IconUserCircle,
  IconUserCog,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';

/**
 * The product's areas as they appear in the navigation. An area is listed only once it has screens:
 * patients, chart completion, release of information, coding, billing, cancer registry, audit and
 * administration join this list as their domains land.
 */
export interface NavItem {
  label: string;
  to: string;
  icon: Icon;
  /** Shown only to users holding this permission. */
  permission?: string;
  /** Active only on this exact path (when other items live under it, e.g. /patients/new). */
  end?: boolean;
  /** The duty it serves; when left out, the duty follows from the path (see {@link dutyOf}). */
  group?: NavGroup;
}

/**
 * The duties of an HIM department, in the order the navigation shows them (issue 20). "You" holds the
 * user's own pages (My work, My account); it comes first so the home page is always the top link.
 */
export const navGroups = [
  'You',
  'Patients',
  'Chart completion',
  'Release of information',
  'Coding',
  'Billing',
  'Registry',
  'Privacy and audit',
  'Interfaces',
  'Administration',
] as const;
export type NavGroup = (typeof navGroups)[number];

/**
 * Path prefixes and the duty each belongs to, longest prefix wins. Items added by other areas land in the
 * right group from their path alone, so a new screen is one line in {@link navItems}.
 */
const DUTY_BY_PREFIX: [string, NavGroup][] = [
  ['/my-work', 'You'],
  ['/account', 'You'],
  ['/patients', 'Patients'],
  ['/chart', 'Patients'],
  ['/completion', 'Chart completion'],
  ['/roi', 'Release of information'],
  ['/coding', 'Coding'],
  ['/codes', 'Coding'],
  ['/code-sets', 'Coding'],
  ['/billing', 'Billing'],
  ['/registry', 'Registry'],
  ['/audit', 'Privacy and audit'],
  ['/privacy', 'Privacy and audit'],
  ['/interface', 'Interfaces'],
  ['/interop', 'Interfaces'],
  ['/admin', 'Administration'],
  ['/system', 'Administration'],
];

/** The duty a navigation item serves: its own `group`, else the longest matching path prefix. */
export function dutyOf(item: Pick<NavItem, 'to' | 'group'>): NavGroup {
  if (item.group) return item.group;
  let best: [string, NavGroup] | undefined;
  for (const entry of DUTY_BY_PREFIX) {
    const [prefix] = entry;
    const hit = item.to === prefix || item.to.startsWith(`${prefix}/`);
    if (hit && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best?.[1] ?? 'Administration';
}

export interface NavSection {
  group: NavGroup;
  items: NavItem[];
}

/**
 * The navigation a user sees: only the items their permissions allow, grouped by duty in
 * {@link navGroups} order, keeping the list order within a group; empty groups are left out.
 *
 * @param items - every navigation item (normally {@link navItems})
 * @param permissions - the signed-in user's permissions
 */
export function navSections(items: NavItem[], permissions: readonly string[]): NavSection[] {
  const allowed = items.filter((i) => !i.permission || permissions.includes(i.permission));
  return navGroups
    .map((group) => ({ group, items: allowed.filter((i) => dutyOf(i) === group) }))
    .filter((s) => s.items.length > 0);
}

export const navItems: NavItem[] = [
  { label: 'My work', to: '/my-work', icon: IconHome, permission: 'self:manage' },
  { label: 'Patients', to: '/patients', icon: IconUsers, permission: 'patient:read', end: true },
  { label: 'Register patient', to: '/patients/new', icon: IconUserPlus, permission: 'patient:write' },
  { label: 'Charts', to: '/chart', icon: IconClipboardHeart, permission: 'chart:read' },
  {
    label: 'Duplicate review',
    to: '/patients/duplicates',
    icon: IconArrowsJoin,
    permission: 'patient:merge',
  },
  { label: 'My inbox', to: '/completion/inbox', icon: IconInbox, permission: 'chart:sign' },
  {
    label: 'Deficiency queue',
    to: '/completion/queue',
    icon: IconChecklist,
    permission: 'completion:manage',
  },
  {
    label: 'Clinician queries',
    to: '/completion/queries',
    icon: IconMessageQuestion,
    permission: 'completion:manage',
  },
  {
    label: 'Amendments',
    to: '/completion/amendments',
    icon: IconFilePencil,
    permission: 'completion:manage',
  },
  {
    label: 'Delinquency report',
    to: '/completion/report',
    icon: IconChartBar,
    permission: 'completion:manage',
  },
  {
    label: 'Deficiency rules',
    to: '/completion/settings',
    icon: IconAdjustments,
    permission: 'completion:manage',
  },
  { label: 'Coding queue', to: '/coding', icon: IconListCheck, permission: 'coding:write', end: true },
  {
    label: 'Coding productivity',
    to: '/coding/productivity',
    icon: IconChartBar,
    permission: 'coding:write',
  },
  {
    label: 'Release of information',
    to: '/roi',
    icon: IconFileExport,
    permission: 'disclosure:read',
  },
  { label: 'Code search', to: '/codes', icon: IconSearch, permission: 'code:read' },
  { label: 'Code sets', to: '/code-sets', icon: IconDatabase, permission: 'code:read' },
  { label: 'Audit trail', to: '/audit', icon: IconListSearch, permission: 'audit:read' },
  {
    label: 'Break-the-glass review',
    to: '/audit/break-glass',
    icon: IconAlertTriangle,
    permission: 'audit:read',
  },
  { label: 'Privacy alerts', to: '/privacy/alerts', icon: IconEyeExclamation, permission: 'privacy:monitor' },
  { label: 'Restricted records', to: '/privacy/restricted', icon: IconLock, permission: 'patient:restrict' },
  { label: 'HL7 interface', to: '/interface/hl7', icon: IconPlugConnected, permission: 'interface:read' },
  { label: 'Import FHIR', to: '/interop/import', icon: IconDatabaseImport, permission: 'fhir:bulk' },
  { label: 'Export FHIR', to: '/interop/export', icon: IconDatabaseExport, permission: 'fhir:bulk' },
  { label: 'Users', to: '/admin/users', icon: IconUserCog, permission: 'user:admin' },
  { label: 'Roles and permissions', to: '/admin/roles', icon: IconShieldLock, permission: 'user:admin' },
  { label: 'System', to: '/system', icon: IconServer2, permission: 'system:read' },
  { label: 'Jobs', to: '/admin/jobs', icon: IconClockPlay, permission: 'job:admin' },
  { label: 'Case-finding queue', to: '/registry/suspense', icon: IconListCheck, permission: 'registry:read' },
  {
    label: 'Registry cases',
    to: '/registry/tumours',
    icon: IconListCheck,
    permission: 'registry:read',
    end: true,
  },
  {
    label: 'Registry follow-up',
    to: '/registry/followup',
    icon: IconClipboardCheck,
    permission: 'registry:read',
  },
  {
    label: 'Registry dashboard',
    to: '/registry/dashboard',
    icon: IconChartBar,
    permission: 'registry:read',
  },
  { label: 'NAACCR export', to: '/registry/export', icon: IconFileExport, permission: 'registry:read' },
  {
    label: 'Registry analytics',
    to: '/registry/analytics',
    icon: IconChartLine,
    permission: 'registry:read',
  },
  { label: 'My account', to: '/account', icon: IconUserCircle, permission: 'self:manage' },
  { label: 'Claims', to: '/billing/claims', icon: IconFileInvoice, permission: 'billing:read' },
  { label: '837 batches', to: '/billing/batches', icon: IconSend, permission: 'billing:read' },
  { label: 'Remittance (835)', to: '/billing/remittance', icon: IconCash, permission: 'billing:read' },
  { label: 'Denials', to: '/billing/denials', icon: IconReceiptOff, permission: 'billing:read' },
  {
    label: 'Prior authorizations',
    to: '/billing/prior-auths',
    icon: IconClipboardCheck,
    permission: 'billing:read',
  },
  {
    label: 'Eligibility (270/271)',
    to: '/billing/eligibility',
    icon: IconShieldCheck,
    permission: 'billing:read',
  },
  { label: 'A/R aging', to: '/billing/aging', icon: IconChartBar, permission: 'billing:read' },
];
