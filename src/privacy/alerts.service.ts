import { recordAudit, touchEvents } from '../access/index.ts';
import { impermissibleAccessEntry, recordImpermissibleAccess } from '../disclosure/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { AppError, conflict, type FieldIssue, validationFailed } from '../kernel/errors.ts';
import {
  type AlertFilter,
  addHistory,
  alertById,
  alertCounts,
  alertHistory,
  listAlerts,
  reviewAlert,
  userProfileDays,
} from './privacy.queries.ts';
import type { AlertDetail } from './privacy.schemas.ts';
import { requireMonitor } from './privacy.service.ts';
import type { AlertStatus } from './privacy.tables.ts';
import { quantile, RULES } from './rules.ts';
import { currentPolicy } from './thresholds.ts';

const DAY_MS = 86_400_000;
const notFound = () => new AppError('PRIVACY_ALERT_NOT_FOUND', 'No privacy alert has this id.', 404);

/** Where an alert may go next: new → under review → closed (appropriate or violation); a closed alert may be reopened. */
const NEXT: Record<AlertStatus, AlertStatus[]> = {
  new: ['under_review', 'closed_appropriate', 'closed_violation'],
  under_review: ['closed_appropriate', 'closed_violation', 'new'],
  closed_appropriate: ['under_review'],
  closed_violation: ['under_review'],
};

const name = (r: { family_name: string | null; given_name: string | null }) =>
  [r.family_name, r.given_name].filter(Boolean).join(', ');

/** The privacy officer's alert queue. Audited with the patients it names (the queue shows them). */
export async function alertQueue(ctx: RequestContext, f: AlertFilter) {
  return withTransaction(ctx.db, async (trx) => {
    const [{ items, total }, counts] = await Promise.all([listAlerts(trx, f), alertCounts(trx)]);
    await recordAudit(trx, ctx, {
      action: 'privacy.alerts.read',
      resourceType: 'PrivacyAlert',
      patientIds: [...new Set(items.flatMap((i) => (i.patient_id ? [i.patient_id] : [])))],
      details: { filter: { status: f.status, rule: f.rule }, returned: items.length },
    });
    return {
      items: items.map((i) => ({
        id: i.id,
        day: i.day,
        userId: i.user_id,
        username: i.username,
        role: i.role,
        patient: i.patient_id && i.mrn ? { id: i.patient_id, mrn: i.mrn, name: name(i) } : null,
        rules: i.rules,
        status: i.status,
        eventCount: i.event_count,
        firstAt: i.first_at.toISOString(),
        lastAt: i.last_at.toISOString(),
        version: i.version,
      })),
      total,
      page: f.page,
      pageSize: f.pageSize,
      counts: Object.fromEntries(counts.map((c) => [c.status, c.n])),
      rules: { ...RULES },
    };
  });
}

/** One alert with its evidence timeline (the user's events on the patient that day) and review history. */
export async function alertDetail(ctx: RequestContext, id: string): Promise<AlertDetail> {
  return withTransaction(ctx.db, async (trx) => {
    const a = await alertById(trx, id);
    if (!a) throw notFound();
    const from = new Date(`${a.day}T00:00:00.000Z`);
    const [events, history, entry] = await Promise.all([
      touchEvents(trx, a.user_id, a.patient_id, from, new Date(from.getTime() + DAY_MS)),
      alertHistory(trx, id),
      a.patient_id ? impermissibleAccessEntry(trx, a.patient_id, id) : null,
    ]);
    await recordAudit(trx, ctx, {
      action: 'privacy.alert.read',
      resourceType: 'PrivacyAlert',
      resourceId: id,
      patientIds: a.patient_id ? [a.patient_id] : [],
    });
    const ev = a.evidence as {
      hits: { rule: string; why: string }[];
      labels: string[];
      deceased: string | null;
      breakGlass: boolean;
      volume: AlertDetail['volume'];
    };
    return {
      id: a.id,
      day: a.day,
      userId: a.user_id,
      username: a.username,
      role: a.role,
      patient: a.patient_id && a.mrn ? { id: a.patient_id, mrn: a.mrn, name: name(a) } : null,
      rules: a.rules,
      status: a.status,
      eventCount: a.event_count,
      firstAt: a.first_at.toISOString(),
      lastAt: a.last_at.toISOString(),
      version: a.version,
      hits: ev.hits ?? [],
      labels: ev.labels ?? [],
      deceased: ev.deceased ?? null,
      breakGlass: Boolean(ev.breakGlass),
      volume: ev.volume ?? null,
      reviewedBy: a.reviewed_by,
      reviewedAt: a.reviewed_at?.toISOString() ?? null,
      notes: a.notes,
      accountedAt: entry?.enteredAt ?? null,
      timeline: events.map((e) => ({
        id: e.id,
        at: e.occurred_at.toISOString(),
        action: e.action,
        outcome: e.outcome,
        breakGlass: e.break_glass,
        resourceType: e.resource_type,
        channel: e.channel,
        sourceIp: e.source_ip,
      })),
      history: history.map((h) => ({
        at: h.at.toISOString(),
        by: h.by_name,
        fromStatus: h.from_status,
        toStatus: h.to_status,
        notes: h.notes,
      })),
    };
  });
}

