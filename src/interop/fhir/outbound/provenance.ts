import type { Provenance } from '@medplum/fhirtypes';
import { codeable, compact, SYSTEMS } from './common.ts';

/** One version of a versioned record: who changed it, when, why (chart_version or patient_version). */
export interface VersionSource {
  /** FHIR type and id of the record the version belongs to. */
  targetType: string;
  targetId: string;
  version: number;
  changedAt: string;
  /** A user id when known (chart versions), otherwise a username (patient versions). */
  changedByUserId: string | null;
  changedByName: string | null;
  reason: string | null;
  changedFields: string[];
}

/** The Provenance id for a version: target id + version, within R4's 64-character id limit. */
export const provenanceId = (targetId: string, version: number): string => `${targetId}-v${version}`;

/**
 * Each version of a record as a Provenance targeting that version (R4 provenance.html: target is a
 * version-specific reference). Activity: CREATE for version 1, UPDATE after (v3 DataOperation).
 */
export function provenanceToFhir(v: VersionSource): Provenance {
  const who = v.changedByUserId
    ? compact({ reference: `Practitioner/${v.changedByUserId}`, display: v.changedByName ?? undefined })
    : { display: v.changedByName ?? 'system' };
  return compact<Provenance>({
    resourceType: 'Provenance',
    id: provenanceId(v.targetId, v.version),
    meta: { versionId: '1', lastUpdated: v.changedAt },
    target: [{ reference: `${v.targetType}/${v.targetId}/_history/${v.version}` }],
    recorded: v.changedAt,
    reason: v.reason ? [{ text: v.reason }] : undefined,
    activity:
      v.version === 1
        ? codeable(SYSTEMS.dataOperation, 'CREATE', 'create')
        : codeable(
            SYSTEMS.dataOperation,
            'UPDATE',
            'revise',
            v.changedFields.length > 0 ? `changed: ${v.changedFields.join(', ')}` : undefined,
          ),
    agent: [{ type: codeable(SYSTEMS.provenanceParticipant, 'author', 'Author'), who }],
  });
}
