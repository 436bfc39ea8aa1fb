import { type DeficiencyRule, HOUR, plus } from './types.ts';

/** Operative report immediately after surgery (42 CFR 482.51(b)(6)); 24 hours by default. */
export const operativeReport: DeficiencyRule<{ hours: number }> = {
  id: 'operative-report',
  description: 'Operative report missing after a procedure',
  defaults: { hours: 24 },
  paramHelp: { hours: 'Hours after the procedure' },
  evaluate(e, p) {
    const reports = e.notes.filter(
      (n) => n.type === 'operative-report' && !n.enteredInError && n.signedAt !== null,
    );
    return e.procedures
      .filter((pr) => pr.operative && !reports.some((n) => n.createdAt >= pr.performedAt))
      .map((pr) => ({
        ruleId: this.id,
        itemKey: `op-report:${pr.id}`,
        description: 'Operative report missing or unsigned',
        responsibleId: pr.performerId ?? e.attendingId,
        dueAt: plus(pr.performedAt, p.hours * HOUR),
      }));
  },
};

/** Informed consent on the record before surgery (42 CFR 482.51(b)(2)). */
export const procedureConsent: DeficiencyRule<{ hours: number }> = {
  id: 'procedure-consent',
  description: 'Procedure without a consent document',
  defaults: { hours: 24 },
  paramHelp: { hours: 'Hours after the procedure' },
  evaluate(e, p) {
    return e.procedures
      .filter((pr) => pr.requiresConsent && pr.consentDocumentId === null)
      .map((pr) => ({
        ruleId: this.id,
        itemKey: `consent:${pr.id}`,
        description: 'Consent document missing for the procedure',
        responsibleId: pr.performerId ?? e.attendingId,
        dueAt: plus(pr.performedAt, p.hours * HOUR),
      }));
  },
};
