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
  id: StandardId;
  name: string;
  source: string;
  /** Proportions per age group, summing to 1. */
  weights: number[];
}

/**
 * The standards shipped: `us2000-million` is the 2000 U.S. Std Million (rounded to whole persons per
 * million, what NCHS publishes); `us2000` is the unrounded 2000 U.S. Std Population (Census P25-1130,
 * 274,633,642 persons), which SEER has used since the November 2004 submission.
 */
export const STANDARD_IDS = ['us2000-million', 'us2000'] as const;
export type StandardId = (typeof STANDARD_IDS)[number];

const cache = new Map<StandardId, StandardPopulation>();

function read(file: string, column: number, total: number): number[] {
  const { rows } = parseCsv(readFileSync(path.join(import.meta.dirname, 'data', file), 'utf8'));
  const counts = rows.map((r) => Number(r[column]));
  const sum = counts.reduce((a, b) => a + b, 0);
  if (counts.length !== 19 || sum !== total)
    throw new Error(`data/${file} must hold 19 age groups summing to ${total.toLocaleString('en-US')}`);
  return counts;
}

/** A standard population by id (data/us2000-std-19.csv, data/us2000-pop-19.csv; sources in data/README.md). */
export function standardPopulation(id: StandardId): StandardPopulation {
  const hit = cache.get(id);
  if (hit) return hit;
  const counts =
    id === 'us2000' ? read('us2000-pop-19.csv', 2, 274_633_642) : read('us2000-std-19.csv', 2, 1_000_000);
  const total = counts.reduce((a, b) => a + b, 0);
  const std: StandardPopulation =
    id === 'us2000'
      ? {
          id,
          name: '2000 U.S. Std Population (19 age groups, unrounded)',
          source:
            'U.S. Census Bureau P25-1130 (274,633,642 persons) via NCI SEER, https://seer.cancer.gov/stdpopulations/',
          weights: counts.map((c) => c / total),
        }
      : {
          id,
          name: '2000 U.S. Std Million (19 age groups)',
          source: 'U.S. Census Bureau P25-1130 via NCI SEER, https://seer.cancer.gov/stdpopulations/',
          weights: counts.map((c) => c / total),
        };
  cache.set(id, std);
  return std;
}

/** The 2000 U.S. standard million (the default standard). */
export function us2000Standard(): StandardPopulation {
  return standardPopulation('us2000-million');
}
