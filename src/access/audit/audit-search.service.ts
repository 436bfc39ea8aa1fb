import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { notFound, unauthorized, validationFailed } from '../../kernel/errors.ts';
import { recordAudit } from './audit.service.ts';
import {
  type AuditEventRow,
  type AuditFilter,
  breakGlassEvents,
  findAuditEvents,
  findBreakGlass,
  setBreakGlassReview,
} from './audit-search.queries.ts';

/** The privacy officer's view of the trail (permission audit:read). Looking at it is itself audited. */

export interface AuditEventView {
  seq: number;
  id: string;
  occurredAt: string;
  userId: string | null;
  username: string | null;
  roles: string[];
  facilityId: string | null;
  action: string;
  outcome: string;
  patientIds: string[];
  resourceType: string | null;
  resourceId: string | null;
  purposeOfUse: string | null;
  breakGlass: boolean;
  sourceIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  channel: string | null;
}

const toView = (r: AuditEventRow): AuditEventView => ({
  seq: r.seq,
  id: r.id,
  occurredAt: r.occurred_at.toISOString(),
  userId: r.actor_user_id,
  username: r.actor_username,
  roles: r.actor_roles,
  facilityId: r.facility_id,
  action: r.action,
  outcome: r.outcome,
  patientIds: r.patient_ids,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  purposeOfUse: r.purpose_of_use,
  breakGlass: r.break_glass,
  sourceIp: r.source_ip,
  userAgent: r.user_agent,
  requestId: r.request_id,
  channel: r.channel,
});

function checkRange(f: AuditFilter): void {
  if (f.from && f.to && f.from >= f.to) {
    throw validationFailed([{ field: 'to', message: 'The end of the range must be after its start.' }]);
  }
}

const auditedFilter = (f: AuditFilter) =>
  Object.fromEntries(
    Object.entries(f)
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])
      .filter(([, v]) => v != null),
  );

/** Searches the trail, newest first. */
export async function searchAudit(
  ctx: RequestContext,
  f: AuditFilter,
  page: { offset: number; limit: number },
  action = 'audit.search',
): Promise<{ items: AuditEventView[]; total: number }> {
  checkRange(f);
  return withTransaction(ctx.db, async (trx) => {
    const { rows, total } = await findAuditEvents(trx, f, page);
    await recordAudit(trx, ctx, {
      action,
      patientIds: f.patientId ? [f.patientId] : [],
      resourceType: 'AuditEvent',
      details: { filter: auditedFilter(f), returned: rows.length },
    });
    return { items: rows.map(toView), total };
  });
}

/** "Who accessed this patient's record": every event naming the patient (HIPAA 164.528 / 164.312(b)). */
export function patientAccessReport(
  ctx: RequestContext,
  patientId: string,
  page: { offset: number; limit: number },
): Promise<{ items: AuditEventView[]; total: number }> {
  return searchAudit(ctx, { patientId }, page, 'audit.patient_report');
}

const CSV_COLUMNS: (keyof AuditEventView)[] = [
  'occurredAt',
  'username',
  'roles',
  'action',
  'outcome',
  'patientIds',
  'resourceType',
  'resourceId',
  'purposeOfUse',
  'breakGlass',
  'sourceIp',
  'channel',
  'requestId',
  'id',
];

function csvCell(v: unknown): string {
  const s = Array.isArray(v) ? v.join(' ') : v == null ? '' : String(v);
  // Quote everything; neutralise spreadsheet formulas (CSV injection, OWASP).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** CSV of a search (up to 50,000 events); the export is audited as an export. */
export async function exportAuditCsv(ctx: RequestContext, f: AuditFilter): Promise<string> {
  const { items } = await searchAudit(ctx, f, { offset: 0, limit: 50_000 }, 'audit.export');
  const lines = [CSV_COLUMNS.join(','), ...items.map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export interface BreakGlassView {
  id: string;
  userId: string;
  username: string;
  fullName: string;
  patientId: string;
  reasonCode: string;
  reasonText: string;
  startedAt: string;
  expiresAt: string;
  reviewStatus: string;
  reviewedAt: string | null;
  reviewNote: string | null;
}

export async function breakGlassQueue(
  ctx: RequestContext,
  status: string | undefined,
  page: { offset: number; limit: number },
): Promise<BreakGlassView[]> {
  return withTransaction(ctx.db, async (trx) => {
    const rows = await breakGlassEvents(trx, status, page);
    await recordAudit(trx, ctx, {
      action: 'breakglass.queue_read',
      patientIds: [...new Set(rows.map((r) => r.patient_id))],
      resourceType: 'BreakGlass',
      details: { status: status ?? 'all', returned: rows.length },
    });
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      username: r.username,
      fullName: r.full_name,
      patientId: r.patient_id,
      reasonCode: r.reason_code,
      reasonText: r.reason_text,
      startedAt: r.started_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      reviewStatus: r.review_status,
      reviewedAt: r.reviewed_at?.toISOString() ?? null,
      reviewNote: r.review_note,
    }));
  });
}

/** Acknowledges or escalates a break-the-glass event with a note; escalated events can later be closed. */
export async function reviewBreakGlass(
  ctx: RequestContext,
  id: string,
  input: { decision: 'acknowledged' | 'escalated'; note: string },
): Promise<void> {
  if (!ctx.actor) throw unauthorized();
  const note = input.note.trim();
  if (note.length < 3) throw validationFailed([{ field: 'note', message: 'Write a short review note.' }]);
  const bg = await findBreakGlass(ctx.db, id);
  if (!bg) throw notFound('The break-the-glass event');
  if (bg.review_status === 'acknowledged') {
    throw validationFailed([{ field: 'decision', message: 'This event has already been closed.' }]);
  }
  const reviewer = ctx.actor.userId;
  await withTransaction(ctx.db, async (trx) => {
    await setBreakGlassReview(trx, id, {
      review_status: input.decision,
      reviewed_by: reviewer,
      reviewed_at: ctx.clock.now(),
      review_note: note,
    });
    await recordAudit(trx, ctx, {
      action: 'breakglass.review',
      patientIds: [bg.patient_id],
      resourceType: 'BreakGlass',
      resourceId: id,
      details: { decision: input.decision, from: bg.review_status },
    });
  });
}
