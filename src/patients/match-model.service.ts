import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { trainModel } from './em.ts';
import { patientErrors } from './errors.ts';
import { evaluate, generateEvaluationSet } from './evaluation.ts';
import {
  activateModel,
  activeModelRef,
  countModels,
  insertModel,
  listModels,
  modelById,
  modelByVersion,
} from './match-model.queries.ts';
import { DEFAULT_THRESHOLDS, type MatchModel, type MatchRecord, PRIOR_MODEL, scorePair } from './matching.ts';
import { rowToMatchRecord } from './patient-mapper.ts';
import { actorName } from './patients.service.ts';
import { matchExtras } from './search.queries.ts';
import { sweepBatch } from './sweep.queries.ts';

/**
 * Stored matcher weights (issue 17). `trainMatcher` runs EM (em.ts) on the live index, scores the seeded
 * labelled evaluation set with the new weights and stores them as the next version; the version becomes
 * active when its figures meet the aims (otherwise it is kept, inactive, and the reason said). The
 * matcher (`activeMatchModel`) uses the active version and falls back to the starting weights.
 */

/** Fewer active records than this give EM too little to learn from. */
export const MIN_TRAINING_RECORDS = 50;
/** The labelled set every new version is checked on (seeded: the same people each time). */
export const EVALUATION_SEED = 20261207;
export const EVALUATION_PEOPLE = 2_000;

/** The aims of issue 17; a version that misses one is not activated by training. */
export const AIMS = { recallCertainOrProbable: 0.97, lookAlikeCertainRate: 0.005, wrongPersonCertain: 0 };

export interface ModelEvaluation {
  people: number;
  duplicates: number;
  lookAlikes: number;
  recallCertain: number;
  recallCertainOrProbable: number;
  lookAlikeCertainRate: number;
  wrongPersonCertain: number;
  meetsAims: boolean;
  /** Why the version was not activated, when it missed an aim. */
  missed: string[];
}

export interface MatcherVersion {
  id: string;
  version: number;
  trainedAt: string;
  trainedBy: string;
  records: number;
  pairs: number;
  iterations: number;
  converged: boolean;
  lambda: number;
  evaluation: ModelEvaluation;
  active: boolean;
  activatedAt: string | null;
  activatedBy: string | null;
}

type Row =
  | NonNullable<Awaited<ReturnType<typeof modelById>>>
  | Awaited<ReturnType<typeof listModels>>[number];
const toVersion = (r: Row): MatcherVersion => ({
  id: r.id,
  version: r.version,
  trainedAt: r.trained_at.toISOString(),
  trainedBy: r.trained_by,
  records: r.records,
  pairs: r.pairs,
  iterations: r.iterations,
  converged: r.converged,
  lambda: r.lambda,
  evaluation: r.evaluation as unknown as ModelEvaluation,
  active: r.active,
  activatedAt: r.activated_at?.toISOString() ?? null,
  activatedBy: r.activated_by,
});

// Models are immutable once stored: a process keeps each one it has loaded, by id.
const loaded = new Map<string, MatchModel>();

export interface ActiveModel {
  /** null: no trained version is active and the starting weights are used. */
  version: number | null;
  model: MatchModel;
}

/** The model the matcher scores with: the active stored version, else the starting weights. */
export async function activeMatchModel(db: DbOrTx): Promise<ActiveModel> {
  const ref = await activeModelRef(db);
  if (!ref) return { version: null, model: PRIOR_MODEL };
  let model = loaded.get(ref.id);
  if (!model) {
    const row = await modelById(db, ref.id);
    if (!row) return { version: null, model: PRIOR_MODEL };
    model = row.model as unknown as MatchModel;
    loaded.set(ref.id, model);
  }
  return { version: ref.version, model };
}

/** Every active record of the index, as the matcher sees it. */
async function indexRecords(db: DbOrTx): Promise<MatchRecord[]> {
  const out: MatchRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const batch = await sweepBatch(db, after, 5000);
    if (batch.length === 0) return out;
    const extras = await matchExtras(
      db,
      batch.map((b) => b.id),
    );
    for (const p of batch) out.push(rowToMatchRecord(p, extras.get(p.id)));
    after = batch.at(-1)!.id;
  }
}

