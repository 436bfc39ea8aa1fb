import { z } from 'zod';
import type { DbOrTx } from '../kernel/db.ts';
import { storedAccountViolations, storedThresholds } from './privacy.queries.ts';
import { DEFAULT_THRESHOLDS, type Thresholds } from './rules.ts';

/** The thresholds a privacy officer may change (kernel settings, `privacy.thresholds`). */
export const thresholdsSchema = z.object({
  volumeFactor: z.number().min(1).max(100),
  rolePercentile: z.number().min(0.5).max(1),
  volumeFloor: z.number().int().min(1).max(100_000),
  reasonWindowDays: z.number().int().min(1).max(365),
  historyDays: z.number().int().min(7).max(365),
});

/** The stored thresholds over the defaults (a setting saved by an older version keeps working). */
export async function currentThresholds(db: DbOrTx): Promise<Thresholds> {
  const stored = thresholdsSchema.partial().safeParse((await storedThresholds(db)) ?? {});
  return { ...DEFAULT_THRESHOLDS, ...(stored.success ? stored.data : {}) };
}

/**
 * The privacy policy beside the thresholds (kernel settings, `privacy.accountViolations`): whether an alert
 * closed as a violation is entered in the patient's accounting of disclosures. On by default, because
 * 45 CFR 164.528(a) does not except a disclosure in violation of the Privacy Rule from the accounting.
 */
export const policySchema = z.object({ accountViolations: z.boolean() });
export type PrivacyPolicy = z.infer<typeof policySchema>;
export const DEFAULT_POLICY: PrivacyPolicy = { accountViolations: true };

export async function currentPolicy(db: DbOrTx): Promise<PrivacyPolicy> {
  const stored = await storedAccountViolations(db);
  return { accountViolations: typeof stored === 'boolean' ? stored : DEFAULT_POLICY.accountViolations };
}
