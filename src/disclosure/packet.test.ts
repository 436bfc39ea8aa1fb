import { describe, expect, it } from 'vitest';
import type { ChartForRelease } from '../chart/index.ts';
import { inScope, labelBlock, type PacketItem, selectPacket } from './packet.ts';
import { pdfSafe, tokenize } from './pdf/pdf-writer.ts';

const stamp = {
  patientId: 'p1',
  enteredInError: false,
  enteredInErrorReason: null,
  version: 1,
  createdBy: 'u',
  createdAt: '2025-05-01T10:00:00Z',
  updatedBy: 'u',
  updatedAt: '2025-05-01T10:00:00Z',
};
const note = (id: string, noteType: string, encounterId: string | null = null) => ({
  ...stamp,
  id,
  kind: 'note' as const,
  encounterId,
  data: { noteType, title: id, text: 'x', status: 'final' },
});

function chartOf(labels: Record<string, string[]> = {}): ChartForRelease {
  return {
    encounters: [],
    documents: [],
    entries: [note('ds', 'discharge_summary'), note('pn', 'progress_note'), note('sud', 'discharge_summary')],
    labels: new Map(Object.entries(labels)),
  };
}
const scope = {
  recordTypes: ['discharge-summary'],
  dateFrom: '2025-01-01',
  dateTo: '2025-12-31',
  encounterIds: [],
};
const payer = {
  requesterType: 'payer',
  toPatient: false,
  purpose: 'insurance-underwriting',
  authorizedCategories: [],
};

describe('packet selection', () => {
  it('takes only the requested record types and dates', () => {
    const { included } = selectPacket(chartOf(), scope, payer, []);
    expect(included.map((i) => i.id)).toEqual(['ds', 'sud']);
    expect(selectPacket(chartOf(), { ...scope, dateTo: '2025-04-30' }, payer, []).included).toEqual([]);
  });

  it('withholds Part 2 records unless the consent names them, with the rule', () => {
    const c = chartOf({ sud: ['substance_use_part2'] });
    const { included, withheld } = selectPacket(c, scope, payer, []);
    expect(included.map((i) => i.id)).toEqual(['ds']);
    expect(withheld.map((w) => [w.id, w.rule])).toEqual([['sud', '42 CFR 2.31']]);
    const named = selectPacket(c, scope, { ...payer, authorizedCategories: ['substance_use_part2'] }, []);
    expect(named.included.map((i) => i.id)).toEqual(['ds', 'sud']);
  });

  it('applies the label rules of HIPAA and Part 2', () => {
    const toPatient = { ...payer, requesterType: 'patient', toPatient: true, authorizedCategories: null };
    expect(labelBlock('psychotherapy', toPatient)?.rule).toBe('164.524(a)(1)(i)');
    expect(labelBlock('substance_use_part2', toPatient)).toBeNull();
    expect(labelBlock('hiv_sti', { ...payer, purpose: 'treatment', authorizedCategories: null })).toBeNull();
    expect(labelBlock('hiv_sti', payer)?.rule).toBe('state law / facility policy');
    expect(labelBlock('psychotherapy', { ...payer, authorizedCategories: ['psychotherapy'] })).toBeNull();
  });

  it('honours restrictions for the requester types they name, never against the patient', () => {
    const r = [{ requesterTypes: ['payer'], encounterIds: [] }];
    expect(selectPacket(chartOf(), scope, payer, r).withheld.map((w) => w.rule)).toEqual([
      '45 CFR 164.522(a)',
      '45 CFR 164.522(a)',
    ]);
    const toPatient = { ...payer, requesterType: 'patient', toPatient: true };
    expect(selectPacket(chartOf(), scope, toPatient, r).withheld).toEqual([]);
  });

  it('limits to the requested encounters', () => {
    const item = { encounterId: 'e1', date: '2025-05-01', recordType: 'encounters' } as PacketItem;
    expect(inScope(item, { ...scope, recordTypes: [], encounterIds: ['e1'] })).toBe(true);
    expect(inScope(item, { ...scope, recordTypes: [], encounterIds: ['e2'] })).toBe(false);
  });
});

describe('pdf text', () => {
  it('keeps redacted phrases whole and marks them', () => {
    expect(tokenize('Seen with Jane Roe today', ['jane roe'])).toEqual([
      { text: 'Seen', redacted: false },
      { text: 'with', redacted: false },
      { text: 'Jane Roe', redacted: true },
      { text: 'today', redacted: false },
    ]);
  });

  it('replaces characters the standard fonts cannot show', () => {
    expect(pdfSafe('café — 漢字\tok')).toBe('café — ??    ok');
  });
});
