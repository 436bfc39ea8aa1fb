import {
  activeStaffLinks,
  careRelationshipPairs,
  dailyChartCounts,
  labelsOf,
  recordAudit,
  recordTouches,
  workTiePairs,
} from '../access/index.ts';
import { encounterTies } from '../chart/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { badRequest } from '../kernel/errors.ts';
import { patientsForPrivacy } from '../patients/index.ts';
import {
  type AlertRow,
  addUserDays,
  daysWithHistory,
  insertScan,
  saveUserDays,
  upsertAlerts,
  userDays,
} from './privacy.queries.ts';
import {
  type AlertDraft,
  evaluateDay,
  type Facts,
  reasonOnRecord,
  type Thresholds,
  type Touch,
  type VolumeFacts,
} from './rules.ts';
import { currentThresholds } from './thresholds.ts';

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const addDays = (day: string, n: number) => isoDay(new Date(dayStart(day).getTime() + n * DAY_MS));

export interface ScanResult {
  day: string;
  events: number;
  touches: number;
  alertsNew: number;
  alertsUpdated: number;
  ms: number;
}

/** The days `privacy scan --since DAY` covers: DAY through today (UTC), at most a year. */
export function daysSince(since: string, today: string): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(dayStart(since).getTime()))
    throw badRequest('PRIVACY_SINCE_INVALID', 'Give --since as a date, YYYY-MM-DD.');
  if (since > today) throw badRequest('PRIVACY_SINCE_INVALID', '--since is after today; give a past date.');
  const out: string[] = [];
  for (let d = since; d <= today && out.length < 366; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * Scans one UTC day of the audit trail and writes its alerts (issue 23). Reads go through the owning
 * domains (access: the trail, labels, relationships, staff links; chart: encounters; patients:
 * demographics). Safe to repeat: alerts are keyed by user, patient and day.
 */
export async function scanDay(ctx: RequestContext, day: string): Promise<ScanResult> {
  const started = ctx.clock.now();
  const t0 = performance.now();
  const result = await withTransaction(ctx.db, async (trx) => {
    const thresholds = await currentThresholds(trx);
    const from = dayStart(day);
    const to = dayStart(addDays(day, 1));
    const touches = (await recordTouches(trx, from, to)).map(
      (r): Touch => ({
        userId: r.user_id,
        username: r.username ?? '',
        roles: (r.roles ?? '').split(',').filter(Boolean),
        patientId: r.patient_id,
        count: r.n,
        firstAt: r.first_at,
        lastAt: r.last_at,
        breakGlass: r.break_glass,
        eventIds: r.event_ids,
      }),
    );
    const facts = await gatherFacts(trx, touches, day, thresholds);
    const volume = await volumeFacts(trx, touches, day, thresholds);
    const drafts = evaluateDay(day, touches, facts, volume, thresholds);
    const counts = await upsertAlerts(
      trx,
      drafts.map((d) => toRow(day, d, facts)),
      ctx.clock.now(),
    );
    const events = touches.reduce((n, x) => n + x.count, 0);
    await insertScan(trx, {
      day,
      started_at: started,
      finished_at: ctx.clock.now(),
      started_by: ctx.actor?.username ?? ctx.operator ?? ctx.channel,
      events,
      touches: touches.length,
      alerts_new: counts.created,
      alerts_updated: counts.updated,
    });
    await recordAudit(trx, ctx, {
      action: 'privacy.scan',
      resourceType: 'PrivacyScan',
      details: { day, events, alertsNew: counts.created, alertsUpdated: counts.updated },
    });
    return { day, events, touches: touches.length, alertsNew: counts.created, alertsUpdated: counts.updated };
  });
  return { ...result, ms: Math.round(performance.now() - t0) };
}

async function gatherFacts(trx: DbOrTx, touches: Touch[], day: string, t: Thresholds): Promise<Facts> {
  const from = dayStart(day);
  const to = dayStart(addDays(day, 1));
  const windowFrom = dayStart(addDays(day, -t.reasonWindowDays));
  const links = await activeStaffLinks(trx);
  const linksByUser = new Map<string, { patientId: string; kind: 'self' | 'family' }[]>();
  const staffOwners = new Map<string, Set<string>>();
  for (const l of links) {
    linksByUser.set(l.user_id, [
      ...(linksByUser.get(l.user_id) ?? []),
      { patientId: l.patient_id, kind: l.kind },
    ]);
    if (l.kind === 'self')
      staffOwners.set(l.patient_id, (staffOwners.get(l.patient_id) ?? new Set()).add(l.user_id));
  }
  const patientIds = [...new Set([...touches.map((x) => x.patientId), ...links.map((l) => l.patient_id)])];
  const users = touches.map((x) => x.userId);
  const pts = touches.map((x) => x.patientId);
  const [labels, careRelationships, encounters, demo] = await Promise.all([
    labelsOf(trx, patientIds),
    careRelationshipPairs(trx, users, pts, from, to),
    encounterTies(trx, patientIds, windowFrom, to),
    patientsForPrivacy(trx, patientIds),
  ]);
  const encounterProviders = new Set(
    encounters.filter((e) => e.provider_id).map((e) => `${e.provider_id}|${e.patient_id}`),
  );
  const facts: Facts = {
    labels,
    careRelationships,
    encounterProviders,
    recentEncounters: new Set(encounters.map((e) => e.patient_id)),
    workTies: new Set(),
    linksByUser,
    staffOwners,
    patients: new Map(
      demo.map((p) => [
        p.id,
        { familyNorm: p.family_norm, addressKey: p.address_key, dateOfDeath: p.date_of_death },
      ]),
    ),
  };
  // Work done on the record (a registration, a release) is looked up only for touches still without a reason.
  const open = touches.filter((x) => reasonOnRecord(x, facts) === null);
  facts.workTies = await workTiePairs(
    trx,
    open.map((x) => x.userId),
    open.map((x) => x.patientId),
    windowFrom,
    to,
  );
  return facts;
}

/** The volume rule's history: kept per-user counts, filled from the trail for days never scanned. */
async function volumeFacts(trx: DbOrTx, touches: Touch[], day: string, t: Thresholds): Promise<VolumeFacts> {
  const histFrom = addDays(day, -t.historyDays);
  const known = await daysWithHistory(trx, histFrom, day);
  const missing: string[] = [];
  for (let d = histFrom; d < day; d = addDays(d, 1)) if (!known.has(d)) missing.push(d);
  if (missing.length)
    await addUserDays(
      trx,
      await dailyChartCounts(
        trx,
        dayStart(missing[0] as string),
        dayStart(addDays(missing.at(-1) as string, 1)),
      ),
    );
  const history = new Map<string, number[]>();
  const roleCounts = new Map<string, number[]>();
  for (const r of await userDays(trx, histFrom, day)) {
    history.set(r.user_id, [...(history.get(r.user_id) ?? []), r.charts]);
    const role = r.role ?? '';
    roleCounts.set(role, [...(roleCounts.get(role) ?? []), r.charts]);
  }
  const today = new Map<string, { role: string | null; charts: number }>();
  for (const x of touches) {
    const cur = today.get(x.userId) ?? { role: x.roles[0] ?? null, charts: 0 };
    cur.charts += 1;
    today.set(x.userId, cur);
  }
  await saveUserDays(
    trx,
    day,
    [...today].map(([user_id, v]) => ({ user_id, role: v.role, charts: v.charts })),
  );
  return { history, roleCounts };
}

function toRow(day: string, d: AlertDraft, f: Facts): AlertRow {
  const patient = d.patientId ? f.patients.get(d.patientId) : undefined;
  return {
    day,
    user_id: d.userId,
    username: d.username,
    role: d.role,
    patient_id: d.patientId,
    rules: [...new Set(d.hits.map((h) => h.rule))].sort(),
    evidence: {
      hits: d.hits,
      eventIds: d.eventIds,
      breakGlass: d.breakGlass,
      labels: d.patientId ? [...(f.labels.get(d.patientId) ?? [])].sort() : [],
      deceased: patient?.dateOfDeath ?? null,
      volume: d.volume ?? null,
    },
    event_count: d.count,
    first_at: d.firstAt.toISOString(),
    last_at: d.lastAt.toISOString(),
  };
}
