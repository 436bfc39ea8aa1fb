import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { cipherFor } from './cipher.ts';
import { formatMrn } from './mrn.ts';
import { demographicsToColumns } from './patient-mapper.ts';
import {
  insertChildren,
  insertPatientsBulk,
  markCoverageInError,
  nextMrnSequences,
  updatePatientDemographics,
} from './patients.queries.ts';
import type { CoverageInput, RegisterInput } from './patients.schemas.ts';
import { actorName } from './patients.service.ts';

/**
 * Batch writes for bulk imports (FHIR bulk data, issue 8). The caller (interop) has already validated
 * each input with `registerInput`/`coverageInput`, checked access for existing patients and writes the
 * audit event for the batch in the same transaction. Every patient gets a version row, as at registration.
 */
export async function importNewPatients(
  ctx: RequestContext,
  trx: DbOrTx,
  inputs: RegisterInput[],
): Promise<string[]> {
  if (inputs.length === 0) return [];
  const cipher = cipherFor(ctx.config);
  const now = ctx.clock.now();
  const by = actorName(ctx);
  const seqs = await nextMrnSequences(trx, inputs.length);
  const ids = await insertPatientsBulk(
    trx,
    inputs.map((input, i) => ({
      ...demographicsToColumns(input, cipher),
      mrn: formatMrn(ctx.config.MRN_PREFIX, seqs[i]!, ctx.config.MRN_DIGITS),
      merged_into: null,
      created_at: now,
      updated_at: now,
      updated_by: by,
    })),
  );
  const from = now.toISOString().slice(0, 10);
  await insertChildren(trx, {
    addresses: inputs.flatMap((p, i) =>
      p.address
        ? [
            {
              patient_id: ids[i]!,
              line1: p.address.line1,
              line2: p.address.line2 ?? null,
              city: p.address.city,
              state: p.address.state,
              postal_code: p.address.postalCode,
              country: p.address.country,
              is_current: true,
              valid_from: from,
              created_at: now,
            },
          ]
        : [],
    ),
    identifiers: inputs.flatMap((p, i) =>
      p.identifiers.map((x) => ({ ...x, patient_id: ids[i]!, created_at: now })),
    ),
  });
  await trx
    .insertInto('patient_version')
    .values(
      ids.map((id, i) => ({
        patient_id: id,
        version: 1,
        changed_at: now,
        changed_by: by,
        action: 'import',
        reason: 'FHIR import',
        changed_fields: [],
        snapshot: JSON.stringify(snapshot(inputs[i]!)),
      })),
    )
    .execute();
  return ids;
}

/** The version snapshot of an imported registration: the SSN never appears in it, not even masked. */
const snapshot = (input: RegisterInput) => ({
  ...input,
  ssn: input.ssn ? 'on file' : null,
  source: 'FHIR import',
});

/**
 * Applies re-imported demographics to existing patients (a new version each; the identifiers and address
 * history are kept as they are).
 */
export async function reimportPatients(
  ctx: RequestContext,
  trx: DbOrTx,
  items: { id: string; input: RegisterInput }[],
): Promise<void> {
  const cipher = cipherFor(ctx.config);
  const now = ctx.clock.now();
  for (const { id, input } of items) {
    const version = await updatePatientDemographics(trx, id, {
      ...demographicsToColumns(input, cipher),
      updated_at: now,
      updated_by: actorName(ctx),
    });
    await trx
      .insertInto('patient_version')
      .values({
        patient_id: id,
        version,
        changed_at: now,
        changed_by: actorName(ctx),
        action: 'import-update',
        reason: 'FHIR re-import',
        changed_fields: ['demographics'],
        snapshot: JSON.stringify(snapshot(input)),
      })
      .execute();
  }
}

/**
 * Adds imported coverage; a changed re-import marks the coverage it replaces entered-in-error (coverage
 * is never deleted).
 * @returns the new coverage ids, in input order
 */
export async function importCoverage(
  ctx: RequestContext,
  trx: DbOrTx,
  items: { patientId: string; input: CoverageInput; replaces?: string; enteredInError?: boolean }[],
): Promise<string[]> {
  if (items.length === 0) return [];
  const now = ctx.clock.now();
  const replaced = items.flatMap((i) => (i.replaces ? [i.replaces] : []));
  if (replaced.length) await markCoverageInError(trx, replaced);
  const rows = await trx
    .insertInto('patient_coverage')
    .values(
      items.map(({ patientId, input: c, enteredInError }) => ({
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
        status: enteredInError ? ('entered_in_error' as const) : ('active' as const),
        created_at: now,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
