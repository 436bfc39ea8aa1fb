import {
  compareLevels,
  LEVELS,
  MATCH_FIELDS,
  type MatchField,
  type MatchModel,
  type MatchRecord,
  PRIOR_MODEL,
} from './matching.ts';
import { dateVariants, digits, normalizeName, phoneticKey } from './similarity.ts';
import { rng } from './synthetic.ts';

/**
 * Estimates the matcher's m/u probabilities from the index itself, as Splink does:
 *  - u (chance agreement) from random pairs of records, which are almost all different people;
 *  - m and the match prior λ by expectation–maximisation (Dempster, Laird & Rubin 1977; Winkler 1988)
 *    over the pairs that share a blocking key (OR-blocking: birth date, phonetic surname + given name,
 *    surname + a transposed/swapped birth date, SSN, phone), u held fixed;
 *  - value frequencies of surnames and given names for the term-frequency adjustment.
 * Missing fields are left out of a pair's likelihood (missing at random).
 */
export interface TrainOptions {
  seed?: number;
  /** Random pairs drawn for u. */
  randomPairs?: number;
  /** Blocks larger than this are skipped (a common birth date in a huge index adds noise, not signal). */
  maxBlock?: number;
  maxIterations?: number;
  tolerance?: number;
  /** Names kept in the frequency table. */
  frequencyTop?: number;
  now?: Date;
}

/** OR-blocking keys of a record (the same keys the SQL candidate search uses). */
export function blockingKeys(r: MatchRecord): string[] {
  const f = phoneticKey(r.family);
  const phones = (r.phones ?? []).map((p) => digits(p).slice(-10)).filter((p) => p.length >= 7);
  return [
    `d:${r.birthDate}`,
    `n:${f}:${phoneticKey(r.given)}`,
    ...dateVariants(r.birthDate).map((d) => `v:${f}:${d}`),
    `v:${f}:${r.birthDate}`,
    ...(r.ssnHash ? [`s:${r.ssnHash}`] : []),
    ...phones.map((p) => `p:${p}`),
  ];
}

/** Candidate pairs (index pairs i < j) sharing at least one blocking key. */
export function blockedPairs(
  records: readonly MatchRecord[],
  maxBlock = 200,
  prefix = '',
): [number, number][] {
  const blocks = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const k of blockingKeys(r)) {
      if (!k.startsWith(prefix)) continue;
      const b = blocks.get(k);
      if (b) b.push(i);
      else blocks.set(k, [i]);
    }
  });
  const seen = new Set<number>();
  const out: [number, number][] = [];
  const n = records.length;
  for (const ids of blocks.values()) {
    if (ids.length < 2 || ids.length > maxBlock) continue;
    for (let x = 0; x < ids.length; x++)
      for (let y = x + 1; y < ids.length; y++) {
        const i = Math.min(ids[x]!, ids[y]!);
        const j = Math.max(ids[x]!, ids[y]!);
        const key = i * n + j;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push([i, j]);
      }
  }
  return out;
}

type Counts = Record<MatchField, Record<string, number>>;
const zeroCounts = (): Counts =>
  Object.fromEntries(
    MATCH_FIELDS.map((f) => [f, Object.fromEntries(LEVELS[f].map((l) => [l, 0]))]),
  ) as unknown as Counts;

function normalise(c: Counts, pseudo: number): Counts {
  const out = zeroCounts();
  for (const f of MATCH_FIELDS) {
    const total = LEVELS[f].reduce((s, l) => s + c[f][l]! + pseudo, 0);
    for (const l of LEVELS[f]) out[f][l] = (c[f][l]! + pseudo) / total;
  }
  return out;
}

function frequencyTable(records: readonly MatchRecord[], pick: (r: MatchRecord) => string, top: number) {
  const counts = new Map<string, number>();
  for (const r of records) {
    const v = normalizeName(pick(r));
    if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return Object.fromEntries(
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([v, n]) => [v, n / records.length]),
  );
}

