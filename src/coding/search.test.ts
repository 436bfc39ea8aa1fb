import { describe, expect, it } from 'vitest';
import { expandTerms, looksLikeCode, toPrefixTsQuery } from './abbreviations.ts';
import { chapterOf, directChildren } from './chapters.ts';
import { diffCodeSets } from './diff.ts';
import { displayCode, effectivePeriod, normalizeCode } from './systems.ts';

describe('search helpers', () => {
  it('reads code-like queries with or without the dot', () => {
    for (const q of ['E11.9', 'e119', 'S02.0XXA', '0DTJ4ZZ', 'A00']) expect(looksLikeCode(q)).toBe(true);
    for (const q of ['DM2', 'diab typ 2', 'fx nasal']) expect(looksLikeCode(q)).toBe(false);
    expect(normalizeCode(' s02.0xxa ')).toBe('S020XXA');
  });
  it('expands clinical abbreviations into title words', () => {
    expect(expandTerms('DM2 ckd')).toEqual([
      'type',
      '2',
      'diabetes',
      'mellitus',
      'chronic',
      'kidney',
      'disease',
    ]);
    expect(toPrefixTsQuery(expandTerms('fx nasal bone initial'))).toBe(
      'fracture:* & nasal:* & bone:* & initial:*',
    );
  });
  it('places codes in chapters, including the O9A and U chapters', () => {
    expect(chapterOf('O9A211')?.number).toBe(15);
    expect(chapterOf('U071')?.number).toBe(22);
    expect(chapterOf('T360X1A')?.number).toBe(19);
  });
  it('keeps direct children only, skipping placeholder levels', () => {
    const d = ['S020', 'S020XXA', 'S022', 'S022XXA'].map((code) => ({ code }));
    expect(directChildren('S02', d).map((x) => x.code)).toEqual(['S020', 'S022']);
    expect(directChildren('S020', [{ code: 'S020XXA' }]).map((x) => x.code)).toEqual(['S020XXA']);
  });
  it('derives ICD-10 fiscal-year and HCPCS calendar-year periods', () => {
    expect(effectivePeriod('icd10cm', 'FY2026')).toEqual({ from: '2025-10-01', to: '2026-09-30' });
    expect(effectivePeriod('hcpcs', '2020')).toEqual({ from: '2020-01-01', to: '2020-12-31' });
    expect(displayCode('icd10cm', 'S020XXA')).toBe('S02.0XXA');
  });
  it('diffs like the CMS addenda: a code turned header is one deletion and one addition', () => {
    const c = (code: string, billable: boolean, t = 'x') => ({
      code,
      billable,
      short_description: t,
      long_description: t,
    });
    const d = diffCodeSets(
      [c('B880', true), c('A00', false)],
      [c('B880', false), c('B8801', true), c('A00', false, 'y')],
    );
    expect(d.counts).toEqual({
      codes: { added: 1, deleted: 1, revised: 0 },
      headers: { added: 1, deleted: 0, revised: 1 },
    });
  });
});
