import type { DbOrTx } from '../kernel/db.ts';
import { insertCareRelationship } from './patient-access.queries.ts';

/**
 * Records that a clinician treats a patient (e.g. the attending provider of an encounter), which opens
 * restricted records to them for care (HIPAA 164.506 treatment; docs/access.md "Patient-level access").
 * Call it inside the transaction of the work that creates the relationship.
 * @param source - what created it, e.g. `encounter:<id>` (no PHI)
 */
export async function grantCareRelationship(
  db: DbOrTx,
  rel: {
    userId: string;
    patientId: string;
    kind: 'attending' | 'treating' | 'assigned';
    validFrom: Date;
    validUntil?: Date | null;
    source: string;
  },
): Promise<void> {
  await insertCareRelationship(db, {
    user_id: rel.userId,
    patient_id: rel.patientId,
    kind: rel.kind,
    valid_from: rel.validFrom,
    valid_until: rel.validUntil ?? null,
    source: rel.source,
  });
}