/** One EM run over `pairs` with u fixed; fields in `fixed` are left out of the likelihood. */
function emSession(
  records: readonly MatchRecord[],
  pairs: [number, number][],
  u: Counts,
  fixed: MatchField[],
  opts: TrainOptions,
): { m: Counts; lambda: number; iterations: number; converged: boolean } {
  const patterns = new Map<string, { levels: string[]; count: number }>();
  for (const [i, j] of pairs) {
    const levels = compareLevels(records[i]!, records[j]!).map((l, k) =>
      fixed.includes(MATCH_FIELDS[k]!) ? 'missing' : l.level,
    );
    const key = levels.join('|');
    const p = patterns.get(key);
    if (p) p.count++;
    else patterns.set(key, { levels, count: 1 });
  }
  let m = normalise(
    Object.fromEntries(
      MATCH_FIELDS.map((f) => [f, Object.fromEntries(LEVELS[f].map((l) => [l, PRIOR_MODEL.m[f][l]! * 100]))]),
    ) as unknown as Counts,
    0,
  );
  let lambda = 0.01;
  const maxIt = opts.maxIterations ?? 200;
  const tol = opts.tolerance ?? 1e-6;
  let iterations = 0;
  let converged = false;
  const pats = [...patterns.values()];
  while (iterations < maxIt) {
    iterations++;
    const mCounts = zeroCounts();
    let matches = 0;
    let total = 0;
    for (const p of pats) {
      let lm = Math.log(lambda);
      let lu = Math.log(1 - lambda);
      p.levels.forEach((l, k) => {
        if (l === 'missing') return;
        const f = MATCH_FIELDS[k]!;
        lm += Math.log(m[f][l]!);
        lu += Math.log(u[f][l]!);
      });
      const w = 1 / (1 + Math.exp(lu - lm));
      matches += w * p.count;
      total += p.count;
      p.levels.forEach((l, k) => {
        if (l !== 'missing') mCounts[MATCH_FIELDS[k]!][l]! += w * p.count;
      });
    }
    const next = normalise(mCounts, 0.01);
    const nextLambda = Math.min(0.999, Math.max(1e-6, matches / Math.max(1, total)));
    let delta = Math.abs(nextLambda - lambda);
    for (const f of MATCH_FIELDS)
      for (const l of LEVELS[f]) delta = Math.max(delta, Math.abs(next[f][l]! - m[f][l]!));
    m = next;
    lambda = nextLambda;
    if (delta < tol) {
      converged = true;
      break;
    }
  }
  return { m, lambda, iterations, converged };
}

/**
 * Trains a model on `records`. Deterministic for a seed.
 * @example const model = trainModel(records, { now: new Date() })
 */
export function trainModel(records: readonly MatchRecord[], opts: TrainOptions = {}): MatchModel {
  const r = rng(opts.seed ?? 20261207);
  const n = records.length;
  if (n < 2) return { ...PRIOR_MODEL, trainedAt: (opts.now ?? new Date()).toISOString() };

  // u from random pairs.
  const uCounts = zeroCounts();
  const draws = Math.min(opts.randomPairs ?? 200_000, (n * (n - 1)) / 2);
  for (let k = 0; k < draws; k++) {
    const i = Math.floor(r() * n);
    let j = Math.floor(r() * (n - 1));
    if (j >= i) j++;
    for (const l of compareLevels(records[i]!, records[j]!))
      if (l.level !== 'missing') uCounts[l.field][l.level]!++;
  }
  const u = normalise(uCounts, 0.5);

  // Splink's training sessions: EM over pairs blocked on one rule estimates m for every field except
  // the ones the rule forces to agree (their m would be biased); each field's m is the mean over the
  // sessions that estimated it.
  const sessions: { prefix: string; fixed: MatchField[] }[] = [
    { prefix: 'd:', fixed: ['birthDate'] },
    { prefix: 'n:', fixed: ['family', 'given'] },
  ];
  const sums = zeroCounts();
  const seen = Object.fromEntries(MATCH_FIELDS.map((f) => [f, 0])) as Record<MatchField, number>;
  let pairsTotal = 0;
  let iterations = 0;
  let converged = true;
  let lambda = 0;
  for (const s of sessions) {
    const pairs = blockedPairs(records, opts.maxBlock ?? 200, s.prefix);
    pairsTotal += pairs.length;
    const est = emSession(records, pairs, u, s.fixed, opts);
    iterations += est.iterations;
    converged &&= est.converged;
    lambda = Math.max(lambda, est.lambda);
    for (const f of MATCH_FIELDS) {
      if (s.fixed.includes(f)) continue;
      seen[f]++;
      for (const l of LEVELS[f]) sums[f][l]! += est.m[f][l]!;
    }
  }
  const m = zeroCounts();
  for (const f of MATCH_FIELDS)
    for (const l of LEVELS[f]) m[f][l] = seen[f] ? sums[f][l]! / seen[f] : PRIOR_MODEL.m[f][l]!;

  const top = opts.frequencyTop ?? 2000;
  return {
    trainedAt: (opts.now ?? new Date()).toISOString(),
    lambda,
    m,
    u,
    frequencies: {
      family: frequencyTable(records, (x) => x.family, top),
      given: frequencyTable(records, (x) => x.given, top),
    },
    rareFrequency: 1 / n,
    pairs: pairsTotal,
    iterations,
    converged,
  };
}
