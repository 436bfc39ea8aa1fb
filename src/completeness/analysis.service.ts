import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import {
  closeDeficiencies,
  type DeficiencyRow,
  insertDeficiencies,
  insertEvents,
  openOf,
  ruleSettings,
  updateDeficiency,
} from './deficiency.queries.ts';
import { type OpenDeficiency, reconcile } from './reconcile.ts';
import { analyseEncounter, type EncounterSnapshot, type Finding, type RuleSettings } from './rules/index.ts';
import {
  consentDocuments,
  cosignRequests,
  encounterEntries,
  encounterIdPage,
  encounterRows,
  noteSignatures,
} from './snapshot.queries.ts';
import { buildSnapshots } from './snapshot.ts';

export interface AnalysisCounts {
  encounters: number;
  opened: number;
  closed: number;
  updated: number;
}

/** A facility's rule settings (hospital-wide defaults overridden by the facility's own). */
export async function loadRuleSettings(db: DbOrTx, facilityKey = '*'): Promise<RuleSettings> {
  const out: RuleSettings = {};
  for (const s of await ruleSettings(db, facilityKey))
    out[s.rule_id] = { enabled: s.enabled, params: s.params };
  return out;
}

/** The rules' view of a batch of encounters, read in six queries. */
export async function loadSnapshots(db: DbOrTx, ids: string[]): Promise<EncounterSnapshot[]> {
  const [encounters, entries, consents] = await Promise.all([
    encounterRows(db, ids),
    encounterEntries(db, ids),
    consentDocuments(db, ids),
  ]);
  const entryIds = entries.map((e) => e.id);
  const [signatures, cosigns] = await Promise.all([
    noteSignatures(db, entryIds),
    cosignRequests(db, entryIds),
  ]);
  return buildSnapshots({ encounters, entries, signatures, cosigns, consents });
}

const toOpenDeficiency = (d: DeficiencyRow): OpenDeficiency => ({
  id: d.id,
  ruleId: d.rule_id,
  itemKey: d.item_key,
  responsibleId: d.responsible_user_id,
  dueAt: d.due_at,
  manual: d.manual,
});

/**
 * Runs the rules over a batch of encounters and brings their deficiencies in line: new findings open,
 * fixed ones close automatically, the same one never opens twice (issue 5). Manual deficiencies are
 * left to the clerk. Runs in the caller's transaction; one audit event records what changed.
 */
export async function analyseBatch(
  trx: DbOrTx,
  ctx: RequestContext,
  ids: string[],
  settings: RuleSettings,
): Promise<AnalysisCounts> {
  const [snaps, open] = await Promise.all([loadSnapshots(trx, ids), openOf(trx, ids)]);
  const now = ctx.clock.now();
  const { toInsert, toClose, updates, renamed } = plan(ids, snaps, open, settings, now);
  const inserted = await insertDeficiencies(trx, toInsert);
  await closeDeficiencies(
    trx,
    toClose.map((c) => c.id),
    { status: 'closed', at: now, by: null, reason: 'fixed' },
  );
  for (const u of updates)
    await updateDeficiency(trx, u.id, { responsible_user_id: u.responsibleId, due_at: u.dueAt });
  for (const u of renamed) await updateDeficiency(trx, u.id, { description: u.description });
  await insertEvents(trx, [
    ...inserted.map((d) => event(d.id, d.patient_id, 'opened', now, { to: d.responsible_user_id })),
    ...toClose.map((d) => event(d.id, d.patient_id, 'closed', now, { reason: 'fixed' })),
  ]);
  const counts = {
    encounters: ids.length,
    opened: inserted.length,
    closed: toClose.length,
    updated: updates.length,
  };
  if (counts.opened + counts.closed + counts.updated > 0) {
    const changed = new Set([...inserted.map((d) => d.patient_id), ...toClose.map((d) => d.patient_id)]);
    await recordAudit(trx, ctx, {
      action: 'completion.deficiency.analyse',
      patientIds: [...changed],
      resourceType: 'completeness_deficiency',
      details: counts,
    });
  }
  return counts;
}

