import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { cipherFor } from './cipher.ts';
import { activeMatchModel } from './match-model.service.ts';
import {
  type MatchModel,
  type MatchRecord,
  type MatchResult,
  maxWeight,
  scorePair,
  type Thresholds,
} from './matching.ts';
import { rowToMatchRecord, ssnHashes } from './patient-mapper.ts';
import type { MatchInput } from './patients.schemas.ts';
import {
  type BlockProbe,
  type CandidateRow,
  candidateRows,
  idsByOtherName,
  matchExtras,
} from './search.queries.ts';
import { toItems } from './search.service.ts';
import { dateVariants, digits, phoneticKey } from './similarity.ts';

export const thresholds = (ctx: RequestContext): Thresholds => ({
  certain: ctx.config.MATCH_CERTAIN,
  probable: ctx.config.MATCH_PROBABLE,
  possible: ctx.config.MATCH_POSSIBLE,
});

/** The blocking keys of a record about to be compared. */
export function probeOf(r: MatchRecord, otherNameIds: string[], excludeId?: string): BlockProbe {
  return {
    familyKey: phoneticKey(r.family),
    givenKey: phoneticKey(r.given),
    familyNorm: r.family,
    birthDate: r.birthDate,
    dateVariants: dateVariants(r.birthDate),
    otherFamilyKeys: (r.otherFamilies ?? []).map(phoneticKey),
    ssnHash: r.ssnHash ?? null,
    ssnLast4Hash: r.ssnLast4Hash ?? null,
    phones: (r.phones ?? []).map((p) => digits(p).slice(-10)).filter((p) => p.length >= 7),
    otherNameIds,
    ...(excludeId ? { excludeId } : {}),
  };
}

export interface ScoredCandidate {
  row: CandidateRow;
  result: MatchResult;
}

/**
 * Blocks in SQL, scores in Node: every candidate sharing a block key with `probe` is scored and those
 * at or above the "possible" threshold are returned, best first.
 */
export async function scoredCandidates(
  ctx: RequestContext,
  db: DbOrTx,
  probe: MatchRecord,
  excludeId?: string,
  model?: MatchModel,
): Promise<ScoredCandidate[]> {
  const m = model ?? (await activeMatchModel(db)).model;
  const otherNameIds = await idsByOtherName(db, phoneticKey(probe.family));
  const rows = await candidateRows(db, probeOf(probe, otherNameIds, excludeId));
  const others = await matchExtras(
    db,
    rows.map((r) => r.id),
  );
  const t = thresholds(ctx);
  return rows
    .map((row) => ({ row, result: scorePair(probe, rowToMatchRecord(row, others.get(row.id)), t, m) }))
    .filter((c) => c.result.band !== 'unlikely')
    .sort((a, b) => b.result.score - a.result.score);
}

function recordOf(ctx: RequestContext, input: MatchInput): MatchRecord {
  // Format only: synthetic data uses never-issued 9xx areas, and a typo'd SSN still helps ranking.
  const ssn =
    input.ssn && digits(input.ssn).length === 9 ? ssnHashes(cipherFor(ctx.config), input.ssn) : null;
  return {
    family: input.family,
    given: input.given,
    middle: input.middle ?? null,
    otherFamilies: input.otherNames.map((n) => n.family),
    birthDate: input.birthDate,
    sex: input.sexAtBirth,
    ssnHash: ssn?.full ?? null,
    ssnLast4Hash: ssn?.last4 ?? null,
    addressLine: input.address?.line1 ?? null,
    postalCode: input.address?.postalCode ?? null,
    phones: input.phones.map((p) => p.number),
    memberIds: input.memberIds,
  };
}

/**
 * Likely existing records for a patient about to be registered, with score, band and the reason for
 * every field (issue 4: the clerk chooses to use one or to create a new record). Displayed candidates
 * are audited; restricted ones show only that they exist.
 */
export async function matchCandidates(ctx: RequestContext, input: MatchInput) {
  return withTransaction(ctx.db, async (trx) => {
    const active = await activeMatchModel(trx);
    const scored = (await scoredCandidates(ctx, trx, recordOf(ctx, input), undefined, active.model)).slice(
      0,
      10,
    );
    const items = await toItems(
      ctx,
      trx,
      scored.map((s) => s.row),
    );
    await recordAudit(trx, ctx, {
      action: 'patient.match',
      patientIds: items.map((i) => i.id),
      details: { candidates: items.length },
    });
    return {
      /** Which weights scored (null: the starting weights) and their strongest possible total. */
      matcher: { version: active.version, maxWeight: maxWeight(active.model) },
      candidates: scored.map((s, i) => {
        const patient = items[i]!;
        // A restricted record keeps its score but not the field-by-field reasons (they would reveal data).
        return {
          patient,
          score: s.result.score,
          band: s.result.band,
          fields: patient.restricted ? [] : s.result.fields,
          cautions: patient.restricted ? [] : s.result.cautions,
        };
      }),
    };
  });
}
