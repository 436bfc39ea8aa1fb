import { describe, expect, it } from 'vitest';
import { agingStage, daysPastDue, delinquencyRate } from './aging.ts';
import { type OpenDeficiency, reconcile } from './reconcile.ts';
import type { Finding } from './rules/index.ts';

const due = new Date('2026-04-01T00:00:00Z');
const finding = (ruleId: string, itemKey: string, responsibleId = 'dr'): Finding => ({
  ruleId,
  itemKey,
  description: 'x',
  responsibleId,
  dueAt: due,
});
const open = (id: string, ruleId: string, itemKey: string, manual = false): OpenDeficiency => ({
  id,
  ruleId,
  itemKey,
  responsibleId: 'dr',
  dueAt: due,
  manual,
});

describe('reconcile', () => {
  it('opens new findings once, closes fixed ones, keeps manual ones', () => {
    const r = reconcile(
      [
        open('1', 'discharge-summary', 'discharge-summary'),
        open('2', 'unsigned-note', 'note:a'),
        open('3', 'manual', 'x', true),
      ],
      [finding('discharge-summary', 'discharge-summary'), finding('verbal-order', 'order:o')],
    );
    expect(r.toOpen.map((f) => f.itemKey)).toEqual(['order:o']);
    expect(r.toClose.map((d) => d.id)).toEqual(['2']);
    expect(r.toUpdate).toEqual([]);
  });

  it('updates the responsible clinician when it changes', () => {
    const r = reconcile([open('1', 'unsigned-note', 'note:a')], [finding('unsigned-note', 'note:a', 'dr-2')]);
    expect(r.toUpdate).toEqual([{ id: '1', responsibleId: 'dr-2', dueAt: due }]);
  });
});

describe('aging and delinquency', () => {
  it('moves from not due to delinquent, reminded and escalated', () => {
    const day = (n: number) => new Date(due.getTime() + n * 86_400_000 + 1000);
    expect(agingStage(due, new Date(due.getTime() - 1))).toBe('not-due');
    expect(agingStage(due, day(1))).toBe('delinquent');
    expect(agingStage(due, day(7))).toBe('reminded');
    expect(agingStage(due, day(14))).toBe('escalated');
    expect(agingStage(due, day(3), { reminderAfterDays: 2, escalateAfterDays: 3 })).toBe('escalated');
    expect(daysPastDue(due, day(5))).toBe(5);
  });

  it('computes the delinquency rate over discharges', () => {
    expect(delinquencyRate(5, 200)).toBe(0.025);
    expect(delinquencyRate(0, 0)).toBe(0);
  });
});
