import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from './csv.ts';

/** The 19 age groups of SEER's standard populations: 00, 01–04, 05–09, …, 80–84, 85+. */
export const AGE_GROUPS = [
  '00',
  '01-04',
  '05-09',
  '10-14',
  '15-19',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65-69',
  '70-74',
  '75-79',
  '80-84',
  '85+',
] as const;

/** Index of the 19-group age group of an age in whole years (0 → 00, 1–4 → 01-04, …, 85+ → 85+). */
export function ageGroupOf(age: number): number {
  if (age < 1) return 0;
  if (age < 5) return 1;
  return Math.min(18, Math.floor(age / 5) + 1);
}

export interface StandardPopulation {
  name: string;
  source: string;
  /** Proportions per age group, summing to 1. */
  weights: number[];
}

/**
 * The 2000 U.S. standard population (19 age groups, the standard million), shipped as data in
 * data/us2000-std-19.csv with its source in data/README.md.
 */
export function us2000Standard(): StandardPopulation {
  const { rows } = parseCsv(
    readFileSync(path.join(import.meta.dirname, 'data', 'us2000-std-19.csv'), 'utf8'),
  );
  const counts = rows.map((r) => Number(r[2]));
  const total = counts.reduce((a, b) => a + b, 0);
  if (counts.length !== 19 || total !== 1_000_000)
    throw new Error('data/us2000-std-19.csv must hold 19 age groups summing to 1,000,000');
  return {
    name: '2000 U.S. Std Million (19 age groups)',
    source: 'U.S. Census Bureau P25-1130 via NCI SEER, https://seer.cancer.gov/stdpopulations/',
    weights: counts.map((c) => c / total),
  };
}
