import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { validationFailed } from '../kernel/errors.ts';
import { readSetting, writeSetting } from './fulfilment.queries.ts';

/** How the facility runs its releases (issue 6: the second-person quality review is configurable). */
export interface ReleaseSettings {
  /** A second person must approve each packet before release. */
  qaRequired: boolean;
  /** Secure download links: days until expiry and the number of downloads allowed. */
  linkDays: number;
  linkMaxDownloads: number;
  /** Printed on letters, packets and invoices. */
  facilityName: string;
}

export const DEFAULT_SETTINGS: ReleaseSettings = {
  qaRequired: false,
  linkDays: 14,
  linkMaxDownloads: 3,
  facilityName: 'Chartkeeper Health Information Management',
};
const KEY = 'disclosure.release';

export async function loadSettings(db: DbOrTx): Promise<ReleaseSettings> {
  const v = (await readSetting(db, KEY)) as Partial<ReleaseSettings> | undefined;
  return { ...DEFAULT_SETTINGS, ...(v ?? {}) };
}

export async function getSettings(ctx: RequestContext): Promise<ReleaseSettings> {
  return loadSettings(ctx.db);
}

/** Changes the release settings (a privacy officer's decision; audited with before and after). */
export async function updateSettings(ctx: RequestContext, s: ReleaseSettings): Promise<ReleaseSettings> {
  const issues = [];
  if (s.linkDays < 1 || s.linkDays > 90)
    issues.push({ field: 'linkDays', message: 'Give between 1 and 90 days.' });
  if (s.linkMaxDownloads < 1 || s.linkMaxDownloads > 20)
    issues.push({ field: 'linkMaxDownloads', message: 'Allow between 1 and 20 downloads.' });
  if (s.facilityName.trim().length < 3)
    issues.push({ field: 'facilityName', message: 'Name the facility as letters should show it.' });
  if (issues.length) throw validationFailed(issues);
  return withTransaction(ctx.db, async (trx) => {
    const before = await loadSettings(trx);
    const next = { ...s, facilityName: s.facilityName.trim() };
    await writeSetting(trx, KEY, next, ctx.actor?.userId ?? null, ctx.clock.now());
    await recordAudit(trx, ctx, {
      action: 'disclosure.settings.update',
      resourceType: 'Setting',
      resourceId: KEY,
      details: { before, after: next },
    });
    return next;
  });
}
