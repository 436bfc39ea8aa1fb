import { type NavItem, navSections } from '../../app/nav.ts';

/** One thing the command palette can open: a screen, an action, or a patient. */
export interface PaletteEntry {
  id: string;
  label: string;
  description: string;
  to: string;
}

/** Actions that are not screens of their own in the navigation (issue 20: "jump to actions"). */
const ACTIONS: (PaletteEntry & { permission: string })[] = [
  {
    id: 'action:roi-new',
    label: 'New release-of-information request',
    description: 'Action · Release of information',
    to: '/roi/new',
    permission: 'disclosure:release',
  },
];

/**
 * Screens and actions the user may open, each described by its duty, so "Billing" finds every billing
 * screen. Built from the same navigation data as the side bar, so a new screen shows up in both.
 *
 * @param items - the navigation items (normally `navItems`)
 * @param permissions - the signed-in user's permissions
 */
export function paletteScreens(items: NavItem[], permissions: readonly string[]): PaletteEntry[] {
  const screens = navSections(items, permissions).flatMap((s) =>
    s.items.map((i) => ({
      id: `screen:${i.to}`,
      label: i.label,
      description: `Screen · ${s.group}`,
      to: i.to,
    })),
  );
  const actions = ACTIONS.filter((a) => permissions.includes(a.permission)).map(
    ({ permission: _p, ...a }) => a,
  );
  return [...screens, ...actions];
}

/** Case-insensitive match on label and description, every word of the query must appear. */
export function filterEntries(entries: PaletteEntry[], query: string): PaletteEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((e) => {
    const hay = `${e.label} ${e.description}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/**
 * How a typed query searches patients: a query with a digit is an MRN, two or more letters a name, anything
 * else no patient search (one letter would list half the index).
 */
export function patientQuery(query: string): { mrn: string } | { name: string } | null {
  const q = query.trim();
  if (/\d/.test(q)) return { mrn: q };
  if (q.replace(/[^\p{L}]/gu, '').length >= 2) return { name: q };
  return null;
}