/** Scores the seeded labelled set with `model` and checks the figures against the aims. */
export function evaluateModel(ctx: RequestContext, model: MatchModel): ModelEvaluation {
  const set = generateEvaluationSet(EVALUATION_SEED, EVALUATION_PEOPLE);
  const t = {
    certain: ctx.config.MATCH_CERTAIN ?? DEFAULT_THRESHOLDS.certain,
    probable: ctx.config.MATCH_PROBABLE ?? DEFAULT_THRESHOLDS.probable,
    possible: ctx.config.MATCH_POSSIBLE ?? DEFAULT_THRESHOLDS.possible,
  };
  const e = evaluate(set, (a, b) => scorePair(a, b, t, model));
  const missed: string[] = [];
  if (e.recallCertainOrProbable < AIMS.recallCertainOrProbable)
    missed.push(`recall ${e.recallCertainOrProbable.toFixed(3)} < ${AIMS.recallCertainOrProbable}`);
  if (e.lookAlikeCertainRate > AIMS.lookAlikeCertainRate)
    missed.push(
      `look-alikes graded certain ${e.lookAlikeCertainRate.toFixed(4)} > ${AIMS.lookAlikeCertainRate}`,
    );
  if (e.wrongPersonCertain > AIMS.wrongPersonCertain)
    missed.push(`${e.wrongPersonCertain} wrong-person pairs graded certain`);
  return {
    people: EVALUATION_PEOPLE,
    duplicates: e.duplicates,
    lookAlikes: e.lookAlikes,
    recallCertain: e.recallCertain,
    recallCertainOrProbable: e.recallCertainOrProbable,
    lookAlikeCertainRate: e.lookAlikeCertainRate,
    wrongPersonCertain: e.wrongPersonCertain,
    meetsAims: missed.length === 0,
    missed,
  };
}

/**
 * Trains a new version on the live index (EM over blocked pairs, u from random pairs), evaluates it
 * and stores it; it becomes the active version when it meets the aims. Audited.
 */
export async function trainMatcher(
  ctx: RequestContext,
  opts: { randomPairs?: number } = {},
): Promise<MatcherVersion> {
  const records = await indexRecords(ctx.db);
  if (records.length < MIN_TRAINING_RECORDS)
    throw patientErrors.tooFewToTrain(records.length, MIN_TRAINING_RECORDS);
  const now = ctx.clock.now();
  const model = trainModel(records, { now, ...(opts.randomPairs ? { randomPairs: opts.randomPairs } : {}) });
  const evaluation = evaluateModel(ctx, model);
  return withTransaction(ctx.db, async (trx) => {
    const by = actorName(ctx);
    const { id, version } = await insertModel(trx, {
      model: JSON.stringify(model),
      trained_at: now,
      trained_by: by,
      records: records.length,
      pairs: model.pairs,
      iterations: model.iterations,
      converged: model.converged,
      lambda: model.lambda,
      evaluation: JSON.stringify(evaluation),
    });
    if (evaluation.meetsAims) await activateModel(trx, id, now, by);
    await recordAudit(trx, ctx, {
      action: 'patient.matcher.train',
      resourceType: 'PatientMatchModel',
      resourceId: id,
      details: {
        version,
        records: records.length,
        pairs: model.pairs,
        activated: evaluation.meetsAims,
        recallCertainOrProbable: evaluation.recallCertainOrProbable,
        lookAlikeCertainRate: evaluation.lookAlikeCertainRate,
        wrongPersonCertain: evaluation.wrongPersonCertain,
      },
    });
    const row = await modelById(trx, id);
    return toVersion(row!);
  });
}

export async function matcherVersions(db: DbOrTx, page: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([listModels(db, page.limit, page.offset), countModels(db)]);
  return { items: rows.map(toVersion), total };
}

export async function matcherVersion(db: DbOrTx, version: number): Promise<MatcherVersion> {
  const row = await modelByVersion(db, version);
  if (!row) throw patientErrors.matcherVersionNotFound();
  return toVersion(row);
}
