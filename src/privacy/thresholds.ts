import { z } from 'zod';
import type { DbOrTx } from '../kernel/db.ts';
import { storedThresholds } from './privacy.queries.ts';
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
