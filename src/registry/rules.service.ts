import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { notFound } from '../kernel/errors.ts';
import { deleteReportableRule, insertReportableRules, type RuleRow } from './casefind.queries.ts';
import { reportableRules, toRule } from './casefind.service.ts';
import { normaliseCode, type ReportableRule } from './casefind-rules.ts';
import { auditRegistry, requireRegistry } from './gate.ts';

const view = (r: RuleRow) => ({ id: r.id, ...toRule(r) });

/** The reportable list (issue 14: "editable by the registry, versioned by diagnosis year"). */
export async function listRules(ctx: RequestContext) {
  await requireRegistry(ctx, 'registry:read');
  return { items: (await reportableRules(ctx.db)).map(view) };
}

export async function addRule(ctx: RequestContext, r: ReportableRule) {
  await requireRegistry(ctx, 'registry:write');
  await reportableRules(ctx.db);
  return withTransaction(ctx.db, async (trx) => {
    const [row] = await insertReportableRules(trx, [
      {
        code_system: r.codeSystem,
        code_from: normaliseCode(r.from),
        code_to: normaliseCode(r.to),
        action: r.action,
        from_year: r.fromYear,
        to_year: r.toYear,
        note: r.note,
      },
    ]);
    await auditRegistry(trx, ctx, 'registry.rule_add', [], { rule: row?.id, ...r });
    return view(row as RuleRow);
  });
}

export async function removeRule(ctx: RequestContext, id: string) {
  await requireRegistry(ctx, 'registry:write');
  return withTransaction(ctx.db, async (trx) => {
    const row = await deleteReportableRule(trx, id);
    if (!row) throw notFound('The reportable rule');
    await auditRegistry(trx, ctx, 'registry.rule_remove', [], { rule: id, ...toRule(row) });
    return view(row);
  });
}
