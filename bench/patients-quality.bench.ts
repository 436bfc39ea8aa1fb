import { generatePatients, type SyntheticPatient } from '../src/patients/index.ts';
import { DEFAULT_THRESHOLDS, type MatchRecord, scorePair } from '../src/patients/matching.ts';
import { dateVariants, phoneticKey } from '../src/patients/similarity.ts';
import type { Figure } from './lib.ts';

/**
 * Matching quality of the certain band on a generated index with planted duplicates whose truth is
 * known: precision = true pairs among those rated certain; recall = true pairs rated certain among all
 * true pairs. Candidate pairs come from the same blocking keys as the SQL (birth date, phonetic names,
 * transposed/swapped dates, SSN, phone), so misses caused by blocking count against recall too.
 */
const N = Number(process.env.BENCH_QUALITY_PATIENTS ?? 100_000);

const rec = (p: SyntheticPatient): MatchRecord => ({
  family: p.family,
  given: p.given,
  middle: p.middle,
  birthDate: p.birthDate,
  sex: p.sex,
  // Equality of the raw synthetic value stands in for equality of the keyed hash.
  ssnHash: p.ssn,
  ssnLast4Hash: p.ssn?.slice(-4) ?? null,
  phones: p.phone ? [p.phone] : [],
  addressLine: p.address?.line1 ?? null,
  postalCode: p.address?.postalCode ?? null,
  memberIds: p.coverage ? [p.coverage.memberId] : [],
});

function blocks(p: SyntheticPatient): string[] {
  const f = phoneticKey(p.family);
  return [
    `d:${p.birthDate}`,
    `n:${f}:${phoneticKey(p.given)}`,
    ...dateVariants(p.birthDate).map((d) => `v:${f}:${d}`),
    `dv:${f}:${p.birthDate}`,
    ...(p.ssn ? [`s:${p.ssn}`] : []),
    ...(p.phone ? [`p:${p.phone}`] : []),
  ];
}

export async function run(): Promise<Figure[]> {
  const all = [...generatePatients(20261125, N, 0.05)];
  const root = (p: SyntheticPatient) => p.duplicateOf ?? p.key;
  const index = new Map<string, SyntheticPatient[]>();
  for (const p of all) {
    for (const b of blocks(p)) {
      // The variant block of a record is probed with `v:` keys and stored under `dv:`.
      const key = b.startsWith('v:') ? null : b.startsWith('dv:') ? `v:${b.slice(3)}` : b;
      if (key) index.set(key, [...(index.get(key) ?? []), p]);
    }
  }
  const seen = new Set<string>();
  let tp = 0;
  let fp = 0;
  let tp2 = 0;
  let fp2 = 0;
  for (const p of all) {
    for (const b of blocks(p)) {
      if (b.startsWith('dv:')) continue;
      for (const q of index.get(b) ?? []) {
        if (q.key <= p.key) continue;
        const id = `${p.key}:${q.key}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const band = scorePair(rec(p), rec(q)).band;
        const same = root(p) === root(q);
        if (band === 'certain' || band === 'probable') same ? tp2++ : fp2++;
        if (band === 'certain') same ? tp++ : fp++;
      }
    }
  }
  const groups = new Map<number, number>();
  for (const p of all) groups.set(root(p), (groups.get(root(p)) ?? 0) + 1);
  const truePairs = [...groups.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  return [
    { name: 'generated patients', value: N, unit: 'records' },
    { name: 'true duplicate pairs', value: truePairs, unit: 'pairs' },
    { name: 'candidate pairs scored', value: seen.size, unit: 'pairs' },
    {
      name: `certain-band precision (score ≥ ${DEFAULT_THRESHOLDS.certain})`,
      value: tp / (tp + fp),
      unit: 'ratio',
      target: '≥ 0.99',
    },
    { name: 'certain-band recall', value: tp / truePairs, unit: 'ratio', target: '≥ 0.95' },
    {
      name: `certain+probable precision (score ≥ ${DEFAULT_THRESHOLDS.probable})`,
      value: tp2 / (tp2 + fp2),
      unit: 'ratio',
    },
    { name: 'certain+probable recall', value: tp2 / truePairs, unit: 'ratio' },
  ];
}
