import { DAY, type DeficiencyRule, type EncounterSnapshot, HOUR, plus, type SnapshotNote } from './types.ts';

const live = (e: EncounterSnapshot) => e.notes.filter((n) => !n.enteredInError);
const signedOfType = (e: EncounterSnapshot, type: string): SnapshotNote | undefined =>
  live(e).find((n) => n.type === type && n.signedAt !== null);

/**
 * Discharge summary missing or unsigned after discharge. The Joint Commission (RC.02.04.01) leaves the
 * deadline to the medical staff bylaws; 30 days is the common ceiling and the default here.
 */
export const dischargeSummary: DeficiencyRule<{ days: number }> = {
  id: 'discharge-summary',
  description: 'Discharge summary missing or unsigned after discharge',
  defaults: { days: 30 },
  paramHelp: { days: 'Days after discharge before the chart is delinquent' },
  evaluate(e, p) {
    if (!e.inpatient || !e.dischargedAt || signedOfType(e, 'discharge-summary')) return [];
    const draft = live(e).find((n) => n.type === 'discharge-summary');
    return [
      {
        ruleId: this.id,
        itemKey: 'discharge-summary',
        description: draft ? 'Discharge summary not signed' : 'Discharge summary missing',
        responsibleId: draft?.authorId ?? e.attendingId,
        dueAt: plus(e.dischargedAt, p.days * DAY),
      },
    ];
  },
};

/** History and physical within 24 hours of admission (CMS CoP 42 CFR 482.22(c)(5)(i)). */
export const historyAndPhysical: DeficiencyRule<{ hours: number }> = {
  id: 'history-and-physical',
  description: 'History and physical missing after admission',
  defaults: { hours: 24 },
  paramHelp: { hours: 'Hours after admission' },
  evaluate(e, p) {
    if (!e.inpatient || !e.admittedAt || signedOfType(e, 'history-and-physical')) return [];
    return [
      {
        ruleId: this.id,
        itemKey: 'history-and-physical',
        description: 'History and physical missing or unsigned',
        responsibleId: e.attendingId,
        dueAt: plus(e.admittedAt, p.hours * HOUR),
      },
    ];
  },
};

/** Every note must be authenticated by its author (42 CFR 482.24(c)(1)). */
export const unsignedNote: DeficiencyRule<{ hours: number }> = {
  id: 'unsigned-note',
  description: 'Note left unsigned',
  defaults: { hours: 72 },
  paramHelp: { hours: 'Hours after the note was written' },
  evaluate(e, p) {
    return live(e)
      .filter((n) => n.signedAt === null)
      .map((n) => ({
        ruleId: this.id,
        itemKey: `note:${n.id}`,
        description: `Unsigned ${n.type.replace(/-/g, ' ')}`,
        responsibleId: n.authorId,
        dueAt: plus(n.createdAt, p.hours * HOUR),
      }));
  },
};

/** Resident and student notes need the supervising attending's co-signature. */
export const residentCosign: DeficiencyRule<{ hours: number }> = {
  id: 'resident-cosign',
  description: 'Resident note without attending co-signature',
  defaults: { hours: 48 },
  paramHelp: { hours: 'Hours after the resident signed' },
  evaluate(e, p) {
    return live(e)
      .filter((n) => n.cosignerId !== null && n.signedAt !== null && n.cosignedAt === null)
      .map((n) => ({
        ruleId: this.id,
        itemKey: `cosign:${n.id}`,
        description: `Co-signature needed on ${n.type.replace(/-/g, ' ')}`,
        responsibleId: n.cosignerId,
        dueAt: plus(n.signedAt as Date, p.hours * HOUR),
      }));
  },
};
