import { describe, expect, it } from 'vitest';
import { type PassiveFacts, passiveContact } from './passive-followup.ts';

const today = new Date('2026-06-01T12:00:00Z');
const facts = (over: Partial<PassiveFacts> = {}): PassiveFacts => ({
  patientId: 'p1',
  items: { dateOfLastContact: '20260301', vitalStatus: '1', dateOfBirth: '19500101' },
  dateOfDeath: null,
  diagnoses: ['20260110'],
  latest: [],
  ...over,
});

describe('passive follow-up contact', () => {
  it('takes the latest of the encounter and the result when it is later than the last contact', () => {
    const latest = [
      { kind: 'encounter' as const, id: 'e1', day: '2026-04-02' },
      { kind: 'result' as const, id: 'r1', day: '2026-05-03' },
    ];
    expect(passiveContact(facts({ latest }), today)).toEqual({
      sourceKind: 'result',
      sourceId: 'r1',
      contactDate: '2026-05-03',
      vitalStatus: '1',
      followUpSource: '1',
    });
  });

  it('never moves the last contact back, nor counts a visit before the diagnosis or in the future', () => {
    const on = (day: string) => facts({ latest: [{ kind: 'encounter', id: 'e', day }] });
    expect(passiveContact(on('2026-03-01'), today)).toBeUndefined();
    expect(passiveContact(on('2026-02-01'), today)).toBeUndefined();
    expect(passiveContact(facts({ items: {}, latest: on('2026-01-05').latest }), today)).toBeUndefined();
    expect(passiveContact(on('2026-06-02'), today)).toBeUndefined();
    expect(passiveContact(facts({ diagnoses: [], latest: on('2026-04-01').latest }), today)).toBeUndefined();
  });

  it('a death record makes a living patient dead as of the date of death, once', () => {
    expect(passiveContact(facts({ dateOfDeath: '2026-02-10' }), today)).toMatchObject({
      sourceKind: 'death',
      sourceId: 'p1@2026-02-10',
      contactDate: '2026-02-10',
      vitalStatus: '0',
    });
    const dead = { dateOfLastContact: '20260210', vitalStatus: '0' };
    expect(
      passiveContact(
        facts({
          items: dead,
          dateOfDeath: '2026-02-10',
          latest: [{ kind: 'encounter', id: 'e', day: '2026-04-01' }],
        }),
        today,
      ),
    ).toBeUndefined();
    expect(passiveContact(facts({ dateOfDeath: '2025-12-31' }), today)).toBeUndefined();
  });
});
