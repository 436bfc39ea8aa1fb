import { activeLabels } from '../access/index.ts';
import type { DbOrTx } from '../kernel/db.ts';

/**
 * Restriction labels a patient banner may name (issue 23). Category labels (HIV, Part 2, psychotherapy…)
 * show only as "restricted": naming them would itself disclose the condition (45 CFR 164.502(b),
 * minimum necessary; 42 CFR 2.13).
 */
const BANNER_LABELS = new Set(['vip', 'employee', 'confidential']);

/**
 * What every patient banner (face sheet and chart screens) shows of a record's restriction: whether any
 * label is set, and which of the nameable ones.
 * @param db - pool or the caller's transaction (after its access check)
 */
export async function bannerRestriction(
  db: DbOrTx,
  patientId: string,
): Promise<{ restricted: boolean; restrictions: string[] }> {
  const labels = (await activeLabels(db, [patientId])).map((l) => l.label);
  return {
    restricted: labels.length > 0,
    restrictions: [...new Set(labels.filter((l) => BANNER_LABELS.has(l)))].sort(),
  };
}
