import { assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { patientErrors } from './errors.ts';
import type { Caution, FieldComparison } from './matching.ts';
import { findPair, pairCounts, queuedPairs, setPairDeferred, setPairStatus } from './merge.queries.ts';
import { actorName } from './patients.service.ts';
import { rowsByIds } from './search.queries.ts';
import { toItems } from './search.service.ts';

/**
 * The duplicate review queue (issue 17): pairs the sweep graded certain or probable, filtered by grade,
 * deferred while the reviewer waits for proof, dismissed as different people (remembered) or merged
 * (merge.service.ts). Every pair carries the weight each field contributed and the cautions that held it
 * out of "certain"; a restricted record hides both (they would reveal its data).
 */

export interface QueueQuery {
  page: number;
  pageSize: number;
  status: 'open' | 'deferred';
  band?: 'certain' | 'probable' | undefined;
}

type Trx = Parameters<Parameters<typeof withTransaction>[1]>[0];

/** Loads a queued pair and checks the reviewer may see both records. */
async function pairFor(ctx: RequestContext, trx: Trx, pairId: string) {
  const pair = await findPair(trx, pairId);
  if (!pair) throw patientErrors.duplicateNotFound();
  await assertCanSeePatient(ctx, trx, pair.patient_a, 'patient:merge');
  await assertCanSeePatient(ctx, trx, pair.patient_b, 'patient:merge');
  return pair;
}

/** Marks a queued pair as not the same person; the sweep never proposes it again. */
export async function markNotDuplicate(ctx: RequestContext, pairId: string) {
  return withTransaction(ctx.db, async (trx) => {
    const pair = await pairFor(ctx, trx, pairId);
    await setPairStatus(
      trx,
      pair.patient_a,
      pair.patient_b,
      'not_duplicate',
      ctx.clock.now(),
      actorName(ctx),
    );
    await recordAudit(trx, ctx, {
      action: 'patient.not_duplicate',
      patientIds: [pair.patient_a, pair.patient_b],
      resourceType: 'PatientDuplicate',
      resourceId: pair.id,
    });
    return { ok: true as const };
  });
}

/**
 * Puts an open pair aside with a note (what the reviewer waits for), or, with `note` null, returns a
 * deferred pair to the queue. A deferred pair is still remembered: the sweep does not queue it again.
 */
export async function deferPair(ctx: RequestContext, pairId: string, note: string | null) {
  return withTransaction(ctx.db, async (trx) => {
    const pair = await pairFor(ctx, trx, pairId);
    const deferring = note !== null;
    if (!(await setPairDeferred(trx, pair.id, deferring, note))) {
      throw deferring ? patientErrors.pairNotDeferrable() : patientErrors.pairNotDeferred();
    }
    await recordAudit(trx, ctx, {
      action: deferring ? 'patient.duplicate.defer' : 'patient.duplicate.reopen',
      patientIds: [pair.patient_a, pair.patient_b],
      resourceType: 'PatientDuplicate',
      resourceId: pair.id,
      // The note may name the patient ("waiting for Ms X's licence"): it stays in the row, not the audit.
      details: { by: actorName(ctx) },
    });
    return { ok: true as const };
  });
}

/** The review queue, best score first, filtered by view and grade; displayed patients are audited. */
export async function listDuplicates(ctx: RequestContext, q: QueueQuery) {
  return withTransaction(ctx.db, async (trx) => {
    const pairs = await queuedPairs(trx, {
      status: q.status,
      band: q.band,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const hasMore = pairs.length > q.pageSize;
    const shown = pairs.slice(0, q.pageSize);
    const ids = [...new Set(shown.flatMap((p) => [p.patient_a, p.patient_b]))];
    const items = new Map((await toItems(ctx, trx, await rowsByIds(trx, ids))).map((i) => [i.id, i]));
    await recordAudit(trx, ctx, {
      action: 'patient.duplicates.read',
      patientIds: ids,
      details: { pairs: shown.length, status: q.status, band: q.band ?? null },
    });
    return {
      items: shown.map((p) => {
        const a = items.get(p.patient_a)!;
        const b = items.get(p.patient_b)!;
        const hidden = a.restricted || b.restricted;
        return {
          id: p.id,
          a,
          b,
          score: Number(p.score),
          band: p.band,
          status: p.status as 'open' | 'deferred',
          fields: hidden ? [] : (p.fields as FieldComparison[]),
          cautions: hidden ? [] : (p.cautions as Caution[]),
          deferredNote: hidden ? null : p.deferred_note,
          foundAt: p.found_at.toISOString(),
        };
      }),
      counts: await queueCounts(trx),
      page: q.page,
      pageSize: q.pageSize,
      hasMore,
    };
  });
}

async function queueCounts(trx: Trx) {
  const rows = await pairCounts(trx);
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((s, r) => s + r.n, 0);
  return {
    open: sum((r) => r.status === 'open'),
    deferred: sum((r) => r.status === 'deferred'),
    certain: sum((r) => r.status === 'open' && r.band === 'certain'),
    probable: sum((r) => r.status === 'open' && r.band === 'probable'),
  };
}
