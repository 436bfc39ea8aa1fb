import type { FieldComparison } from './patients.api.ts';

/** Plain names of the matcher's fields, as the clerk knows them. */
export const FIELD_LABEL: Record<string, string> = {
  family: 'Family name',
  given: 'Given name',
  middle: 'Middle name',
  birthDate: 'Date of birth',
  sex: 'Sex at birth',
  ssn: 'SSN',
  address: 'Address',
  phone: 'Phone',
  memberId: 'Insurance member id',
};

export interface WaterfallStep {
  field: string;
  label: string;
  weight: number;
  /** Running total before and after this field: the floating bar spans [from, to]. */
  from: number;
  to: number;
  reason: string;
  outcome: FieldComparison['outcome'];
}

const tenth = (x: number) => Math.round(x * 10) / 10;

/**
 * The match-weight waterfall (Splink's chart): each compared field adds its weight to a running total that
 * ends at the pair's score. Fields not recorded on both sides add nothing and are left out.
 * @example waterfallSteps(fields).at(-1)?.to === score (to a tenth)
 */
export function waterfallSteps(fields: readonly FieldComparison[]): WaterfallStep[] {
  let total = 0;
  return fields
    .filter((f) => f.outcome !== 'missing')
    .map((f) => {
      const from = total;
      total += f.weight;
      return {
        field: f.field,
        label: FIELD_LABEL[f.field] ?? f.field,
        weight: f.weight,
        from: tenth(from),
        to: tenth(total),
        reason: f.reason,
        outcome: f.outcome,
      };
    });
}
