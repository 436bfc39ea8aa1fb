import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type Facts, quantile, type Touch, touchHits, volumeHit } from './rules.ts';

const touch = (over: Partial<Touch> = {}): Touch => ({
  userId: 'u1',
  username: 'nurse1',
  roles: ['nurse'],
  patientId: 'p1',
  count: 1,
  firstAt: new Date('2026-03-02T10:00:00Z'),
  lastAt: new Date('2026-03-02T10:00:00Z'),
  breakGlass: false,
  eventIds: ['e1'],
  ...over,
});
const facts = (over: Partial<Facts> = {}): Facts => ({
  labels: new Map(),
  careRelationships: new Set(),
  encounterProviders: new Set(),
  recentEncounters: new Set(),
  workTies: new Set(),
  linksByUser: new Map(),
  staffOwners: new Map(),
  patients: new Map(),
  ...over,
});
const rules = (t: Touch, f: Facts) => touchHits(t, f, '2026-03-02').map((h) => h.rule);

describe('touch rules', () => {
  it('a care relationship is a reason; its absence for a clinician is not', () => {
    expect(rules(touch(), facts({ careRelationships: new Set(['u1|p1']) }))).toEqual([]);
    expect(rules(touch(), facts())).toEqual(['no_reason']);
  });

  it('back-office staff working a recent encounter have a reason; a clinician does not get one from it', () => {
    const f = facts({ recentEncounters: new Set(['p1']) });
    expect(rules(touch({ roles: ['coder'] }), f)).toEqual([]);
    expect(rules(touch(), f)).toEqual(['no_reason']);
  });

  it('a VIP record under break-the-glass is reviewed even with a work reason', () => {
    const f = facts({ labels: new Map([['p1', new Set(['vip'])]]), workTies: new Set(['u1|p1']) });
    expect(rules(touch({ breakGlass: true }), f)).toEqual(['restricted_no_relationship']);
    expect(rules(touch({ roles: ['coder'] }), f)).toEqual([]);
  });

  it('own record, family and same surname and address', () => {
    const linksByUser = new Map([
      [
        'u1',
        [
          { patientId: 'self', kind: 'self' as const },
          { patientId: 'mum', kind: 'family' as const },
        ],
      ],
    ]);
    const home = { familyNorm: 'OWNSBY', addressKey: '12elmstreet|02139', dateOfDeath: null };
    const patients = new Map([
      ['self', home],
      ['next', home],
      ['other', { ...home, familyNorm: 'OTHER' }],
    ]);
    const f = facts({ linksByUser, patients });
    expect(rules(touch({ patientId: 'self' }), f)).toEqual(['self_or_family']);
    expect(rules(touch({ patientId: 'mum' }), f)).toEqual(['self_or_family']);
    expect(rules(touch({ patientId: 'next' }), f)).toEqual(['self_or_family', 'no_reason']);
    expect(rules(touch({ patientId: 'other' }), f)).toEqual(['no_reason']);
  });

  it('a colleague’s record, unless the user treats them', () => {
    const f = facts({ staffOwners: new Map([['p1', new Set(['u2'])]]) });
    expect(rules(touch(), f)).toContain('coworker_record');
    expect(rules(touch(), { ...f, careRelationships: new Set(['u1|p1']) })).toEqual([]);
    expect(rules(touch(), { ...f, encounterProviders: new Set(['u1|p1']) })).toEqual([]);
  });

  it('a colleague’s record: back-office work from the queue is their job, a clinician still needs care', () => {
    const f = facts({ staffOwners: new Map([['p1', new Set(['u2'])]]), recentEncounters: new Set(['p1']) });
    expect(rules(touch({ roles: ['coder'] }), f)).toEqual([]);
    expect(rules(touch({ roles: ['coder'], breakGlass: true }), f)).toEqual(['coworker_record']);
    expect(rules(touch({ roles: ['coder'] }), { ...f, recentEncounters: new Set() })).toEqual([
      'coworker_record',
      'no_reason',
    ]);
    expect(rules(touch(), f)).toEqual(['coworker_record', 'no_reason']);
  });

  it('a deceased patient: a clinician always, others only without a reason', () => {
    const patients = new Map([['p1', { familyNorm: 'X', addressKey: null, dateOfDeath: '2026-01-01' }]]);
    const f = facts({ patients, recentEncounters: new Set(['p1']), careRelationships: new Set(['u1|p1']) });
    expect(rules(touch(), f)).toEqual(['deceased']);
    expect(rules(touch({ roles: ['him_clerk'] }), f)).toEqual([]);
  });
});

describe('volume rule', () => {
  const v = (roleDays: number[]) => ({ history: new Map(), roleCounts: new Map([['nurse', roleDays]]) });
  it('needs both: over 3× the user’s median and over the role’s 99th percentile', () => {
    const own = Array(10).fill(20);
    const role = Array.from({ length: 100 }, (_, i) => 10 + i); // p99 ≈ 108
    expect(volumeHit(61, 'nurse', own, v(role), DEFAULT_THRESHOLDS)).toBeNull();
    expect(volumeHit(120, 'nurse', own, v(role), DEFAULT_THRESHOLDS)).toMatchObject({
      charts: 120,
      userMedian: 20,
    });
    expect(volumeHit(120, 'nurse', Array(10).fill(50), v(role), DEFAULT_THRESHOLDS)).toBeNull();
  });
  it('never fires below the floor', () => {
    expect(volumeHit(29, 'nurse', [1, 1, 1, 1, 1, 1, 1], v([1, 1, 1]), DEFAULT_THRESHOLDS)).toBeNull();
  });
  it('quantile is R type 7', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.99)).toBeCloseTo(4.96, 10);
    expect(quantile([], 0.5)).toBeNull();
  });
});
