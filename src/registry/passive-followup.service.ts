import { encounterPatients, latestContactsForFollowup } from '../chart/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import {
  insertPassiveContact,
  lockRegistryPatient,
  type PassiveCandidateRow,
  passiveCandidates,
} from './followup.queries.ts';
import { applyContactItems } from './followup.service.ts';
import { actorName, auditRegistry, requireRegistry } from './gate.ts';
import { passiveContact } from './passive-followup.ts';
import { tumoursOfRegistryPatient } from './registry.queries.ts';

export interface PassiveResult {
  /** Registry patients looked at. */
  screened: number;
  /** Those whose date of last contact moved (a later encounter or result). */
  updated: number;
  /** Those a death record made dead. */
  deaths: number;
}

const PAGE = 500;

/** Applies the contacts the chart and the patient index give to some registry patients, in the caller's transaction. */
async function applyPassive(
  ctx: RequestContext,
  trx: DbOrTx,
  rows: PassiveCandidateRow[],
): Promise<PassiveResult> {
  const out: PassiveResult = { screened: rows.length, updated: 0, deaths: 0 };
  if (rows.length === 0) return out;
  const now = ctx.clock.now();
  const latest = await latestContactsForFollowup(
    ctx,
    trx,
    rows.map((r) => r.patient_id),
    now,
  );
  const changed: string[] = [];
  for (const r of rows) {
    const facts = { patientId: r.patient_id, dateOfDeath: r.date_of_death, diagnoses: r.diagnoses };
    if (!passiveContact({ ...facts, items: r.items, latest: latest.get(r.patient_id) ?? [] }, now)) continue;
    // Decided again on the locked row: a contact recorded meanwhile may already be later.
    const rp = await lockRegistryPatient(trx, r.registry_patient_id);
    const c =
      rp && passiveContact({ ...facts, items: rp.items, latest: latest.get(r.patient_id) ?? [] }, now);
    if (!rp || !c) continue;
    const by = actorName(ctx);
    const recorded = await insertPassiveContact(trx, {
      registry_patient_id: rp.id,
      patient_id: rp.patient_id,
      contact_date: c.contactDate,
      vital_status: c.vitalStatus,
      cancer_status: null,
      follow_up_source: c.followUpSource,
      cause_of_death: null,
      source_kind: c.sourceKind,
      source_id: c.sourceId,
      letter_id: null,
      note: null,
      recorded_by: by,
      recorded_at: now,
    });
    if (!recorded) continue;
    const tumours = await tumoursOfRegistryPatient(trx, rp.id);
    await applyContactItems(ctx, trx, rp, tumours, c, by, now);
    changed.push(r.patient_id);
    if (c.sourceKind === 'death') out.deaths++;
    else out.updated++;
  }
  if (changed.length > 0)
    await auditRegistry(trx, ctx, 'registry.followup_passive', changed, {
      updated: out.updated,
      deaths: out.deaths,
    });
  return out;
}

/** The registry acting for itself on a change someone else made (a physician need not hold registry rights). */
const asRegistry = (ctx: RequestContext): RequestContext => ({
  ...ctx,
  actor: undefined,
  channel: 'job',
  operator: 'job:registry.passive_followup',
});

/**
 * The chart's record-change hook (DomainModule `onRecordChange`, in the chart's transaction): an encounter,
 * or an entry or document on it, changed; when the patient is in the registry, the latest encounter or
 * result moves the date of last contact (issue 14 passive follow-up).
 */
export async function passiveFollowupOnChange(
  trx: DbOrTx,
  ctx: RequestContext,
  encounterId: string,
): Promise<void> {
  const patientId = (await encounterPatients(trx, [encounterId])).get(encounterId);
  if (!patientId) return;
  const rows = await passiveCandidates(trx, { after: null, limit: 10, patientIds: [patientId] });
  if (rows.length > 0) await applyPassive(asRegistry(ctx), trx, rows);
}

/**
 * The passive follow-up sweep (`chartkeeper registry followup passive`, `POST /api/registry/followup/passive`):
 * every registry patient linked to a Chartkeeper patient, a page at a time, each page in its own transaction.
 * It also catches what the record-change hook does not see: results filed without an encounter, imported
 * encounters and results, and death records in the patient index. Needs registry:write; safe to re-run.
 */
export async function runPassiveFollowup(
  ctx: RequestContext,
  opts: { onProgress?: (screened: number) => void } = {},
): Promise<PassiveResult> {
  await requireRegistry(ctx, 'registry:write');
  const total: PassiveResult = { screened: 0, updated: 0, deaths: 0 };
  let after: string | null = null;
  for (;;) {
    const page: PassiveResult & { last: string | null } = await withTransaction(ctx.db, async (trx) => {
      const rows = await passiveCandidates(trx, { after, limit: PAGE });
      return { ...(await applyPassive(ctx, trx, rows)), last: rows.at(-1)?.registry_patient_id ?? null };
    });
    total.screened += page.screened;
    total.updated += page.updated;
    total.deaths += page.deaths;
    opts.onProgress?.(total.screened);
    if (!page.last || page.screened < PAGE) return total;
    after = page.last;
  }
}
