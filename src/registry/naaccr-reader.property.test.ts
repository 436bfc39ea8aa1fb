import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assertOnlyCodedFailures, mutatedSample } from '../../test/fuzz.ts';
import { sharedData } from '../../test/shared-data.ts';
import { parseDictionary } from './dictionary.ts';
import { NaaccrReader, NaaccrSyntaxError } from './naaccr-reader.ts';

const dictionaries = new Map(
  ['240', '250', '260'].map((v) => [
    v,
    parseDictionary(readFileSync(sharedData('naaccr', 'dictionaries', `naaccr-dictionary-${v}.xml`), 'utf8')),
  ]),
);
const samples = ['abstract-10', 'incidence-10'].map((n) =>
  gunzipSync(readFileSync(sharedData('naaccr', 'samples', `naaccr-xml-sample-v250-${n}.xml.gz`))).toString(
    'utf8',
  ),
);

/** Feeds the text in uneven chunks, as a streamed upload arrives. */
function readAll(text: string): void {
  const reader = new NaaccrReader((v) => dictionaries.get(v));
  for (let i = 0; i < text.length; i += 4093) reader.write(text.slice(i, i + 4093));
  reader.end();
}

describe('NAACCR XML reader under random and mutated input (fast-check)', () => {
  it('reads the unmutated samples', () => {
    for (const s of samples) expect(() => readAll(s)).not.toThrow();
  });

  it('reads or refuses with NaaccrSyntaxError, never crashes', { timeout: 300_000 }, () => {
    const seen = assertOnlyCodedFailures(
      mutatedSample(samples),
      readAll,
      (e) => e instanceof NaaccrSyntaxError,
      200,
    );
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
