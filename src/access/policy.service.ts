import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { recordAudit } from './audit/audit.service.ts';
import { readSetting, writeSetting } from './mfa.queries.ts';
import { PATIENT_DATA_PERMISSIONS, type Permission } from './permissions.ts';

export const MFA_POLICY_KEY = 'access.mfa_required';

/** Whether the MFA policy is on (default: on; issue 3 — MFA for every role that can see patient data). */
export async function mfaPolicyOn(ctx: RequestContext): Promise<boolean> {
  const v = await readSetting(ctx.db, MFA_POLICY_KEY);
  return v !== false;
}

/** Whether a holder of these permissions must use MFA under the current policy. */
export async function mfaRequiredFor(
  ctx: RequestContext,
  permissions: ReadonlySet<string>,
): Promise<boolean> {
  for (const p of permissions) {
    if (PATIENT_DATA_PERMISSIONS.has(p as Permission)) return mfaPolicyOn(ctx);
  }
  return false;
}

export interface SecurityPolicy {
  mfaRequired: boolean;
}

export async function getSecurityPolicy(ctx: RequestContext): Promise<SecurityPolicy> {
  return { mfaRequired: await mfaPolicyOn(ctx) };
}

/** Turns the MFA policy on or off; the change is an audited administrative action. */
export async function setSecurityPolicy(
  ctx: RequestContext,
  policy: SecurityPolicy,
): Promise<SecurityPolicy> {
  await withTransaction(ctx.db, async (trx) => {
    const before = (await readSetting(trx, MFA_POLICY_KEY)) !== false;
    await writeSetting(trx, MFA_POLICY_KEY, policy.mfaRequired, ctx.clock.now());
    await recordAudit(trx, ctx, {
      action: 'policy.update',
      resourceType: 'Setting',
      resourceId: MFA_POLICY_KEY,
      details: { before, after: policy.mfaRequired },
    });
  });
  return getSecurityPolicy(ctx);
}
