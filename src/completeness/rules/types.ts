/**
 * What the deficiency rules look at: one encounter with the record items that complete it. The chart
 * domain builds this snapshot; the rules are pure functions over it, so they are fast (100,000
 * encounters a minute) and testable without a database.
 */
export interface EncounterSnapshot {
  encounterId: string;
  patientId: string;
  facilityId: string | null;
  /** The clinical service (the encounter's type), carried onto deficiencies for the queue and reports. */
  service?: string | null;
  /** inpatient stays have admission/discharge; the rest are visits. */
  inpatient: boolean;
  status: 'scheduled' | 'arrived' | 'in-progress' | 'completed' | 'cancelled' | 'no-show';
  attendingId: string | null;
  admittedAt: Date | null;
  dischargedAt: Date | null;
  completedAt: Date | null;
  notes: SnapshotNote[];
  orders: SnapshotOrder[];
  results: SnapshotResult[];
  procedures: SnapshotProcedure[];
  diagnosisCount: number;
}

export interface SnapshotNote {
  id: string;
  type: string;
  authorId: string;
  createdAt: Date;
  /** draft → final; signed when authenticated by its author. */
  signedAt: Date | null;
  /** Set when the author is a resident or student: the attending who must co-sign. */
  cosignerId: string | null;
  cosignedAt: Date | null;
  enteredInError: boolean;
}

export interface SnapshotOrder {
  id: string;
  /** Verbal and telephone orders must be authenticated by the ordering practitioner. */
  mode: 'written' | 'verbal' | 'telephone';
  providerId: string;
  orderedAt: Date;
  authenticatedAt: Date | null;
}

export interface SnapshotResult {
  id: string;
  orderingProviderId: string | null;
  reportedAt: Date;
}

export interface SnapshotProcedure {
  id: string;
  performerId: string | null;
  performedAt: Date;
  /** Whether the procedure is operative (needs an operative report) and whether it needs consent. */
  operative: boolean;
  requiresConsent: boolean;
  consentDocumentId: string | null;
}

/** A missing or faulty item found by a rule. `itemKey` + rule + encounter identify it (no duplicates). */
export interface Finding {
  ruleId: string;
  itemKey: string;
  description: string;
  responsibleId: string | null;
  dueAt: Date;
}

export interface RuleParams {
  [name: string]: number;
}

/** A deficiency rule: id, a description for the HIM screen, default parameters, and the check. */
export interface DeficiencyRule<P extends RuleParams = RuleParams> {
  id: string;
  description: string;
  defaults: P;
  /** Parameter meanings, shown in the rule settings screen. */
  paramHelp: Record<keyof P & string, string>;
  evaluate(encounter: EncounterSnapshot, params: P): Finding[];
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const plus = (d: Date, ms: number): Date => new Date(d.getTime() + ms);
