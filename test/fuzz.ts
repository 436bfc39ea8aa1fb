import fc from 'fast-check';

/**
 * Inputs for parser property tests (issue 19, "bad input, everywhere"): real samples from ../shared/data
 * cut, spliced, doubled and sprinkled with the characters parsers trip on (delimiters, NUL and other
 * controls, lone surrogates, very long runs), plus wholly random text.
 */
const nasty = fc.constantFrom(
  '\u0000',
  '\r',
  '\n',
  '\r\n',
  '|',
  '^',
  '~',
  '\\',
  '&',
  '*',
  ':',
  '>',
  '<',
  '"',
  "'",
  '\uFEFF',
  '\uD800',
  '\u202E',
  '\u0007',
  '&amp;',
  ']]>',
  '<!--',
  '<?xml',
  'ISA',
  'MSH|',
  'ST*',
  'SE*',
  '\t',
  ' ',
  '',
);

type Edit =
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'double'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat({ max: 200 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      nasty,
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      nasty.map((c) => c.repeat(5000)),
    ),
  }),
  fc.record({ kind: fc.constant('double' as const), at: fc.nat(), length: fc.nat({ max: 500 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.kind) {
    case 'cut':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'double':
      return text.slice(0, at + e.length) + text.slice(at, at + e.length) + text.slice(at + e.length);
    case 'truncate':
      return text.slice(0, at);
  }
}

/** One of the samples with up to eight random edits, or random text (a tenth of the runs). */
export function mutatedSample(samples: string[]): fc.Arbitrary<string> {
  const mutated = fc
    .tuple(fc.constantFrom(...samples), fc.array(edit, { minLength: 1, maxLength: 8 }))
    .map(([s, edits]) => edits.reduce(apply, s));
  return fc.oneof(
    { arbitrary: mutated, weight: 9 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }), weight: 1 },
  );
}

/**
 * Runs `parse` on each input: it must return or throw one of the parser's own coded errors — never a
 * TypeError, RangeError or any other crash. Returns how many inputs were accepted, so a test can also
 * check the property was not vacuous.
 */
export function assertOnlyCodedFailures(
  inputs: fc.Arbitrary<string>,
  parse: (text: string) => unknown,
  isCoded: (e: unknown) => boolean,
  numRuns = Number(process.env.FUZZ_RUNS ?? 400),
): { accepted: number; refused: number } {
  const seen = { accepted: 0, refused: 0 };
  fc.assert(
    fc.property(inputs, (text) => {
      try {
        parse(text);
        seen.accepted++;
      } catch (e) {
        if (!isCoded(e)) throw e;
        seen.refused++;
      }
    }),
    // A fixed seed keeps CI repeatable; FUZZ_SEED / FUZZ_RUNS give a longer, different run (nightly).
    { numRuns, seed: Number(process.env.FUZZ_SEED ?? 20261207) },
  );
  return seen;
}