/**
 * Moves an alert through its life cycle. Closing needs notes (what the review found); the change is
 * versioned (409 on a stale version), kept in the append-only history and audited.
 */
export async function reviewPrivacyAlert(
  ctx: RequestContext,
  id: string,
  input: { status?: AlertStatus; notes?: string; version?: number },
): Promise<AlertDetail> {
  const issues: FieldIssue[] = [];
  const notes = (input.notes ?? '').trim();
  if (!input.status) issues.push({ field: 'status', message: 'Choose what the review concluded.' });
  if (input.version === undefined)
    issues.push({ field: 'version', message: 'Send the version you reviewed.' });
  if (input.status?.startsWith('closed') && !notes)
    issues.push({ field: 'notes', message: 'Say what the review found before closing the alert.' });
  if (issues.length) throw validationFailed(issues);
  await withTransaction(ctx.db, async (trx) => {
    const a = await alertById(trx, id);
    if (!a) throw notFound();
    const to = input.status as AlertStatus;
    if (!NEXT[a.status].includes(to))
      throw conflict('PRIVACY_ALERT_STATUS', `An alert that is "${a.status}" cannot move to "${to}".`);
    const by = ctx.actor?.username ?? ctx.operator ?? ctx.channel;
    const at = ctx.clock.now();
    const done = await reviewAlert(trx, id, input.version as number, {
      status: to,
      notes: notes || null,
      by,
      at,
    });
    if (!done)
      throw conflict(
        'PRIVACY_ALERT_STALE',
        'Someone changed this alert since you opened it; reload it and review again.',
      );
    await addHistory(trx, {
      alert_id: id,
      at,
      by_name: by,
      from_status: a.status,
      to_status: to,
      notes: notes || null,
    });
    await recordAudit(trx, ctx, {
      action: 'privacy.alert.review',
      resourceType: 'PrivacyAlert',
      resourceId: id,
      patientIds: a.patient_id ? [a.patient_id] : [],
      details: { from: a.status, to },
    });
    // A violation is a disclosure the Privacy Rule does not except from the accounting (164.528(a)):
    // enter it in the patient's accounting when policy says so, once per alert however often re-reviewed.
    if (to === 'closed_violation' && a.patient_id && (await currentPolicy(trx)).accountViolations)
      await recordImpermissibleAccess(ctx, trx, {
        alertId: id,
        patientId: a.patient_id,
        day: a.day,
        workforceMember: a.role ? `${a.username} (${a.role})` : a.username,
        description: `Record accessed without a permitted purpose: ${a.event_count} audited event(s) on ${a.day} (${a.rules.join(', ')})`,
      });
  });
  return alertDetail(ctx, id);
}

/** A user's access profile: charts opened per day and their median, and how many alerts name them. */
export async function userAccessProfile(ctx: RequestContext, userId: string, days: number) {
  return withTransaction(ctx.db, async (trx) => {
    const from = new Date(ctx.clock.now().getTime() - days * DAY_MS).toISOString().slice(0, 10);
    const rows = await userProfileDays(trx, userId, from);
    const { total } = await listAlerts(trx, { userId, page: 1, pageSize: 1 });
    await recordAudit(trx, ctx, {
      action: 'privacy.profile.read',
      resourceType: 'AccessUser',
      resourceId: userId,
    });
    return {
      userId,
      days: rows,
      median: quantile(
        rows.map((r) => r.charts),
        0.5,
      ),
      alerts: total,
    };
  });
}

export interface OpenAlertCount {
  new: number;
  underReview: number;
  open: number;
}

/**
 * How many alerts await the privacy officer (new and under review), for "My work" (issue 20) and other
 * domains reading through index.ts. A count names no patient, so it is not audited; the permission check
 * is, when refused (`privacy:monitor`; CLI and job contexts are trusted).
 */
export async function openAlertCount(ctx: RequestContext): Promise<OpenAlertCount> {
  await requireMonitor(ctx);
  const counts = new Map((await alertCounts(ctx.db)).map((c) => [c.status, c.n]));
  const fresh = counts.get('new') ?? 0;
  const underReview = counts.get('under_review') ?? 0;
  return { new: fresh, underReview, open: fresh + underReview };
}
