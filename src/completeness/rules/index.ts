import { dischargeSummary, historyAndPhysical, residentCosign, unsignedNote } from './note-rules.ts';
import {
  completedWithoutDiagnosis,
  resultWithoutOrderingProvider,
  verbalOrder,
} from './order-result-rules.ts';
import { operativeReport, procedureConsent } from './procedure-rules.ts';
import type { DeficiencyRule, EncounterSnapshot, Finding, RuleParams } from './types.ts';

export type { DeficiencyRule, EncounterSnapshot, Finding } from './types.ts';

/** Every deficiency rule, in the order the HIM settings screen lists them. */
export const RULES: DeficiencyRule[] = [
  dischargeSummary,
  historyAndPhysical,
  operativeReport,
  unsignedNote,
  verbalOrder,
  resultWithoutOrderingProvider,
  completedWithoutDiagnosis,
  procedureConsent,
  residentCosign,
] as DeficiencyRule[];

/** A facility's choice for one rule: switched on or off, and parameter overrides. */
export interface RuleSetting {
  enabled: boolean;
  params?: Partial<RuleParams>;
}

export type RuleSettings = Record<string, RuleSetting | undefined>;

/**
 * Runs every enabled rule over an encounter. Cancelled and no-show encounters have no record to
 * complete; scheduled ones have nothing to check yet.
 */
export function analyseEncounter(e: EncounterSnapshot, settings: RuleSettings = {}): Finding[] {
  if (e.status === 'cancelled' || e.status === 'no-show' || e.status === 'scheduled') return [];
  const out: Finding[] = [];
  for (const rule of RULES) {
    const s = settings[rule.id];
    if (s && !s.enabled) continue;
    const params = { ...rule.defaults, ...(s?.params ?? {}) } as RuleParams;
    out.push(...rule.evaluate(e, params));
  }
  return out;
}
