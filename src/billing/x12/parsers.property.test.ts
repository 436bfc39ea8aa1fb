import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertOnlyCodedFailures, mutatedSample } from '../../../test/fuzz.ts';
import { sharedData } from '../../../test/shared-data.ts';
import { AppError } from '../../kernel/errors.ts';
import { parse835 } from '../remit/x835.ts';
import { parseX12 } from './segment.ts';

const read = (...parts: string[]) => {
  const dir = sharedData(...parts);
  return readdirSync(dir).map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
};
const remits = [
  ...read('x12', 'linuxforhealth-x12', '835_005010X221A1'),
  ...read('x12', 'oopfactory-x12parser-cddl').filter((t) => t.includes('*835*')),
];
const claims = read('x12', 'linuxforhealth-x12', '837_005010X222A2');

// Both readers refuse bad files with coded errors (REMIT_FILE_INVALID, X12_MALFORMED), nothing else.
const coded = (e: unknown) => e instanceof AppError;

describe('X12 readers under random and mutated input (fast-check)', () => {
  it('has real samples to mutate', () => {
    expect(remits.length).toBeGreaterThan(3);
    expect(claims.length).toBeGreaterThan(3);
  });

  it('the 835 reader reads or refuses with a coded error, never crashes', { timeout: 300_000 }, () => {
    const seen = assertOnlyCodedFailures(mutatedSample(remits), parse835, coded);
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('the segment reader reads or refuses with a coded error, never crashes', { timeout: 300_000 }, () => {
    const seen = assertOnlyCodedFailures(mutatedSample(claims), parseX12, coded);
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
