import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { unauthorized, validationFailed } from '../kernel/errors.ts';
import { recordAudit } from './audit/audit.service.ts';
import { accessErrors } from './errors.ts';
import { insertBreakGlass } from './patient-access.queries.ts';

/** Reasons offered in the break-the-glass dialog; free text is required with any of them. */
export const BREAK_GLASS_REASONS = {
  'emergency-treatment': 'Emergency treatment',
  'patient-unable-to-consent': 'Patient unable to consent',
  'urgent-clinical-need': 'Urgent clinical need (e.g. covering for the care team)',
  'public-health-emergency': 'Public health emergency',
  other: 'Other (explain)',
} as const;

/**
 * Opens a restricted record for a limited time (BREAK_GLASS_MINUTES, default 60). Every access under it
 * is flagged on the audit trail and the privacy officer's review queue gets the event.
 */
export async function declareBreakGlass(
  ctx: RequestContext,
  input: { patientId: string; reasonCode: string; reasonText: string },
): Promise<{ id: string; expiresAt: Date }> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (!actor.permissions.has('breakglass:use')) throw accessErrors.forbidden('breakglass:use');
  const issues = [];
  if (!(input.reasonCode in BREAK_GLASS_REASONS))
    issues.push({ field: 'reasonCode', message: 'Choose a reason from the list.' });
  if (input.reasonText.trim().length < 10)
    issues.push({ field: 'reasonText', message: 'Explain the emergency (at least 10 characters).' });
  if (issues.length) throw validationFailed(issues);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.BREAK_GLASS_MINUTES * 60_000);
  return withTransaction(ctx.db, async (trx) => {
    const id = await insertBreakGlass(trx, {
      user_id: actor.userId,
      patient_id: input.patientId,
      reason_code: input.reasonCode,
      reason_text: input.reasonText.trim(),
      started_at: now,
      expires_at: expiresAt,
    });
    await recordAudit(trx, ctx, {
      action: 'breakglass.declare',
      patientIds: [input.patientId],
      breakGlass: true,
      resourceType: 'BreakGlass',
      resourceId: id,
      details: { reasonCode: input.reasonCode, expiresAt: expiresAt.toISOString() },
    });
    return { id, expiresAt };
  });
}
