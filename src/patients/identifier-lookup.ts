import { assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';

/** Patient ids holding an external identifier (issuer + value), following merges to the survivor. */
async function idsByIdentifier(db: DbOrTx, system: string, value: string): Promise<string[]> {
  const rows = await db
    .selectFrom('patient_identifier as i')
    .innerJoin('patient as p', 'p.id', 'i.patient_id')
    .select(['p.id', 'p.status', 'p.merged_into'])
    .where('i.system', '=', system)
    .where('i.value', '=', value)
    .execute();
  return [...new Set(rows.map((r) => (r.status === 'merged' && r.merged_into ? r.merged_into : r.id)))];
}

/**
 * Finds the patient an external system knows by its identifier (an interface's PID-3, a FHIR
 * Patient.identifier). Answers only the record id; the lookup is checked and audited like any read.
 * @returns the id, or undefined when no record carries the identifier
 */
export async function findPatientIdByIdentifier(
  ctx: RequestContext,
  system: string,
  value: string,
): Promise<string | undefined> {
  return withTransaction(ctx.db, async (trx) => {
    const ids = await idsByIdentifier(trx, system, value);
    const id = ids[0];
    if (!id) return undefined;
    await assertCanSeePatient(ctx, trx, id, 'patient:read');
    await recordAudit(trx, ctx, {
      action: 'patient.lookup.identifier',
      patientIds: [id],
      resourceType: 'Patient',
      resourceId: id,
    });
    return id;
  });
}
