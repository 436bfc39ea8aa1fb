import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data.ts';
import { analyseSurvival } from './analysis.ts';
import { parseCsv } from './csv.ts';
import type { ConfType } from './survival.ts';
import { survivalInputFromCsv } from './survival-input.ts';

/** Golden files written by scripts/golden/survival.R from R's survival package (R 4.2.2, survival 3.5-3). */
interface GoldenGroup {
  group: string;
  n: number;
  events: number;
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  time: number[];
  atRisk: number[];
  events_: number[];
  censored: number[];
  survival: number[];
  stdErr: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
}
interface Golden {
  dataset: string;
  file: string;
  time: string;
  status: string;
  group: string;
  runs: {
    confType: ConfType;
    single: boolean;
    groups: GoldenGroup[];
    logRank: { chiSquare: number; df: number; p: number } | null;
  }[];
}

const goldenDir = path.join(import.meta.dirname, 'golden');
const goldens: Golden[] = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(goldenDir, f), 'utf8')) as Golden);

/** pbc's status is 0 censored / 1 transplant / 2 dead: the golden's `dead` column is status == 2. */
function csvFor(g: Golden): string {
  const text = readFileSync(sharedData('survival', g.file), 'utf8');
  if (g.status !== 'dead') return text;
  const { header, rows } = parseCsv(text);
  const si = header.indexOf('status');
  const lines = [[...header, 'dead'].join(',')];
  for (const r of rows) lines.push([...r, r[si] === '' ? '' : r[si] === '2' ? '1' : '0'].join(','));
  return lines.join('\n');
}

const REL = 1e-9;
function close(actual: number | null, expected: number | null): boolean {
  if (expected === null) return actual === null;
  if (actual === null) return false;
  return Math.abs(actual - expected) <= REL * Math.max(Math.abs(expected), 1e-300) || actual === expected;
}

function mismatches(label: string, actual: (number | null)[], expected: (number | null)[]): string[] {
  if (actual.length !== expected.length)
    return [`${label}: ${actual.length} values, R has ${expected.length}`];
  return expected.flatMap((e, i) =>
    close(actual[i] ?? null, e) ? [] : [`${label}[${i}]: ${actual[i]} vs R ${e}`],
  );
}

describe('Kaplan–Meier, median and log-rank equal R survival on the shared datasets', () => {
  it('has golden files for the shared datasets', () => {
    expect(goldens.map((g) => g.dataset)).toEqual(
      expect.arrayContaining([
        'aml',
        'lung',
        'veteran',
        'ovarian',
        'colon',
        'gbsg',
        'kidney',
        'pbc',
        'cancer',
      ]),
    );
  });
  for (const g of goldens) {
    for (const run of g.runs) {
      it(`${g.dataset} ${run.single ? '~ 1' : `~ ${g.group}`} conf.type=${run.confType}`, () => {
        const input = survivalInputFromCsv(csvFor(g), {
          time: g.time,
          status: g.status,
          group: run.single ? undefined : g.group,
        });
        const result = analyseSurvival(input, { confType: run.confType });
        const problems: string[] = [];
        expect(result.groups.map((x) => x.group)).toEqual(run.groups.map((x) => x.group));
        run.groups.forEach((rg, i) => {
          const ours = result.groups[i];
          if (!ours) return;
          const pts = ours.points;
          expect([ours.n, ours.events]).toEqual([rg.n, rg.events]);
          problems.push(
            ...mismatches(
              `${rg.group} time`,
              pts.map((p) => p.time),
              rg.time,
            ),
            ...mismatches(
              `${rg.group} atRisk`,
              pts.map((p) => p.atRisk),
              rg.atRisk,
            ),
            ...mismatches(
              `${rg.group} events`,
              pts.map((p) => p.events),
              rg.events_,
            ),
            ...mismatches(
              `${rg.group} censored`,
              pts.map((p) => p.censored),
              rg.censored,
            ),
            ...mismatches(
              `${rg.group} survival`,
              pts.map((p) => p.survival),
              rg.survival,
            ),
            ...mismatches(
              `${rg.group} stdErr`,
              pts.map((p) => p.stdErr),
              rg.stdErr,
            ),
            ...mismatches(
              `${rg.group} lower`,
              pts.map((p) => p.lower),
              rg.lower,
            ),
            ...mismatches(
              `${rg.group} upper`,
              pts.map((p) => p.upper),
              rg.upper,
            ),
            ...mismatches(
              `${rg.group} median`,
              [ours.median, ours.medianLower, ours.medianUpper],
              [rg.median, rg.medianLower, rg.medianUpper],
            ),
          );
        });
        if (run.logRank === null) expect(result.logRank).toBeNull();
        else {
          expect(result.logRank?.df).toBe(run.logRank.df);
          problems.push(
            ...mismatches('chiSquare', [result.logRank?.chiSquare ?? null], [run.logRank.chiSquare]),
            ...mismatches('p', [result.logRank?.p ?? null], [run.logRank.p]).filter(
              () => run.logRank !== null && run.logRank.p > 1e-300,
            ),
          );
        }
        expect(problems.slice(0, 10)).toEqual([]);
      });
    }
  }
});