/** What to open, close and update for a batch of encounters (pure: rules + reconcile per encounter). */
function plan(
  ids: string[],
  snaps: EncounterSnapshot[],
  open: DeficiencyRow[],
  settings: RuleSettings,
  now: Date,
) {
  const openBy = new Map<string, DeficiencyRow[]>();
  for (const d of open) openBy.set(d.encounter_id, [...(openBy.get(d.encounter_id) ?? []), d]);
  const snapBy = new Map(snaps.map((s) => [s.encounterId, s]));
  const toInsert: ReturnType<typeof newRow>[] = [];
  const toClose: DeficiencyRow[] = [];
  const updates: { id: string; responsibleId: string | null; dueAt: Date }[] = [];
  const renamed: { id: string; description: string }[] = [];
  for (const id of ids) {
    const snap = snapBy.get(id);
    // An encounter gone from the record (entered in error) has nothing left to complete.
    const findings: Finding[] = snap ? analyseEncounter(snap, settings) : [];
    const current = openBy.get(id) ?? [];
    const r = reconcile(current.map(toOpenDeficiency), findings);
    for (const f of r.toOpen) toInsert.push(newRow(snap as EncounterSnapshot, f, now));
    const closeIds = new Set(r.toClose.map((c) => c.id));
    toClose.push(...current.filter((c) => closeIds.has(c.id)));
    updates.push(...r.toUpdate);
    // The same item can change how it reads (a missing summary becomes an unsigned draft).
    for (const f of findings) {
      const same = current.find((c) => !c.manual && c.rule_id === f.ruleId && c.item_key === f.itemKey);
      if (same && same.description !== f.description)
        renamed.push({ id: same.id, description: f.description });
    }
  }
  return { toInsert, toClose, updates, renamed };
}

function newRow(snap: EncounterSnapshot, f: Finding, now: Date) {
  return {
    patient_id: snap.patientId,
    encounter_id: snap.encounterId,
    facility_id: snap.facilityId,
    service: snap.service ?? null,
    rule_id: f.ruleId,
    item_key: f.itemKey,
    description: f.description,
    responsible_user_id: f.responsibleId,
    manual: false,
    status: 'open' as const,
    opened_at: now,
    due_at: f.dueAt,
    closed_at: null,
    closed_by: null,
    close_reason: null,
  };
}

export const event = (
  id: string,
  patientId: string,
  action: 'opened' | 'updated' | 'reassigned' | 'waived' | 'closed',
  at: Date,
  o: { from?: string | null; to?: string | null; reason?: string | null; actor?: string | null } = {},
) => ({
  deficiency_id: id,
  patient_id: patientId,
  action,
  from_user_id: o.from ?? null,
  to_user_id: o.to ?? null,
  reason: o.reason ?? null,
  actor_user_id: o.actor ?? null,
  at,
});

/** Re-analyses one encounter inside the transaction that changed its record (the chart's change hook). */
export async function analyseOnChange(trx: DbOrTx, ctx: RequestContext, encounterId: string): Promise<void> {
  await analyseBatch(trx, ctx, [encounterId], await loadRuleSettings(trx));
}

/**
 * Analyses every encounter from scratch, a batch per transaction (the nightly run, `chartkeeper
 * completion analyse`, and the benchmark). Safe to re-run: nothing opens twice.
 */
export async function analyseAll(
  ctx: RequestContext,
  opts: { batchSize?: number; onBatch?: (done: number) => void | Promise<void> } = {},
): Promise<AnalysisCounts> {
  const size = opts.batchSize ?? 1000;
  const settings = await loadRuleSettings(ctx.db);
  const total: AnalysisCounts = { encounters: 0, opened: 0, closed: 0, updated: 0 };
  let after: string | null = null;
  for (;;) {
    const ids = await encounterIdPage(ctx.db, after, size);
    if (ids.length === 0) break;
    const c = await withTransaction(ctx.db, (trx) => analyseBatch(trx, ctx, ids, settings));
    for (const k of Object.keys(total) as (keyof AnalysisCounts)[]) total[k] += c[k];
    after = ids[ids.length - 1] ?? null;
    await opts.onBatch?.(total.encounters);
  }
  return total;
}
