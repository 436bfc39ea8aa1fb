import type { AuditEvent, AuditEventEntity } from '@medplum/fhirtypes';
import { compact, SYSTEMS } from './common.ts';

/** An event of the audit trail as the privacy officer's search returns it (src/access/audit). */
export interface AuditEventSource {
  seq: number;
  id: string;
  occurredAt: string;
  userId: string | null;
  username: string | null;
  roles: string[];
  action: string;
  outcome: string;
  patientIds: string[];
  resourceType: string | null;
  resourceId: string | null;
  purposeOfUse: string | null;
  breakGlass: boolean;
  sourceIp: string | null;
  channel: string | null;
}

/** `<area>.<verb>` → AuditEvent.action (C create, R read, U update, D delete, E execute). */
export function auditAction(action: string): AuditEvent['action'] {
  const verb = action.split('.').at(-1) ?? '';
  if (/create|register|upload/.test(verb)) return 'C';
  if (/read|list|search|history|download|export|lookup/.test(verb)) return 'R';
  if (/update|status|merge|unmerge|entered_in_error/.test(verb)) return 'U';
  if (/delete|revoke/.test(verb)) return 'D';
  return 'E';
}

/** success → 0, denied → 4 (minor failure: refused), failure → 8 (R4 valueset-audit-event-outcome). */
const OUTCOME: Record<string, AuditEvent['outcome']> = { success: '0', denied: '4', failure: '8' };

/**
 * One audit-trail event as an AuditEvent (R4 auditevent.html; the HIPAA 164.312(b) audit control). Patients
 * appear as entity references only; details stay in the trail (they may name fields, never values).
 */
export function auditEventToFhir(a: AuditEventSource): AuditEvent {
  const entities: AuditEventEntity[] = a.patientIds.map((id) => ({
    what: { reference: `Patient/${id}` },
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
    role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
  }));
  if (a.resourceType)
    entities.push(
      compact({ what: { display: a.resourceId ? `${a.resourceType}/${a.resourceId}` : a.resourceType } }),
    );
  return compact<AuditEvent>({
    resourceType: 'AuditEvent',
    id: a.id,
    meta: { versionId: '1', lastUpdated: a.occurredAt },
    type:
      a.channel === 'fhir'
        ? { system: SYSTEMS.auditEventType, code: 'rest', display: 'RESTful Operation' }
        : { system: SYSTEMS.dicom, code: '110110', display: 'Patient Record' },
    subtype: [{ system: 'urn:chartkeeper:audit-action', code: a.action }],
    action: auditAction(a.action),
    recorded: a.occurredAt,
    outcome: OUTCOME[a.outcome] ?? '8',
    outcomeDesc: a.outcome === 'success' ? undefined : a.outcome,
    purposeOfEvent: a.breakGlass
      ? [{ coding: [{ system: SYSTEMS.actCode, code: 'ETREAT', display: 'Emergency Treatment' }] }]
      : a.purposeOfUse
        ? [{ text: a.purposeOfUse }]
        : undefined,
    agent: [
      compact({
        who: a.userId
          ? { reference: `Practitioner/${a.userId}`, display: a.username ?? undefined }
          : { display: a.username ?? 'system' },
        requestor: true,
        role: a.roles.length > 0 ? a.roles.map((r) => ({ text: r })) : undefined,
        network: a.sourceIp ? { address: a.sourceIp, type: '2' as const } : undefined,
      }),
    ],
    source: {
      observer: { display: 'Chartkeeper' },
      type: [{ system: SYSTEMS.dicom, code: '110150', display: 'Application' }],
    },
    entity: entities,
  });
}
