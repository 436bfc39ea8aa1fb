import { trainModel } from '../src/patients/em.ts';
import { type Evaluation, evaluate, generateEvaluationSet } from '../src/patients/evaluation.ts';
import { DEFAULT_THRESHOLDS, PRIOR_MODEL, scorePair } from '../src/patients/matching.ts';
import type { Figure } from './lib.ts';

/**
 * Issue 17: matching quality on the labelled synthetic evaluation set (seeded; duplicates with
 * registration slips, and look-alikes: twins, juniors/seniors, siblings, spouses, common-name strangers).
 * The model is estimated by EM on the set's own records (labels unused), then every labelled pair is
 * scored. Prints the confusion per band and per kind, and the precision/recall curve over thresholds.
 */
const PEOPLE = Number(process.env.BENCH_MATCH_PEOPLE ?? 20_000);

function print(title: string, e: Evaluation) {
  const w = (s: string) => process.stderr.write(s);
  w(`\n-- ${title}\n`);
  w(`duplicate bands  ${JSON.stringify(e.duplicateBands)}\n`);
  w(`look-alike bands ${JSON.stringify(e.lookAlikeBands)}\n`);
  for (const [k, c] of Object.entries(e.byKind).sort()) w(`  ${k.padEnd(22)} ${JSON.stringify(c)}\n`);
  w(
    `recall certain ${e.recallCertain.toFixed(4)}, certain+probable ${e.recallCertainOrProbable.toFixed(4)}; look-alikes certain ${e.lookAlikeCertainRate.toFixed(4)}, certain+probable ${e.lookAlikeCertainOrProbableRate.toFixed(4)}; wrong person certain ${e.wrongPersonCertain}\n`,
  );
}

export async function run(): Promise<Figure[]> {
  const set = generateEvaluationSet(20261207, PEOPLE);
  const started = performance.now();
  const model = trainModel(set.records, { now: new Date('2026-12-07T00:00:00Z') });
  const trainMs = performance.now() - started;
  print(
    'prior model (before the first training)',
    evaluate(set, (a, b) => scorePair(a, b, DEFAULT_THRESHOLDS, PRIOR_MODEL)),
  );
  const e = evaluate(set, (a, b) => scorePair(a, b, DEFAULT_THRESHOLDS, model));
  print(
    `EM-trained model (${model.pairs} blocked pairs, ${model.iterations} iterations, λ ${model.lambda.toFixed(4)})`,
    e,
  );
  process.stderr.write('\nweights log2(m/u) per level:\n');
  for (const f of Object.keys(model.m) as (keyof typeof model.m)[])
    process.stderr.write(
      `  ${f.padEnd(10)} ${Object.keys(model.m[f])
        .map((l) => `${l} ${Math.log2(model.m[f][l]! / model.u[f][l]!).toFixed(1)}`)
        .join(', ')}\n`,
    );
  process.stderr.write('\nthreshold  recall  look-alikes≥t (before cautions)  precision\n');
  for (const c of e.curve.filter((x) => x.threshold >= 0 && x.threshold <= 40))
    process.stderr.write(
      `${String(c.threshold).padStart(9)}  ${c.recall.toFixed(4)}  ${c.lookAlikeRate.toFixed(4)}                        ${c.precision.toFixed(4)}\n`,
    );
  return [
    { name: 'duplicate pairs', value: e.duplicates, unit: 'pairs' },
    { name: 'look-alike pairs', value: e.lookAlikes, unit: 'pairs' },
    { name: 'EM training time', value: trainMs, unit: 'ms' },
    { name: `recall, certain (≥ ${DEFAULT_THRESHOLDS.certain})`, value: e.recallCertain, unit: 'ratio' },
    { name: 'recall, certain + probable', value: e.recallCertainOrProbable, unit: 'ratio', target: '≥ 0.97' },
    { name: 'look-alikes graded certain', value: e.lookAlikeCertainRate, unit: 'ratio', target: '≤ 0.005' },
    {
      name: 'look-alikes graded certain or probable',
      value: e.lookAlikeCertainOrProbableRate,
      unit: 'ratio',
    },
    {
      name: 'wrong person graded certain for a duplicate',
      value: e.wrongPersonCertain,
      unit: 'pairs',
      target: '0',
    },
  ];
}
