import type { z } from 'zod';
import { activeLabels, recordAudit } from '../access/index.ts';
import { documentFingerprint } from '../chart/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { validationFailed } from '../kernel/errors.ts';
import { type AuthorizationForm, checkAuthorization, failures } from './authorization-check.ts';
import * as q from './disclosure.queries.ts';
import type { authorizationFormSchema, CheckResult } from './disclosure.schemas.ts';
import type { RequestScope } from './disclosure.tables.ts';
import { disclosureErrors } from './errors.ts';
import { loadRequest, moveRequest } from './request.service.ts';
import {
  type Purpose,
  type RequesterType,
  SENSITIVE_CATEGORIES,
  type SensitiveCategory,
} from './requester.ts';
import { releaseRequirement } from './requirement.ts';

type Row = NonNullable<Awaited<ReturnType<typeof q.findRequest>>>;
const today = (ctx: RequestContext) => ctx.clock.now().toISOString().slice(0, 10);

/** Sensitive categories present in what is asked (patient-level labels; entry labels join with the chart). */
async function categoriesPresent(db: DbOrTx, patientId: string): Promise<SensitiveCategory[]> {
  const labels = await activeLabels(db, [patientId]);
  return labels
    .map((l) => l.label)
    .filter((l): l is SensitiveCategory => (SENSITIVE_CATEGORIES as readonly string[]).includes(l));
}

/** Evaluates a request against the rules and its latest authorization (pure decision over loaded data). */
export async function evaluate(ctx: RequestContext, db: DbOrTx, row: Row): Promise<CheckResult> {
  const categories = await categoriesPresent(db, row.patient_id);
  const need = releaseRequirement(row.requester_type as RequesterType, row.purpose as Purpose, categories);
  const auth = await q.latestAuthorization(db, row.id);
  const needsForm =
    need.authorizationRequired || need.psychotherapyAuthorizationRequired || need.part2ConsentRequired;
  const scope = row.scope as unknown as RequestScope;
  const deceased = await q.patientDeceased(db, row.patient_id);
  const elements = auth
    ? checkAuthorization(
        {
          ...(auth.form as AuthorizationForm),
          revokedOn: auth.revoked_on ?? (auth.form as AuthorizationForm).revokedOn,
        },
        {
          recipient: row.requester_name,
          purpose: row.purpose as Purpose,
          recordTypes: scope.recordTypes,
          dateFrom: scope.dateFrom,
          dateTo: scope.dateTo,
          categoriesPresent: categories,
          patientDeceased: deceased,
        },
        today(ctx),
      )
    : needsForm
      ? [
          {
            element: 'authorization',
            rule: '164.508(a)',
            ok: false,
            message: 'No authorization has been captured for this request.',
          },
        ]
      : [];
  const overridden = row.override_reason !== null;
  return {
    authorizationRequired: needsForm,
    basis: need.basis,
    minimumNecessary: need.minimumNecessary,
    authorizationId: auth?.id ?? null,
    passed: !needsForm || failures(elements).length === 0,
    overridden,
    elements,
  };
}

/** Captures the structured authorization (the scanned signed form is attached as a document). */
export async function captureAuthorization(
  ctx: RequestContext,
  requestId: string,
  form: z.infer<typeof authorizationFormSchema>,
) {
  return withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, requestId, 'disclosure:release');
    const scan = form.scannedDocumentId ? await documentFingerprint(trx, form.scannedDocumentId) : undefined;
    // The scan must be this patient's consent document; its content hash proves which file was signed.
    if (form.scannedDocumentId && (scan?.patientId !== row.patient_id || scan.documentType !== 'consent'))
      throw validationFailed([
        { field: 'scannedDocumentId', message: "Choose a consent document from this patient's documents." },
      ]);
    const id = await q.insertAuthorization(trx, {
      patient_id: row.patient_id,
      request_id: row.id,
      form: JSON.stringify(form),
      document_sha256: scan?.sha256 ?? null,
      captured_by: ctx.actor?.userId ?? null,
      captured_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'disclosure.authorization.capture',
      patientIds: [row.patient_id],
      resourceType: 'Authorization',
      resourceId: id,
    });
    return evaluate(ctx, trx, row);
  });
}

