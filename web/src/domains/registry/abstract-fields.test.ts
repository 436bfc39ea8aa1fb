import { describe, expect, it } from 'vitest';
import { ABSTRACT_GROUPS, changedValues } from './abstract-fields.ts';

describe('abstract screen fields', () => {
  it('sends only the items that changed, a blank as a removal', () => {
    expect(
      changedValues(
        { primarySite: 'C504', laterality: '2' },
        { primarySite: 'C504', laterality: '', grade: ' 3 ' },
      ),
    ).toEqual({
      laterality: null,
      grade: '3',
    });
  });

  it('lists each NAACCR item once', () => {
    const ids = ABSTRACT_GROUPS.flatMap((g) => g.fields.map((f) => f.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
