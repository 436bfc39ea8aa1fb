import { type Icon, IconArrowsJoin, IconServer2, IconUserPlus, IconUsers } from '@tabler/icons-react';

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
  { label: 'Patients', to: '/patients', icon: IconUsers, permission: 'patient:read', end: true },
  { label: 'Register patient', to: '/patients/new', icon: IconUserPlus, permission: 'patient:write' },
  {
    label: 'Duplicate review',
    to: '/patients/duplicates',
    icon: IconArrowsJoin,
    permission: 'patient:merge',
  },
  { label: 'System', to: '/system', icon: IconServer2, permission: 'system:read' },
];
