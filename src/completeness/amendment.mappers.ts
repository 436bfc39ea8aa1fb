import type { AmendmentRow, StatementRow } from './amendment.queries.ts';
import type { Amendment } from './amendment.schemas.ts';

/** The deadline in force: the extended one when an extension was recorded (164.526(b)(2)). */
export const effectiveDue = (r: Pick<AmendmentRow, 'due_on' | 'extended_due_on'>): string =>
  r.extended_due_on ?? r.due_on;

export const statementToApi = (s: StatementRow) => ({
  id: s.id,
  kind: s.kind,
  text: s.text,
  recordedBy: s.recorded_by,
  recordedAt: s.recorded_at.toISOString(),
});

export const amendmentToApi = (r: AmendmentRow, statements: StatementRow[]): Amendment => ({
  id: r.id,
  patientId: r.patient_id,
  entryIds: r.entry_ids,
  requestText: r.request_text,
  receivedOn: r.received_on,
  dueOn: r.due_on,
  extendedDueOn: r.extended_due_on,
  extensionReason: r.extension_reason,
  effectiveDueOn: effectiveDue(r),
  authorUserId: r.author_user_id,
  status: r.status,
  amendmentText: r.amendment_text,
  notifyParties: r.notify_parties,
  denialGround: r.denial_ground,
  denialBasis: r.denial_basis,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  statements: statements.filter((s) => s.amendment_id === r.id).map(statementToApi),
});
