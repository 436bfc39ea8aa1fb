import { DAY, type DeficiencyRule, HOUR, plus } from './types.ts';

/**
 * Verbal and telephone orders authenticated by the ordering practitioner within the time state law or
 * hospital policy sets (42 CFR 482.24(c)(2)); 48 hours is the usual default.
 */
export const verbalOrder: DeficiencyRule<{ hours: number }> = {
  id: 'verbal-order',
  description: 'Verbal or telephone order not authenticated',
  defaults: { hours: 48 },
  paramHelp: { hours: 'Hours after the order' },
  evaluate(e, p) {
    return e.orders
      .filter((o) => o.mode !== 'written' && o.authenticatedAt === null)
      .map((o) => ({
        ruleId: this.id,
        itemKey: `order:${o.id}`,
        description: `${o.mode === 'verbal' ? 'Verbal' : 'Telephone'} order not authenticated`,
        responsibleId: o.providerId,
        dueAt: plus(o.orderedAt, p.hours * HOUR),
      }));
  },
};

/** A result must name who ordered it (CLIA 42 CFR 493.1241: the test requisition names the requester). */
export const resultWithoutOrderingProvider: DeficiencyRule<{ hours: number }> = {
  id: 'result-ordering-provider',
  description: 'Result without an ordering provider',
  defaults: { hours: 24 },
  paramHelp: { hours: 'Hours after the result was reported' },
  evaluate(e, p) {
    return e.results
      .filter((r) => r.orderingProviderId === null)
      .map((r) => ({
        ruleId: this.id,
        itemKey: `result:${r.id}`,
        description: 'Result has no ordering provider',
        responsibleId: e.attendingId,
        dueAt: plus(r.reportedAt, p.hours * HOUR),
      }));
  },
};

/** A completed encounter needs at least one diagnosis before it can be coded. */
export const completedWithoutDiagnosis: DeficiencyRule<{ days: number }> = {
  id: 'encounter-diagnosis',
  description: 'Completed encounter without a diagnosis',
  defaults: { days: 2 },
  paramHelp: { days: 'Days after completion or discharge' },
  evaluate(e, p) {
    const end = e.dischargedAt ?? e.completedAt;
    if (!end || e.diagnosisCount > 0) return [];
    return [
      {
        ruleId: this.id,
        itemKey: 'diagnosis',
        description: 'No diagnosis recorded for the encounter',
        responsibleId: e.attendingId,
        dueAt: plus(end, p.days * DAY),
      },
    ];
  },
};
