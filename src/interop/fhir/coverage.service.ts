import type { Resource } from '@medplum/fhirtypes';
import { assertCanSeePatient, recordAudit } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { coverageRows, importCoverage } from '../../patients/index.ts';
import { mapIncoming } from './clinical-write.service.ts';
import { fhirErrors } from './errors.ts';
import { coverageResource } from './loaders.ts';
import { localId, refIssue } from './references.ts';

/**
 * POST Coverage — adds insurance to the patient's face sheet through the patient index's coverage writer,
 * with the registration permission (patient:write), the access check and the audit event in one
 * transaction. Coverage is never rewritten (docs/patients.md): a correction is a new Coverage.
 */
export async function createCoverage(ctx: RequestContext, body: unknown): Promise<Resource> {
  const write = mapIncoming(ctx, 'Coverage', body);
  if (write.target !== 'coverage') throw fhirErrors.notSupported('This Coverage');
  if (write.enteredInError) throw fhirErrors.notSupported('Creating an entered-in-error Coverage');
  const patientId = localId(write.patientRef, 'Patient');
  if (!patientId) throw fhirErrors.unprocessable([refIssue('Coverage.beneficiary.reference', 'Patient')]);
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'patient:write');
    const [id] = await importCoverage(ctx, trx, [{ patientId, input: write.input }]);
    const row = (await coverageRows(trx, { id: id! }))[0]!;
    await recordAudit(trx, ctx, {
      action: 'patient.coverage.create',
      patientIds: [patientId],
      resourceType: 'Coverage',
      resourceId: id!,
    });
    return coverageResource(row);
  });
}
