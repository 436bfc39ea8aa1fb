import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { validationFailed } from '../kernel/errors.ts';
import { type AgingPolicy, DEFAULT_AGING } from './aging.ts';
import { loadRuleSettings } from './analysis.service.ts';
import { agingPolicy, upsertAgingPolicy, upsertRuleSetting } from './deficiency.queries.ts';
import { RULES } from './rules/index.ts';

/** The aging policy in force for a facility ('*' = hospital-wide). */
export async function loadAgingPolicy(db: DbOrTx, facilityKey = '*'): Promise<AgingPolicy> {
  const row = await agingPolicy(db, facilityKey);
  return row
    ? { reminderAfterDays: row.reminder_after_days, escalateAfterDays: row.escalate_after_days }
    : DEFAULT_AGING;
}

/** Every rule with its switch and parameters for a facility, and the aging policy (no patient data). */
export async function getSettings(ctx: RequestContext, facilityKey: string) {
  const [settings, aging] = await Promise.all([
    loadRuleSettings(ctx.db, facilityKey),
    loadAgingPolicy(ctx.db, facilityKey),
  ]);
  return {
    facilityKey,
    rules: RULES.map((r) => ({
      id: r.id,
      description: r.description,
      enabled: settings[r.id]?.enabled ?? true,
      params: { ...r.defaults, ...(settings[r.id]?.params ?? {}) } as Record<string, number>,
      defaults: r.defaults,
      paramHelp: r.paramHelp as Record<string, string>,
    })),
    aging,
  };
}

/** Switches a rule on or off and tunes its parameters for a facility (audited). */
export async function setRule(
  ctx: RequestContext,
  facilityKey: string,
  ruleId: string,
  body: { enabled: boolean; params: Record<string, number> },
) {
  const rule = RULES.find((r) => r.id === ruleId);
  if (!rule) throw validationFailed([{ field: 'ruleId', message: 'is not a known rule' }]);
  const unknown = Object.keys(body.params).filter((k) => !(k in rule.defaults));
  if (unknown.length > 0)
    throw validationFailed(
      unknown.map((k) => ({ field: `params.${k}`, message: 'is not a parameter of this rule' })),
    );
  await withTransaction(ctx.db, async (trx) => {
    const by = ctx.actor?.userId ?? '';
    await upsertRuleSetting(trx, {
      facility_key: facilityKey,
      rule_id: ruleId,
      ...body,
      by,
      at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'completion.rule.update',
      resourceType: 'completeness_rule_setting',
      resourceId: ruleId,
      details: { facilityKey, enabled: body.enabled, params: body.params },
    });
  });
  return getSettings(ctx, facilityKey);
}

/** Sets the days past due before a reminder and before escalation (the reminder comes first). */
export async function setAging(ctx: RequestContext, facilityKey: string, body: AgingPolicy) {
  if (body.escalateAfterDays < body.reminderAfterDays)
    throw validationFailed([{ field: 'escalateAfterDays', message: 'must not come before the reminder' }]);
  await withTransaction(ctx.db, async (trx) => {
    await upsertAgingPolicy(trx, {
      facility_key: facilityKey,
      reminder_after_days: body.reminderAfterDays,
      escalate_after_days: body.escalateAfterDays,
      by: ctx.actor?.userId ?? '',
      at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'completion.aging.update',
      resourceType: 'completeness_aging_policy',
      details: { facilityKey, ...body },
    });
  });
  return getSettings(ctx, facilityKey);
}
