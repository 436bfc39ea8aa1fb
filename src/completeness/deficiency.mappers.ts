import { type AgingPolicy, agingStage, daysPastDue } from './aging.ts';
import type { Deficiency } from './deficiency.schemas.ts';
import type { QueueRow } from './queue.queries.ts';

/** Rows become API shapes on purpose (CONVENTIONS 6); the stage follows the facility's aging policy. */
export function deficiencyToApi(r: QueueRow, now: Date, policy: AgingPolicy): Deficiency {
  const open = r.status === 'open';
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: `${r.family_name}, ${r.given_name}`,
    mrn: r.mrn,
    encounterId: r.encounter_id,
    service: r.service,
    ruleId: r.rule_id,
    itemKey: r.item_key,
    description: r.description,
    responsibleUserId: r.responsible_user_id,
    responsibleName: r.responsible_name,
    manual: r.manual,
    status: r.status,
    openedAt: r.opened_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    daysOverdue: open ? Math.max(0, daysPastDue(r.due_at, now)) : 0,
    stage: open ? agingStage(r.due_at, now, policy) : 'not-due',
    closedAt: r.closed_at?.toISOString() ?? null,
    closeReason: r.close_reason,
  };
}
