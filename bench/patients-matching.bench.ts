import { evaluate, generateEvaluationSet } from '../src/patients/evaluation.ts';
import { DEFAULT_THRESHOLDS, scorePair } from '../src/patients/matching.ts';
import type { Figure } from './lib.ts';

/**
 * Issue 17: matching quality on the labelled synthetic evaluation set (seeded; duplicates with
 * registration slips, and look-alikes: twins, juniors/seniors, siblings, spouses, common-name strangers).
 * Prints the confusion per band, per kind, and the precision/recall curve over score thresholds.
 */
const PEOPLE = Number(process.env.BENCH_MATCH_PEOPLE ?? 20_000);

export async function run(): Promise<Figure[]> {
  const set = generateEvaluationSet(20261207, PEOPLE);
  const e = evaluate(set, (a, b) => scorePair(a, b));
  process.stderr.write(`duplicate bands ${JSON.stringify(e.duplicateBands)}\n`);
  process.stderr.write(`look-alike bands ${JSON.stringify(e.lookAlikeBands)}\n`);
  for (const [k, c] of Object.entries(e.byKind).sort())
    process.stderr.write(`  ${k.padEnd(22)} ${JSON.stringify(c)}\n`);
  process.stderr.write('threshold  recall  look-alikes≥t  precision\n');
  for (const c of e.curve.filter((x) => x.threshold % 2 === 0))
    process.stderr.write(
      `${String(c.threshold).padStart(9)}  ${c.recall.toFixed(4)}  ${c.lookAlikeRate.toFixed(4)}        ${c.precision.toFixed(4)}\n`,
    );
  return [
    { name: 'duplicate pairs', value: e.duplicates, unit: 'pairs' },
    { name: 'look-alike pairs', value: e.lookAlikes, unit: 'pairs' },
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
