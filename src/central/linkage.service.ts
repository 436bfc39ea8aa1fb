import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { RequestContext } from '../kernel/context.ts';
import { type Tx, withTransaction } from '../kernel/db.ts';
import type { CentralBlockTable, CentralLinkTable, CentralReviewTable } from './central.tables.ts';
import { consolidateDirty } from './consolidation.service.ts';
import { actorName, auditCentral, requireCentral } from './gate.ts';
import {
  blockCandidates,
  insertBlocks,
  insertLinks,
  insertPersons,
  insertReviews,
  markDirty,
  pendingRecords,
  personsBySourceNumber,
} from './linkage.queries.ts';
import { bestCandidate, blockKeysOf, type Candidate, decide, matchRecordOf, probeKeysOf } from './linkage.ts';

/** Records linked per transaction: a stop loses at most one batch, and a re-run resumes after the last. */
const BATCH = 500;

export interface LinkTally {
  /** Linked automatically (certain band). */
  linked: number;
  /** Linked to the person an earlier record of the same source and Patient ID Number has. */
  sameNumber: number;
  /** Sent to clerical review. */
  review: number;
  /** New registry persons. */
  newPersons: number;
  /** Persons whose consolidated record was rebuilt. */
  consolidated: number;
}

const thresholds = (ctx: RequestContext) => ({
  certain: ctx.config.MATCH_CERTAIN,
  probable: ctx.config.MATCH_PROBABLE,
  possible: ctx.config.MATCH_POSSIBLE,
});

/**
 * Links every pending record to a registry person (issue 16 "Linkage"), a batch per transaction. Blocks in
 * SQL (`central_block`), scores in Node with the MPI matcher, and decides by band. Records of one batch
 * see each other (two sources sending the same new person in one run make one person).
 */
export async function linkPending(ctx: RequestContext): Promise<LinkTally> {
  // Then every person whose links changed is consolidated (consolidation.service.ts).
  await requireCentral(ctx, 'registry:write');
  const tally: LinkTally = { linked: 0, sameNumber: 0, review: 0, newPersons: 0, consolidated: 0 };
  for (;;) {
    const done = await withTransaction(ctx.db, (trx) => linkBatch(ctx, trx, tally));
    if (done < BATCH) break;
  }
  tally.consolidated = await consolidateDirty(ctx);
  await auditCentral(ctx.db, ctx, 'central.link', { ...tally });
  return tally;
}

async function linkBatch(ctx: RequestContext, trx: Tx, tally: LinkTally): Promise<number> {
  const records = await pendingRecords(trx, BATCH);
  if (records.length === 0) return 0;
  const now = ctx.clock.now();
  const by = actorName(ctx);
  const t = thresholds(ctx);
  const prior = new Map<string, string>();
  for (const p of await personsBySourceNumber(
    trx,
    records.map((r) => ({ sourceId: r.source_id, number: r.patient_id_number })),
  ))
    if (!prior.has(`${p.source_id}|${p.patient_id_number}`))
      prior.set(`${p.source_id}|${p.patient_id_number}`, p.person_id);

  const matches = new Map(records.map((r) => [r.id, matchRecordOf(r.items)]));
  const byKey = new Map<string, Candidate[]>();
  const add = (key: string, c: Candidate) => {
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  };
  const allKeys = [...new Set([...matches.values()].flatMap(probeKeysOf))];
  for (const c of await blockCandidates(trx, allKeys))
    add(c.key, { personId: c.person_id, recordId: c.record_id, match: matchRecordOf(c.items) });

  const persons: { id: string; created_at: Date }[] = [];
  const links: Insertable<CentralLinkTable>[] = [];
  const blocks: Insertable<CentralBlockTable>[] = [];
  const reviews: Insertable<CentralReviewTable>[] = [];
  const dirty = new Set<string>();
  const link = (
    recordId: string,
    personId: string,
    method: CentralLinkTable['method'],
    score: number | null,
  ) => {
    links.push({ person_id: personId, record_id: recordId, method, score, decided_by: by, linked_at: now });
    const m = matches.get(recordId)!;
    for (const key of blockKeysOf(m)) {
      blocks.push({ person_id: personId, key, record_id: recordId });
      add(key, { personId, recordId, match: m });
    }
    dirty.add(personId);
  };

  for (const r of records) {
    const known = prior.get(`${r.source_id}|${r.patient_id_number}`);
    if (known) {
      link(r.id, known, 'same-number', null);
      tally.sameNumber++;
      continue;
    }
    const m = matches.get(r.id)!;
    const candidates = probeKeysOf(m).flatMap((k) => byKey.get(k) ?? []);
    const best = bestCandidate(m, candidates, t);
    const decision = decide(best);
    if (decision === 'link' && best) {
      link(r.id, best.personId, 'auto', best.result.score);
      tally.linked++;
    } else if (decision === 'review' && best) {
      reviews.push({
        record_id: r.id,
        candidate_person_id: best.personId,
        candidate_record_id: best.recordId,
        score: best.result.score,
        band: best.result.band,
        fields: best.result.fields,
        cautions: best.result.cautions,
        status: 'pending',
        decided_by: null,
        decided_at: null,
        reason: null,
        created_at: now,
      });
      tally.review++;
    } else {
      const id = randomUUID();
      persons.push({ id, created_at: now });
      link(r.id, id, 'new', best?.result.score ?? null);
      tally.newPersons++;
    }
    // A source's later record with the same number in this batch follows this one.
    const p = links.at(-1);
    if (p?.record_id === r.id) prior.set(`${r.source_id}|${r.patient_id_number}`, p.person_id);
  }
  await insertPersons(trx, persons);
  await insertLinks(trx, links);
  await insertBlocks(trx, blocks);
  await insertReviews(trx, reviews);
  await markDirty(trx, [...dirty]);
  return records.length;
}
