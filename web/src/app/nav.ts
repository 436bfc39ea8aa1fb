import { type Icon, IconClipboardHeart, IconServer2 } from '@tabler/icons-react';

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
}

export const navItems: NavItem[] = [
  { label: 'Charts', to: '/chart', icon: IconClipboardHeart, permission: 'chart:read' },
  { label: 'System', to: '/system', icon: IconServer2, permission: 'system:read' },
];
