import { type Icon, IconDatabase, IconSearch, IconServer2 } from '@tabler/icons-react';

/**
 * The product's areas as they appear in the navigation. An area is listed only once it has screens:
 * patients, chart completion, release of information, coding, billing, cancer registry, audit and
 * administration join this list as their domains land.
 */
export interface NavItem {
  label: string;
  to: string;
  icon: Icon;
}

export const navItems: NavItem[] = [
  { label: 'Code search', to: '/codes', icon: IconSearch },
  { label: 'Code sets', to: '/code-sets', icon: IconDatabase },
  { label: 'System', to: '/system', icon: IconServer2 },
];
