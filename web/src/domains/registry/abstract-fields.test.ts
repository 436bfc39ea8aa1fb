import { describe, expect, it } from 'vitest';
import { ABSTRACT_GROUPS, changedValues, contactSourceText } from './abstract-fields.ts';

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

  it('names the source of the date of last contact', () => {
    expect(
      contactSourceText(
        {
          contactDate: '2026-02-28',
          vitalStatus: '0',
          sourceKind: 'death',
          recordedBy: 'job:registry.passive_followup',
        },
        '20260228',
      ),
    ).toBe(
      'Last contact 2026-02-28 (dead) from the death recorded in the patient index (passive follow-up), recorded by job:registry.passive_followup.',
    );
  });

  it('says when the date of last contact was typed on the abstract instead', () => {
    const phone = {
      contactDate: '2026-02-28',
      vitalStatus: '1' as const,
      sourceKind: 'phone',
      recordedBy: 'r',
    };
    expect(contactSourceText(phone, '20260301')).toMatch(/entered on the abstract/);
    expect(contactSourceText(null, undefined)).toBe('No follow-up contact recorded yet.');
  });
});
