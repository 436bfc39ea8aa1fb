import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import type { ClaimRow } from '../claims.queries.ts';
import { insertClaimHistory } from '../claims.queries.ts';
import { getClaim } from '../claims-read.service.ts';
import { BillingErrors } from '../errors.ts';
import { actorName, auditBilling, requireBilling, visiblePatients } from '../gate.ts';
import { claimStatusOf, lockOpenClaim, saveFixedClaim, setLinePointers } from './fixes.queries.ts';
import { type FixChange, type FixRequest, planFix } from './fixes.ts';
import { findingsFor, loadClaimFacts, saveScrubChanges, scrubChange } from './scrubber.service.ts';

const money = (v: string) => Math.round(Number(v) * 100) / 100;

/** The changes a fix made, as the claim now stands in memory (for the re-scrub in the same transaction). */
function applied(claim: ClaimRow, changes: FixChange[], version: number): ClaimRow {
  let c: ClaimRow = { ...claim, version };
  for (const ch of changes) {
    if (ch.kind === 'charge') c = { ...c, charge: ch.after.toFixed(2) };
    if (ch.kind === 'prior_auth') c = { ...c, details: { ...c.details, priorAuthNumber: ch.after } };
  }
  return c;
}

/**
 * Applies one of the scrubber's one-click fixes to a claim not yet sent, then scrubs it again, in one
 * transaction: the fix is checked against the claim's findings as they stand now (a stale screen cannot
 * apply a fix the claim no longer needs), writes the next claim version with a `fix` history row (what
 * changed, before and after), and the re-scrub writes its own `scrub` version when the findings change.
 * Audited as `billing.claim_fix`; a role without `billing:write` is refused and the refusal audited.
 * @param input - the fix, its line (trim_pointers), the number (set_prior_auth) and the version on screen
 */
export async function applyScrubFix(
  ctx: RequestContext,
  claimId: string,
  input: FixRequest & { version: number },
) {
  await requireBilling(ctx, 'billing:write');
  await withTransaction(ctx.db, async (trx) => {
    const claim = await lockOpenClaim(trx, claimId);
    if (!claim) {
      const other = await claimStatusOf(trx, claimId);
      if (other && (await visiblePatients(ctx, trx, [other.patient_id])).has(other.patient_id))
        throw BillingErrors.claimNotOpen(other.status);
      throw BillingErrors.claimNotFound();
    }
    if (!(await visiblePatients(ctx, trx, [claim.patient_id])).has(claim.patient_id))
      throw BillingErrors.claimNotFound();
    if (claim.version !== input.version) throw BillingErrors.versionConflict(claim.version);
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const [facts] = await loadClaimFacts(ctx, trx, [claim]);
    if (!facts) throw BillingErrors.claimNotFound();
    const findings = await findingsFor(ctx, facts, today, new Map());
    const plan = planFix(
      {
        charge: money(claim.charge),
        diagnosisCount: (claim.diagnoses as unknown[]).length,
        lines: facts.lines.map((l) => ({
          lineNo: l.line_no,
          charge: money(l.charge),
          diagnosisPointers: l.diagnosis_pointers,
        })),
        priorAuthNumber: facts.priorAuthNumber,
      },
      findings,
      input,
    );
    if (!plan.ok) {
      if (plan.reason === 'line_required') throw BillingErrors.fixNeedsInput('the claim line (line)');
      if (plan.reason === 'number_required')
        throw BillingErrors.fixNeedsInput('the authorization number (priorAuthNumber)');
      throw BillingErrors.fixNotOffered(input.fix, input.line);
    }
    const now = ctx.clock.now();
    const version = claim.version + 1;
    for (const ch of plan.changes)
      if (ch.kind === 'pointers') await setLinePointers(trx, claim.id, ch.line, ch.after);
    const charge = plan.changes.find((c) => c.kind === 'charge');
    const auth = plan.changes.find((c) => c.kind === 'prior_auth');
    await saveFixedClaim(trx, claim.id, {
      version,
      now,
      ...(charge ? { charge: charge.after } : {}),
      ...(auth ? { priorAuthNumber: auth.after } : {}),
    });
    await insertClaimHistory(trx, [
      {
        claim_id: claim.id,
        version,
        action: 'fix',
        status: claim.status,
        snapshot: JSON.stringify({ fix: input.fix, changes: plan.changes }),
        changed_by: actorName(ctx),
        changed_at: now,
      },
    ]);
    const fixed = applied(claim, plan.changes, version);
    const [after] = await loadClaimFacts(ctx, trx, [fixed]);
    if (after) {
      const change = scrubChange(fixed, await findingsFor(ctx, after, today, new Map()));
      if (change) await saveScrubChanges(ctx, trx, [change]);
    }
    await auditBilling(
      trx,
      ctx,
      'billing.claim_fix',
      [claim.patient_id],
      { fix: input.fix, ...(input.line !== undefined ? { line: input.line } : {}) },
      { type: 'Claim', id: claim.id },
    );
  });
  return getClaim(ctx, claimId);
}
