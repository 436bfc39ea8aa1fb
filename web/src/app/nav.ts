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
  IconDatabase,
  IconDatabaseExport,
  IconDatabaseImport,
  IconFileExport,
  IconFileInvoice,
  IconFilePencil,
  IconHome,
  IconInbox,
  IconListCheck,
  IconListSearch,
  IconMessageQuestion,
  IconPlugConnected,
  IconReceiptOff,
  IconSearch,
  IconSend,
  IconServer2,
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
  { label: 'HL7 interface', to: '/interface/hl7', icon: IconPlugConnected, permission: 'interface:read' },
  { label: 'Import FHIR', to: '/interop/import', icon: IconDatabaseImport, permission: 'fhir:bulk' },
  { label: 'Export FHIR', to: '/interop/export', icon: IconDatabaseExport, permission: 'fhir:bulk' },
  { label: 'Users', to: '/admin/users', icon: IconUserCog, permission: 'user:admin' },
  { label: 'Roles and permissions', to: '/admin/roles', icon: IconShieldLock, permission: 'user:admin' },
  { label: 'System', to: '/system', icon: IconServer2, permission: 'system:read' },
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
];
