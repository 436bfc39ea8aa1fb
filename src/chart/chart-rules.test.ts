import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './blob-store.ts';
import { abnormalFlag, canTransition, changedFields, crossFieldIssues } from './chart-rules.ts';
import { allergyStatus } from './summary.service.ts';

const result = {
  code: '2345-7',
  name: 'Glucose',
  status: 'final' as const,
  performedAt: '2026-03-02T10:00:00Z',
};

describe('encounter life cycle', () => {
  it('allows only the documented steps', () => {
    expect(canTransition('scheduled', 'arrived')).toBe(true);
    expect(canTransition('arrived', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'completed')).toBe(true);
    expect(canTransition('scheduled', 'completed')).toBe(false);
    expect(canTransition('completed', 'cancelled')).toBe(false);
    expect(canTransition('in_progress', 'no_show')).toBe(false);
  });
});

describe('abnormal flag', () => {
  it('derives low/high/normal from the reference range and keeps the lab’s own flag', () => {
    expect(abnormalFlag({ ...result, value: 3, referenceLow: 4, referenceHigh: 6 })).toBe('low');
    expect(abnormalFlag({ ...result, value: 7, referenceLow: 4, referenceHigh: 6 })).toBe('high');
    expect(abnormalFlag({ ...result, value: 5, referenceLow: 4, referenceHigh: 6 })).toBe('normal');
    expect(abnormalFlag({ ...result, value: 5 })).toBeUndefined();
    expect(abnormalFlag({ ...result, valueText: 'positive', abnormalFlag: 'abnormal' })).toBe('abnormal');
  });
});

describe('cross-field checks', () => {
  it('names each field at fault', () => {
    expect(crossFieldIssues('problem', { status: 'resolved', onsetDate: '2020-01-01' })).toEqual([
      { field: 'data.resolvedDate', message: 'is required when the problem is resolved' },
    ]);
    expect(
      crossFieldIssues('medication', { startDate: '2020-02-01', stopDate: '2020-01-01' })[0]?.field,
    ).toBe('data.stopDate');
    expect(crossFieldIssues('result', {}).map((i) => i.field)).toEqual(['data.value']);
  });
});

describe('changed fields and allergy status', () => {
  it('lists the top-level fields whose values differ', () => {
    expect(changedFields({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 }, d: 4 })).toEqual(['b', 'd']);
  });
  it('tells not asked from no known allergies', () => {
    expect(allergyStatus([])).toBe('not_asked');
    expect(allergyStatus([{ kind: 'allergy_assertion', entered_in_error: false, data: {} }])).toBe(
      'no_known_allergies',
    );
    expect(allergyStatus([{ kind: 'allergy_assertion', entered_in_error: true, data: {} }])).toBe(
      'not_asked',
    );
  });
});

describe('magic bytes', () => {
  it('recognises PDF, PNG and JPEG and nothing else', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('MZ\x90\x00'))).toBeUndefined();
    expect(sniffMediaType(Buffer.alloc(0))).toBeUndefined();
  });
});
