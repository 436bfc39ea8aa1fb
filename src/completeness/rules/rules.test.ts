import { describe, expect, it } from 'vitest';
import { analyseEncounter, RULES } from './index.ts';
import type { EncounterSnapshot, Finding } from './types.ts';

const t0 = new Date('2026-03-01T08:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);

function stay(over: Partial<EncounterSnapshot> = {}): EncounterSnapshot {
  return {
    encounterId: 'e1',
    patientId: 'p1',
    facilityId: null,
    inpatient: true,
    status: 'completed',
    attendingId: 'dr-a',
    admittedAt: t0,
    dischargedAt: at(72),
    completedAt: at(72),
    notes: [],
    orders: [],
    results: [],
    procedures: [],
    diagnosisCount: 1,
    ...over,
  };
}

const note = (id: string, type: string, over: Partial<EncounterSnapshot['notes'][number]> = {}) => ({
  id,
  type,
  authorId: 'dr-a',
  createdAt: at(1),
  signedAt: at(2),
  cosignerId: null,
  cosignedAt: null,
  enteredInError: false,
  ...over,
});

describe('deficiency rules', () => {
  it('each rule has an id, a description and documented parameters', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.description.length).toBeGreaterThan(5);
      expect(Object.keys(r.paramHelp).sort()).toEqual(Object.keys(r.defaults).sort());
    }
  });

  it('finds a missing discharge summary due 30 days after discharge, and H&P due 24 h after admission', () => {
    const f = analyseEncounter(stay());
    const ds = f.find((x) => x.ruleId === 'discharge-summary')!;
    expect(ds.description).toBe('Discharge summary missing');
    expect(ds.responsibleId).toBe('dr-a');
    expect(ds.dueAt.toISOString()).toBe(new Date(at(72).getTime() + 30 * 86_400_000).toISOString());
    expect(f.find((x) => x.ruleId === 'history-and-physical')?.dueAt).toEqual(at(24));
  });

  it('is satisfied by signed notes, and honours facility parameters and switches', () => {
    const complete = stay({ notes: [note('n1', 'discharge-summary'), note('n2', 'history-and-physical')] });
    expect(analyseEncounter(complete)).toEqual([]);
    const f = analyseEncounter(stay(), {
      'discharge-summary': { enabled: true, params: { days: 14 } },
      'history-and-physical': { enabled: false },
    });
    expect(f.find((x) => x.ruleId === 'discharge-summary')?.dueAt).toEqual(
      new Date(at(72).getTime() + 14 * 86_400_000),
    );
    expect(f.some((x) => x.ruleId === 'history-and-physical')).toBe(false);
  });

  it('flags unsigned notes, missing co-signatures, verbal orders, orphan results, procedures without reports or consent', () => {
    const e = stay({
      notes: [
        note('d', 'discharge-summary'),
        note('h', 'history-and-physical'),
        note('p1', 'progress-note', { signedAt: null, authorId: 'dr-b' }),
        note('r1', 'progress-note', { authorId: 'res-c', cosignerId: 'dr-a' }),
        note('x', 'progress-note', { signedAt: null, enteredInError: true }),
      ],
      orders: [
        { id: 'o1', mode: 'verbal', providerId: 'dr-b', orderedAt: at(5), authenticatedAt: null },
        { id: 'o2', mode: 'telephone', providerId: 'dr-b', orderedAt: at(5), authenticatedAt: at(6) },
      ],
      results: [{ id: 'lab1', orderingProviderId: null, reportedAt: at(10) }],
      procedures: [
        {
          id: 'pr1',
          performerId: 'dr-s',
          performedAt: at(20),
          operative: true,
          requiresConsent: true,
          consentDocumentId: null,
        },
      ],
    });
    const byRule: Record<string, Finding[]> = {};
    for (const f of analyseEncounter(e)) {
      byRule[f.ruleId] = [...(byRule[f.ruleId] ?? []), f];
    }
    expect(byRule['unsigned-note']?.map((f) => f.itemKey)).toEqual(['note:p1']);
    expect(byRule['unsigned-note']?.[0]?.responsibleId).toBe('dr-b');
    expect(byRule['resident-cosign']?.[0]).toMatchObject({ itemKey: 'cosign:r1', responsibleId: 'dr-a' });
    expect(byRule['verbal-order']?.map((f) => f.itemKey)).toEqual(['order:o1']);
    expect(byRule['verbal-order']?.[0]?.dueAt).toEqual(at(53));
    expect(byRule['result-ordering-provider']?.[0]?.itemKey).toBe('result:lab1');
    expect(byRule['operative-report']?.[0]).toMatchObject({
      itemKey: 'op-report:pr1',
      responsibleId: 'dr-s',
    });
    expect(byRule['procedure-consent']?.[0]?.itemKey).toBe('consent:pr1');
  });

  it('flags a completed visit without a diagnosis, and checks nothing on cancelled or scheduled visits', () => {
    const visit = stay({ inpatient: false, admittedAt: null, dischargedAt: null, diagnosisCount: 0 });
    expect(analyseEncounter(visit).map((f) => f.ruleId)).toEqual(['encounter-diagnosis']);
    expect(analyseEncounter({ ...visit, status: 'cancelled' })).toEqual([]);
    expect(analyseEncounter({ ...visit, status: 'scheduled' })).toEqual([]);
  });
});
