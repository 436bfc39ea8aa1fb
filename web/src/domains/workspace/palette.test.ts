import { describe, expect, it } from 'vitest';
import { navItems } from '../../app/nav.ts';
import { filterEntries, paletteScreens, patientQuery } from './palette.ts';

describe('command palette entries', () => {
  it('lists only the screens and actions the user may open', () => {
    const entries = paletteScreens(navItems, ['self:manage', 'disclosure:read']);
    expect(entries.map((e) => e.to)).toEqual(['/my-work', '/account', '/roi']);
    expect(entries.map((e) => e.to)).not.toContain('/roi/new');
    const releaser = paletteScreens(navItems, ['disclosure:read', 'disclosure:release']);
    expect(releaser.map((e) => e.to)).toContain('/roi/new');
  });

  it('finds screens by every word of the query, in label or duty', () => {
    const entries = paletteScreens(navItems, ['billing:read', 'coding:write', 'code:read']);
    const billing = filterEntries(entries, 'billing');
    expect(billing.map((e) => e.label)).toContain('Claims');
    expect(billing.every((e) => e.description === 'Screen · Billing')).toBe(true);
    expect(filterEntries(entries, 'coding queue').map((e) => e.label)).toEqual(['Coding queue']);
    expect(filterEntries(entries, '')).toHaveLength(entries.length);
  });

  it('searches patients by MRN when the query has a digit, by name from two letters', () => {
    expect(patientQuery(' MRN00042 ')).toEqual({ mrn: 'MRN00042' });
    expect(patientQuery('varma')).toEqual({ name: 'varma' });
    expect(patientQuery('v')).toBeNull();
    expect(patientQuery('  ')).toBeNull();
  });
});
