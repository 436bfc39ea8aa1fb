import { assertCanSeePatient, linkStaff, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { validationFailed } from '../kernel/errors.ts';
import { bannerRestriction } from './banner-restriction.ts';
import { cipherFor } from './cipher.ts';
import { patientErrors } from './errors.ts';
import { formatMrn } from './mrn.ts';
import { aggregateToOut, changedFields, demographicsToColumns } from './patient-mapper.ts';
import {
  closeCurrentAddress,
  endCoverage,
  insertChildren,
  insertPatient,
  insertVersion,
  listVersions,
  loadPatient,
  markCoverageInError,
  nextMrnSequence,
  updatePatientRow,
} from './patients.queries.ts';
import type { PatientOut } from './patients.responses.ts';
import {
  parseWithDates,
  type RegisterInput,
  registerInput,
  type UpdateInput,
  updateInput,
} from './patients.schemas.ts';
import { phoneticKey } from './similarity.ts';

export const today = (ctx: RequestContext): string => ctx.clock.now().toISOString().slice(0, 10);
export const actorName = (ctx: RequestContext): string => ctx.actor?.username ?? ctx.operator ?? 'system';

/** Child rows of a registration, ready to insert. */
function childRows(ctx: RequestContext, patientId: string, input: RegisterInput) {
  const now = ctx.clock.now();
  return {
    otherNames: input.otherNames.map((n) => ({
      patient_id: patientId,
      kind: n.kind,
      family_name: n.family,
      given_name: n.given ?? null,
      family_key: phoneticKey(n.family),
      created_at: now,
    })),
    addresses: input.address ? [addressRow(patientId, input.address, today(ctx), now)] : [],
    identifiers: input.identifiers.map((i) => ({ patient_id: patientId, ...i, created_at: now })),
    coverage: input.coverage.map((c) => ({
      patient_id: patientId,
      priority: c.priority,
      payer: c.payer,
      plan: c.plan ?? null,
      member_id: c.memberId,
      group_number: c.groupNumber ?? null,
      subscriber_name: c.subscriberName,
      relationship: c.relationship,
      effective_from: c.effectiveFrom,
      effective_to: c.effectiveTo ?? null,
      created_at: now,
    })),
  };
}

function addressRow(patientId: string, a: NonNullable<RegisterInput['address']>, from: string, now: Date) {
  return {
    patient_id: patientId,
    line1: a.line1,
    line2: a.line2 ?? null,
    city: a.city,
    state: a.state,
    postal_code: a.postalCode,
    country: a.country,
    is_current: true,
    valid_from: from,
    created_at: now,
  };
}

/** Loads the face sheet inside a transaction (no access check: callers have done it). */
export async function loadOut(ctx: RequestContext, trx: DbOrTx, id: string): Promise<PatientOut> {
  const agg = await loadPatient(trx, id);
  if (!agg) throw patientErrors.notFound();
  return aggregateToOut(agg, cipherFor(ctx.config));
}

/** Appends a version row with the face-sheet snapshot (who, when, what changed, why). */
export async function recordVersion(
  ctx: RequestContext,
  trx: DbOrTx,
  out: PatientOut,
  action: string,
  fields: string[],
  reason: string | null,
): Promise<void> {
  await insertVersion(trx, {
    patient_id: out.id,
    version: out.version,
    changed_at: ctx.clock.now(),
    changed_by: actorName(ctx),
    action,
    reason,
    changed_fields: fields,
    snapshot: JSON.stringify(out),
  });
}

/**
 * Registers a new patient: issues the MRN, stores identification, identifiers and coverage, version 1,
 * audit event — all in one transaction, or nothing.
 * @param raw - the request body; every field at fault is reported at once
 */
export async function registerPatient(ctx: RequestContext, raw: unknown): Promise<PatientOut> {
  const parsed = parseWithDates(registerInput, raw, today(ctx));
  if (!parsed.ok) throw validationFailed(parsed.issues);
  const input = parsed.value;
  const cipher = cipherFor(ctx.config);
  return withTransaction(ctx.db, async (trx) => {
    const mrn = formatMrn(ctx.config.MRN_PREFIX, await nextMrnSequence(trx), ctx.config.MRN_DIGITS);
    const now = ctx.clock.now();
    const id = await insertPatient(trx, {
      ...demographicsToColumns(input, cipher),
      mrn,
      merged_into: null,
      created_at: now,
      updated_at: now,
      updated_by: actorName(ctx),
    });
    await insertChildren(trx, childRows(ctx, id, input));
    const out = await loadOut(ctx, trx, id);
    await recordVersion(ctx, trx, out, 'create', [], null);
    await recordAudit(trx, ctx, {
      action: 'patient.create',
      patientIds: [id],
      resourceType: 'Patient',
      resourceId: id,
    });
    // A member of staff's own record: linked and `employee`-restricted in the same transaction.
    if (input.staffMember)
      await linkStaff(
        ctx,
        trx,
        id,
        {
          userId: input.staffMember.userId,
          kind: 'self',
          reason: input.staffMember.reason || 'Registered as a member of staff',
        },
        { atRegistration: true },
      );
    return out;
  });
}

/** The face sheet's demographics, identifiers and coverage. */

export async function getPatient(
  ctx: RequestContext,
  id: string,
): Promise<PatientOut & { restricted: boolean; restrictions: string[] }> {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, id, 'patient:read');
    const base = await loadOut(ctx, trx, id);
    const out = { ...base, ...(await bannerRestriction(trx, id)) };
    await recordAudit(trx, ctx, {
      action: 'patient.read',
      patientIds: [id],
      resourceType: 'Patient',
      resourceId: id,
    });
    return out;
  });
}

