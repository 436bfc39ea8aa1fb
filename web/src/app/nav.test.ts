import { describe, expect, it } from 'vitest';
import { dutyOf, navGroups, navItems, navSections } from './nav.ts';

describe('navigation by duty', () => {
  it('puts every existing screen in a duty group, none in the fallback by accident', () => {
    const admin = new Set(['/admin/users', '/admin/roles', '/admin/jobs', '/system']);
    for (const item of navItems) {
      const duty = dutyOf(item);
      expect(navGroups).toContain(duty);
      if (duty === 'Administration') expect(admin.has(item.to)).toBe(true);
    }
  });

  it('files screens by the longest path prefix', () => {
    expect(dutyOf({ to: '/patients/duplicates' })).toBe('Patients');
    expect(dutyOf({ to: '/completion/queries' })).toBe('Chart completion');
    expect(dutyOf({ to: '/code-sets' })).toBe('Coding');
    expect(dutyOf({ to: '/codes' })).toBe('Coding');
    expect(dutyOf({ to: '/billing/denials' })).toBe('Billing');
    expect(dutyOf({ to: '/registry/cases' })).toBe('Registry');
    expect(dutyOf({ to: '/privacy/alerts' })).toBe('Privacy and audit');
    expect(dutyOf({ to: '/interop/export' })).toBe('Interfaces');
    // A prefix matches whole path segments only: /codesets is not /codes.
    expect(dutyOf({ to: '/codesets' })).toBe('Administration');
  });

  it('lets an item name its duty explicitly', () => {
    expect(dutyOf({ to: '/patients/new', group: 'Registry' })).toBe('Registry');
  });

  it('shows only permitted items, groups in duty order, no empty groups', () => {
    const sections = navSections(navItems, ['self:manage', 'disclosure:read', 'patient:read']);
    expect(sections.map((s) => s.group)).toEqual(['You', 'Patients', 'Release of information']);
    expect(sections[0]?.items.map((i) => i.label)).toEqual(['My work', 'My account']);
    expect(sections.flatMap((s) => s.items).every((i) => i.permission !== 'billing:read')).toBe(true);
  });

  it('keeps every navigation item reachable for a user holding every permission', () => {
    const all = [...new Set(navItems.flatMap((i) => (i.permission ? [i.permission] : [])))];
    const shown = navSections(navItems, all).flatMap((s) => s.items);
    expect(shown).toHaveLength(navItems.length);
    expect(new Set(shown.map((i) => i.to))).toEqual(new Set(navItems.map((i) => i.to)));
  });
});