/**
 * Runs the authorization check and advances the request: passed (or not needed) → retrieval;
 * otherwise it waits in authorization-check with every failing element listed.
 */
export async function runCheck(ctx: RequestContext, requestId: string): Promise<CheckResult> {
  return withTransaction(ctx.db, async (trx) => {
    let row = await loadRequest(ctx, trx, requestId, 'disclosure:release');
    if (row.status === 'received') throw disclosureErrors.identityNotVerified();
    const result = await evaluate(ctx, trx, row);
    const failing = failures(result.elements).map((f) => f.element);
    if (row.status === 'verification') {
      await moveRequest(
        ctx,
        trx,
        row,
        'authorization-check',
        failing.length ? `Failing: ${failing.join(', ')}` : 'Authorization check passed',
        null,
      );
      row = (await q.findRequest(trx, requestId))!;
    }
    if (row.status === 'authorization-check' && (result.passed || result.overridden)) {
      await moveRequest(
        ctx,
        trx,
        row,
        'retrieval',
        result.overridden ? 'Released for retrieval under privacy officer override' : null,
        null,
      );
    }
    await recordAudit(trx, ctx, {
      action: 'disclosure.authorization.check',
      outcome: result.passed ? 'success' : 'failure',
      patientIds: [row.patient_id],
      resourceType: 'DisclosureRequest',
      resourceId: row.id,
      details: { failing },
    });
    return result;
  });
}

/** A privacy officer lets a request proceed despite failing checks, with a reason (audited). */
export async function overrideCheck(
  ctx: RequestContext,
  requestId: string,
  reason: string,
): Promise<CheckResult> {
  if (reason.trim().length < 10)
    throw validationFailed([{ field: 'reason', message: 'Explain the override (at least 10 characters).' }]);
  return withTransaction(ctx.db, async (trx) => {
    const row = await loadRequest(ctx, trx, requestId, 'disclosure:read');
    await q.updateRequest(trx, row.id, { override_reason: reason.trim(), updated_at: ctx.clock.now() });
    await q.insertEvent(trx, {
      request_id: row.id,
      patient_id: row.patient_id,
      status: row.status,
      note: `Override: ${reason.trim()}`,
      actor_id: ctx.actor?.userId ?? null,
      at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'disclosure.authorization.override',
      patientIds: [row.patient_id],
      resourceType: 'DisclosureRequest',
      resourceId: row.id,
      details: { reason: reason.trim().slice(0, 200) },
    });
    return evaluate(ctx, trx, (await q.findRequest(trx, requestId))!);
  });
}

/** Revocation (164.508(b)(5)) takes effect on receipt: pending work that relied on it goes back to the check. */
export async function revokeAuthorization(
  ctx: RequestContext,
  authorizationId: string,
  receivedOn: string,
): Promise<{ stopped: number }> {
  return withTransaction(ctx.db, async (trx) => {
    const auth = await q.findAuthorization(trx, authorizationId);
    if (!auth) throw disclosureErrors.authorizationNotFound();
    const pending = await q.pendingRequestsUsing(trx, authorizationId);
    await q.markAuthorizationRevoked(trx, authorizationId, receivedOn);
    for (const p of pending) {
      const row = await loadRequest(ctx, trx, p.id, 'disclosure:release');
      await moveRequest(
        ctx,
        trx,
        row,
        'authorization-check',
        'Authorization revoked by the patient; work stopped',
        null,
      );
    }
    await recordAudit(trx, ctx, {
      action: 'disclosure.authorization.revoke',
      patientIds: [auth.patient_id],
      resourceType: 'Authorization',
      resourceId: authorizationId,
      details: { stopped: pending.length },
    });
    return { stopped: pending.length };
  });
}