/** Why a version check failed: which fields changed since the version the client holds, and by whom. */
async function conflictDetails(trx: DbOrTx, id: string, clientVersion: number, current: PatientOut) {
  const versions = await listVersions(trx, id);
  const theirs = versions.find((v) => v.version === clientVersion);
  const latest = versions[0];
  return patientErrors.versionConflict({
    currentVersion: current.version,
    changedFields: theirs ? changedFields(theirs.snapshot, current) : [],
    changedBy: latest?.changed_by ?? null,
    changedAt: latest ? latest.changed_at.toISOString() : null,
  });
}

/**
 * Other names, identifiers and coverage added with an update; coverage ended or marked entered in error.
 * A coverage id that is not this patient's active coverage fails the whole update (nothing saved).
 */
async function applyChildChanges(ctx: RequestContext, trx: DbOrTx, id: string, input: UpdateInput) {
  await insertChildren(
    trx,
    childRows(ctx, id, {
      ...input,
      address: null,
      otherNames: input.addOtherNames,
      identifiers: input.addIdentifiers,
      coverage: input.addCoverage,
    }),
  );
  const issues = [];
  for (const [i, e] of input.endCoverage.entries()) {
    if ((await endCoverage(trx, id, e.id, e.effectiveTo)) !== 1)
      issues.push({
        field: `endCoverage.${i}.id`,
        message: 'No active coverage with this id on this record.',
      });
  }
  if ((await markCoverageInError(trx, id, input.coverageInError)) !== new Set(input.coverageInError).size)
    issues.push({ field: 'coverageInError', message: 'No active coverage with this id on this record.' });
  if (issues.length) throw validationFailed(issues);
}

/**
 * Updates demographics as a new version. The body carries the version the clerk edited; a mismatch is a
 * 409 naming the fields someone else changed. An omitted SSN keeps the stored one (the client only ever
 * sees it masked). A changed address closes the current one (history kept) and adds the new one.
 */
export async function updatePatient(ctx: RequestContext, id: string, raw: unknown): Promise<PatientOut> {
  const parsed = parseWithDates(updateInput, raw, today(ctx));
  if (!parsed.ok) throw validationFailed(parsed.issues);
  const input = parsed.value;
  const cipher = cipherFor(ctx.config);
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, id, 'patient:write');
    const agg = await loadPatient(trx, id, true);
    if (!agg) throw patientErrors.notFound();
    if (agg.patient.status === 'merged') throw patientErrors.retired();
    const before = aggregateToOut(agg, cipher);
    if (agg.patient.version !== input.version) throw await conflictDetails(trx, id, input.version, before);
    const cols = demographicsToColumns(input, cipher);
    if (!input.ssn) {
      cols.ssn_enc = agg.patient.ssn_enc;
      cols.ssn_hash = agg.patient.ssn_hash;
      cols.ssn_last4_hash = agg.patient.ssn_last4_hash;
    }
    const cur = before.address;
    const next = input.address;
    const same =
      cur &&
      next &&
      cur.line1 === next.line1 &&
      (cur.line2 ?? null) === (next.line2 ?? null) &&
      cur.city === next.city &&
      cur.state === next.state &&
      cur.postalCode === next.postalCode;
    if (!same && (cur || next)) {
      await closeCurrentAddress(trx, id, today(ctx));
      if (next) await insertChildren(trx, { addresses: [addressRow(id, next, today(ctx), ctx.clock.now())] });
    }
    await applyChildChanges(ctx, trx, id, input);
    const now = ctx.clock.now();
    const ok = await updatePatientRow(trx, id, input.version, {
      ...cols,
      updated_at: now,
      updated_by: actorName(ctx),
    });
    if (!ok) throw await conflictDetails(trx, id, input.version, before);
    const out = await loadOut(ctx, trx, id);
    const fields = changedFields(before, out);
    await recordVersion(ctx, trx, out, 'update', fields, input.reason);
    await recordAudit(trx, ctx, {
      action: 'patient.update',
      patientIds: [id],
      resourceType: 'Patient',
      resourceId: id,
      details: { changedFields: fields, version: out.version },
    });
    return out;
  });
}

/** Every version of the record, newest first. */
export async function patientVersions(ctx: RequestContext, id: string) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, id, 'patient:read');
    const rows = await listVersions(trx, id);
    if (rows.length === 0) throw patientErrors.notFound();
    await recordAudit(trx, ctx, {
      action: 'patient.versions.read',
      patientIds: [id],
      resourceType: 'Patient',
      resourceId: id,
    });
    return {
      versions: rows.map((v) => ({
        version: v.version,
        changedAt: v.changed_at.toISOString(),
        changedBy: v.changed_by,
        action: v.action,
        reason: v.reason,
        changedFields: v.changed_fields,
        snapshot: v.snapshot,
      })),
    };
  });
}
